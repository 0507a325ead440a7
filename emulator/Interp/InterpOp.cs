using System.Runtime.InteropServices;
using Hdbt.Guest;

namespace Hdbt.Interp;

/// <summary>One IR op prepared for interpretation: a specialized opcode, operands resolved to pointers, labels to op indexes.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct InterpOp
{
    public InterpCode Code;
    public byte Slot;
    public uint Imm;
    /// <summary>Op index a branch goes to.</summary>
    public int Target;
    public uint* D0, D1, S0, S1, S2, S3;
    /// <summary>The helper of a Call.</summary>
    public delegate*<CpuState*, uint, uint, uint, uint, uint> Helper;
}
