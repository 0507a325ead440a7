using System.Runtime.InteropServices;
using Hdbt.Ir;

namespace Hdbt.Interp;

/// <summary>One IR op prepared for interpretation: operands resolved to pointers, labels to op indexes.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct InterpOp
{
    public Opcode Code;
    public Cond Cond;
    public MemOp Mem;
    public byte Slot;
    public uint Imm;
    /// <summary>Op index a branch goes to.</summary>
    public int Target;
    public uint* D0, D1, S0, S1, S2, S3;
}
