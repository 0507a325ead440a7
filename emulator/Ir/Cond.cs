namespace Hdbt.Ir;

/// <summary>Comparison conditions of SetCond and BrCond.</summary>
public enum Cond : byte
{
    Never, Always, Eq, Ne,
    /// <summary>Unsigned &lt;, &gt;=, &lt;=, &gt;.</summary>
    LtU, GeU, LeU, GtU,
    /// <summary>Signed &lt;, &gt;=, &lt;=, &gt;.</summary>
    Lt, Ge, Le, Gt,
    /// <summary>(S0 &amp; S1) == 0 and != 0.</summary>
    TstEq, TstNe,
}
