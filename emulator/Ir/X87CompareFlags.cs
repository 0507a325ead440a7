namespace Hdbt.Ir;

/// <summary>
/// Argument s0 ("mode") of <see cref="HelperId.X87Compare"/> (fcom, fucom, ficom, ftst families) and
/// <see cref="HelperId.X87Comi"/> (fcomi family): these flags or-ed with the index i of the ST(i)
/// compared with ST(0) in the low bits (<see cref="StackIndexMask"/>; 0 for memory and ftst forms).
/// </summary>
[Flags]
public enum X87CompareFlags : uint
{
    /// <summary>fcom: ordered compare, no pop.</summary>
    None = 0,
    /// <summary>Bits 0..2: the ST(i) of a register form.</summary>
    StackIndexMask = 7,
    /// <summary>Quiet compare (fucom*): a QNaN operand raises no invalid-operation exception.</summary>
    Quiet = 1u << 8,
    /// <summary>Pop once after comparing (fcomp, fucomp, ficomp, fcomip, fucomip).</summary>
    Pop1 = 1u << 9,
    /// <summary>Pop twice (fcompp, fucompp; X87Compare only).</summary>
    Pop2 = 2u << 9,
    /// <summary>The pop count field (bits 9..10).</summary>
    PopMask = 3u << 9,
    /// <summary>Compare with +0.0 (ftst; X87Compare only).</summary>
    Zero = 1u << 11,
    /// <summary>The other operand is in memory: format s1 at address s2 (X87Compare only).</summary>
    Memory = 1u << 12,
}
