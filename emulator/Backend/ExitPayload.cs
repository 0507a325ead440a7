namespace Hdbt.Backend;

/// <summary>
/// The payload of a generated unit's jump and hot exits (above the 4 bits of <see cref="ExitKind"/> in the exit word):
/// the unit's id and the chaining slot it left by. One definition for every backend that returns exit words.
/// </summary>
public static class ExitPayload
{
    /// <summary>Bits of the slot: a unit has at most <see cref="MaxSlots"/> chaining slots (a block 2, a trace one per exit).</summary>
    public const int SlotBits = 4;

    /// <summary>The most chaining slots a unit may have.</summary>
    public const int MaxSlots = 1 << SlotBits;

    static ExitPayload()
    {
        if (MaxSlots != Ir.IrBlock.MaxSlots) throw new InvalidOperationException("ExitPayload.SlotBits does not fit IrBlock.MaxSlots");
    }

    /// <summary>Ids fit in the rest of the 28 payload bits.</summary>
    public const int MaxUnits = 1 << (28 - SlotBits);

    /// <summary>The exit word of a jump (or hot) exit of unit <paramref name="id"/> by <paramref name="slot"/>.</summary>
    public static uint Encode(ExitKind kind, int id, int slot) => (uint)kind | (uint)(id << SlotBits | slot) << 4;

    /// <summary>The unit id of an exit word's payload.</summary>
    public static int Id(uint exit) => (int)(exit >> (4 + SlotBits));

    /// <summary>The slot of an exit word's payload.</summary>
    public static int Slot(uint exit) => (int)(exit >> 4) & (MaxSlots - 1);
}
