namespace Hdbt.Backend;

/// <summary>
/// One piece of translated code in the engine's code cache, of any backend: the guest range it came
/// from, its two chaining slots and the slots of other units linked to it (so that invalidation can
/// unlink them), its validity and its entry count. Backends derive their own unit type from it.
/// </summary>
public abstract class TranslatedUnit(UnitKind kind, uint guestPc, uint guestEnd, int insnCount,
    IReadOnlyList<(uint Start, uint End)>? guestRanges = null, int slotCount = 2)
{
    public UnitKind Kind { get; } = kind;

    /// <summary>Guest pc of the unit's entry (a trace: its head block's).</summary>
    public uint GuestPc { get; } = guestPc;

    /// <summary>One past the last guest byte the unit's first block covers (the page index covers [GuestPc, GuestEnd)).</summary>
    public uint GuestEnd { get; } = guestEnd;

    /// <summary>
    /// The guest code the unit was made from, for the page index (self-modifying code): a block's one range,
    /// a trace's blocks in path order (set by the backend from <see cref="Ir.IrBlock.TraceBlocks"/>).
    /// </summary>
    public IReadOnlyList<(uint Start, uint End)> GuestRanges { get; } = guestRanges ?? [(guestPc, guestEnd)];

    /// <summary>Guest instructions of the unit (what one entry executes when it runs through).</summary>
    public int InsnCount { get; } = insnCount;

    /// <summary>Index of the unit in its backend's list since the last flush (generated code's exits carry it).</summary>
    public int Id { get; init; }

    /// <summary>Cleared when the guest wrote to or unmapped the unit's code, or the cache was flushed.</summary>
    public bool Valid = true;

    /// <summary>Set once the unit reached the profile threshold and took its <see cref="ExitKind.Hot"/> exit.</summary>
    public bool Hot;

    /// <summary>The unit each chaining slot is linked to (null: unlinked, the exit returns to the engine): a block has two, a trace one per exit.</summary>
    private readonly TranslatedUnit?[] _next = new TranslatedUnit?[slotCount];

    /// <summary>Chaining slots of the unit.</summary>
    public int SlotCount => _next.Length;

    /// <summary>Slots of other units linked to this one: unlinked when this unit is invalidated.</summary>
    public readonly List<(TranslatedUnit From, int Slot)> Incoming = [];

    /// <summary>Times the unit was entered (from the engine, a linked jump or the jump cache); the hot entry is not counted.</summary>
    public abstract long Entries { get; }

    /// <summary>The successor linked to a slot.</summary>
    public TranslatedUnit? NextAt(int slot) => _next[slot];

    /// <summary>Records the successor linked to a slot.</summary>
    public void SetNext(int slot, TranslatedUnit? to) => _next[slot] = to;
}
