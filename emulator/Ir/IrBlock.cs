using Hdbt.Guest;

namespace Hdbt.Ir;

/// <summary>
/// The IR of one translation block: a guest pc range, its temps and its ops in order.
/// Temps 0 .. <see cref="CpuState.GlobalSlotCount"/>-1 are always the globals, in <see cref="GlobalSlot"/> order.
/// </summary>
public sealed class IrBlock
{
    public IrBlock(uint guestPc) => Reset(guestPc);

    /// <summary>
    /// Empties the block for the IR of another one at <paramref name="guestPc"/>, keeping the lists'
    /// storage: the translator builds every block in the same <see cref="IrBlock"/> (a block's IR lives
    /// only until its backend has turned it into a unit), so translation allocates no IR memory once warm.
    /// </summary>
    public void Reset(uint guestPc)
    {
        GuestPc = guestPc;
        GuestEnd = 0;
        InsnCount = 0;
        LabelCount = 0;
        IsTrace = false;
        SlotCount = 2;
        TraceBlocks.Clear();
        Ops.Clear();
        Temps.Clear();
        for (int i = 0; i < CpuState.GlobalSlotCount; i++) Temps.Add(new Temp(TempKind.Global, (uint)i));
    }

    /// <summary>A copy of <paramref name="source"/> that lives on (the translator reuses its blocks): what is handed to another thread.</summary>
    public static IrBlock CopyOf(IrBlock source)
    {
        var copy = new IrBlock(source.GuestPc)
        {
            GuestEnd = source.GuestEnd, InsnCount = source.InsnCount, LabelCount = source.LabelCount, IsTrace = source.IsTrace,
            SlotCount = source.SlotCount,
        };
        copy.Temps.Clear();
        copy.Temps.AddRange(source.Temps);
        copy.Ops.AddRange(source.Ops);
        copy.TraceBlocks.AddRange(source.TraceBlocks);
        return copy;
    }

    /// <summary>Guest pc of the first instruction.</summary>
    public uint GuestPc { get; private set; }

    /// <summary>Guest pc just after the last instruction.</summary>
    public uint GuestEnd { get; set; }

    /// <summary>
    /// Whether this is the IR of a trace (<see cref="TraceBuilder"/>): several guest blocks along a recorded path,
    /// so its instructions are not in address order and its guest code is the ranges in <see cref="TraceBlocks"/>.
    /// </summary>
    public bool IsTrace { get; set; }

    /// <summary>The most chaining slots a unit may have (the exit words of generated code have 4 bits for the slot).</summary>
    public const int MaxSlots = 16;

    /// <summary>Chaining slots the block's <c>goto_tb</c>s may use: 2 for a block, one per exit for a trace (at most <see cref="MaxSlots"/>).</summary>
    public int SlotCount { get; set; } = 2;

    /// <summary>For a trace: the guest range of each block it was built from, in path order (a block may appear twice).</summary>
    public List<(uint Start, uint End)> TraceBlocks { get; } = [];

    /// <summary>Number of guest instructions translated into this block.</summary>
    public int InsnCount { get; set; }

    public List<Temp> Temps { get; } = new(256);

    public List<Op> Ops { get; } = new(512);

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
