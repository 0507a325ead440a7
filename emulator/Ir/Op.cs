using System.Runtime.InteropServices;

namespace Hdbt.Ir;

/// <summary>
/// One IR operation. Operand fields hold temp indexes (see <see cref="IrBlock.Temps"/>);
/// -1 means "none". Which fields an opcode uses is listed on <see cref="Opcode"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct Op
{
    public Opcode Code;
    public Cond Cond;
    public MemOp Mem;
    /// <summary>For <see cref="Opcode.Goto"/>: the chaining slot (0 or 1).</summary>
    public byte Slot;
    public int D0, D1, S0, S1, S2, S3;
    public uint Imm;

    public static Op Make(Opcode code, int d0 = -1, int s0 = -1, int s1 = -1, int s2 = -1, int s3 = -1, uint imm = 0) =>
        new() { Code = code, D0 = d0, D1 = -1, S0 = s0, S1 = s1, S2 = s2, S3 = s3, Imm = imm };

    /// <summary>Calls <paramref name="action"/> for each source temp.</summary>
    public readonly void ForEachSource(Action<int> action)
    {
        if (S0 >= 0) action(S0);
        if (S1 >= 0) action(S1);
        if (S2 >= 0) action(S2);
        if (S3 >= 0) action(S3);
    }
}
