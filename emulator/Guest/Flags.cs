namespace Hdbt.Guest;

/// <summary>EFLAGS bit masks.</summary>
public static class Flags
{
    public const uint CF = 1u << 0;
    public const uint Reserved1 = 1u << 1;
    public const uint PF = 1u << 2;
    public const uint AF = 1u << 4;
    public const uint ZF = 1u << 6;
    public const uint SF = 1u << 7;
    public const uint TF = 1u << 8;
    public const uint IF = 1u << 9;
    public const uint DF = 1u << 10;
    public const uint OF = 1u << 11;
    public const uint AC = 1u << 18;
    public const uint ID = 1u << 21;

    /// <summary>The six arithmetic status flags kept lazily.</summary>
    public const uint Arith = CF | PF | AF | ZF | SF | OF;

    /// <summary>Bits other than the arithmetic flags and DF that user mode can change with popf
    /// (AC and ID: glibc toggles ID to probe for CPUID). IF reads as set.</summary>
    public const uint UserWritableRest = AC | ID;
}
