using Hdbt.Backend;

namespace Hdbt.Tcg;

/// <summary>One translated block in the code buffer: where its code is, its chaining slots' patch sites, its header.</summary>
public sealed unsafe class TcgBlock(uint guestPc, uint guestEnd, int insnCount, ulong hotThreshold)
    : TranslatedUnit(UnitKind.Block, guestPc, guestEnd, insnCount)
{
    /// <summary>What the entry counter started at (see <see cref="CodeGenerator.EntryCounterOffset"/>).</summary>
    private readonly ulong _counterStart = hotThreshold;

    public byte* HostCode;
    public int HostSize;

    /// <summary>Offset of each chaining slot's patchable <c>jmp rel32</c> (-1: no such slot).</summary>
    public readonly int[] SlotOffset = [-1, -1];

    /// <summary>Side table: host code offset where each guest instruction starts, and its pc (for host faults).</summary>
    public int[] InsnHostOffsets = [];
    public uint[] InsnPcs = [];

    /// <summary>Entries, from the counter in the block's header (which generated code decrements); the hot entry is not counted.</summary>
    public override long Entries => (long)(_counterStart - *(ulong*)(HostCode - CodeGenerator.BlockHeader + CodeGenerator.EntryCounterOffset)) - (Hot ? 1 : 0);

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
