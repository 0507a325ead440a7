namespace Hdbt.Tcg;

/// <summary>One translated block in the code buffer: where it is, its chaining slots and links.</summary>
public sealed unsafe class TcgBlock
{
    public TcgBlock(int id, uint guestPc, uint guestEnd, int insnCount)
    {
        Id = id;
        GuestPc = guestPc;
        GuestEnd = guestEnd;
        InsnCount = insnCount;
    }

    /// <summary>Index in the dispatcher's block list (since the last flush); exit codes carry it.</summary>
    public int Id { get; }
    public uint GuestPc { get; }
    public uint GuestEnd { get; }
    public int InsnCount { get; }

    public byte* HostCode;
    public int HostSize;

    /// <summary>Offset of each chaining slot's patchable <c>jmp rel32</c> (-1: no such slot).</summary>
    public readonly int[] SlotOffset = [-1, -1];

    /// <summary>Successor each slot is linked to.</summary>
    public readonly TcgBlock?[] Next = new TcgBlock?[2];

    /// <summary>Slots of other blocks linked to this one (unpatched when this block is invalidated).</summary>
    public readonly List<(TcgBlock From, int Slot)> Incoming = [];

    /// <summary>Cleared when the guest wrote to or unmapped this block's code.</summary>
    public bool Valid = true;

    /// <summary>Side table: host code offset where each guest instruction starts, and its pc (for host faults).</summary>
    public int[] InsnHostOffsets = [];
    public uint[] InsnPcs = [];

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
