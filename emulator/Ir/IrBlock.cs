using Hdbt.Guest;

namespace Hdbt.Ir;

/// <summary>
/// The IR of one translation block: a guest pc range, its temps and its ops in order.
/// Temps 0 .. <see cref="CpuState.GlobalSlotCount"/>-1 are always the globals, in <see cref="GlobalSlot"/> order.
/// </summary>
public sealed class IrBlock
{
    public IrBlock(uint guestPc)
    {
        GuestPc = guestPc;
        for (int i = 0; i < CpuState.GlobalSlotCount; i++) Temps.Add(new Temp(TempKind.Global, (uint)i));
    }

    /// <summary>Guest pc of the first instruction.</summary>
    public uint GuestPc { get; }

    /// <summary>Guest pc just after the last instruction.</summary>
    public uint GuestEnd { get; set; }

    /// <summary>Number of guest instructions translated into this block.</summary>
    public int InsnCount { get; set; }

    public List<Temp> Temps { get; } = [];

    public List<Op> Ops { get; } = [];

    public int LabelCount { get; set; }

    public int GuestSize => (int)(GuestEnd - GuestPc);

    /// <summary>Number of ops that are not <see cref="Opcode.Nop"/>.</summary>
    public int LiveOpCount
    {
        get
        {
            int n = 0;
            foreach (var op in Ops) if (op.Code != Opcode.Nop) n++;
            return n;
        }
    }

    /// <summary>Drops <see cref="Opcode.Nop"/> ops.</summary>
    public void Compact() => Ops.RemoveAll(o => o.Code == Opcode.Nop);
}
