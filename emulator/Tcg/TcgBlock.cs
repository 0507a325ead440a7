using Hdbt.Backend;

namespace Hdbt.Tcg;

/// <summary>One translated block in the code buffer: where its code is, its chaining slots' patch sites, its header.</summary>
public sealed unsafe class TcgBlock(UnitKind kind, uint guestPc, uint guestEnd, int insnCount, ulong hotThreshold, ulong* counter,
    IReadOnlyList<(uint Start, uint End)>? guestRanges = null, int slotCount = 2)
    : TranslatedUnit(kind, guestPc, guestEnd, insnCount, guestRanges, slotCount)
{
    /// <summary>What the entry counter started at (see <see cref="CodeGenerator.HotThreshold"/>).</summary>
    private readonly ulong _counterStart = hotThreshold;

    /// <summary>The block's entry counter in the code buffer's counter pages, decremented by its code at every entry.</summary>
    private readonly ulong* _counter = counter;

    public byte* HostCode;
    public int HostSize;

    /// <summary>Where links and the jump cache enter: <see cref="HostCode"/>, or past the counter code once the block stopped counting.</summary>
    public byte* Entry;

    /// <summary>Offset of each chaining slot's patchable <c>jmp rel32</c> (-1: no such slot).</summary>
    public int[] SlotOffset = [-1, -1];

    /// <summary>Side table: host code offset where each guest instruction starts, and its pc (for host faults).</summary>
    public int[] InsnHostOffsets = [];
    public uint[] InsnPcs = [];

    /// <summary>Entries, from the block's counter (which generated code decrements); the hot entry is not counted.</summary>
    public override long Entries => (long)(_counterStart - *_counter) - (Hot ? 1 : 0);

    /// <summary>Guest pc of the instruction whose host code contains <paramref name="hostOffset"/>.</summary>
    public uint GuestPcAt(int hostOffset)
    {
        uint pc = GuestPc;
        for (int i = 0; i < InsnHostOffsets.Length && InsnHostOffsets[i] <= hostOffset; i++) pc = InsnPcs[i];
        return pc;
    }

    /// <summary>Host address of a slot's patch site.</summary>
    public byte* SlotSite(int slot) => HostCode + SlotOffset[slot];
}
