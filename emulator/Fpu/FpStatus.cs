namespace Hdbt.Fpu;

/// <summary>Bits of the x87 status word (and, for the six exceptions, the matching mask bits of the control word).</summary>
public static class FpStatus
{
    public const ushort IE = 0x01, DE = 0x02, ZE = 0x04, OE = 0x08, UE = 0x10, PE = 0x20, SF = 0x40, ES = 0x80;
    public const ushort C0 = 0x100, C1 = 0x200, C2 = 0x400, C3 = 0x4000, B = 0x8000;

    /// <summary>The six exception flags.</summary>
    public const ushort Exceptions = 0x3F;

    /// <summary>The condition codes.</summary>
    public const ushort Conditions = C0 | C1 | C2 | C3;
}
