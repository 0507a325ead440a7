namespace Hdbt.Ir;

/// <summary>Evaluation and inversion of <see cref="Cond"/>.</summary>
public static class CondExtensions
{
    public static bool Evaluate(this Cond c, uint a, uint b) => c switch
    {
        Cond.Never => false,
        Cond.Always => true,
        Cond.Eq => a == b,
        Cond.Ne => a != b,
        Cond.LtU => a < b,
        Cond.GeU => a >= b,
        Cond.LeU => a <= b,
        Cond.GtU => a > b,
        Cond.Lt => (int)a < (int)b,
        Cond.Ge => (int)a >= (int)b,
        Cond.Le => (int)a <= (int)b,
        Cond.Gt => (int)a > (int)b,
        Cond.TstEq => (a & b) == 0,
        Cond.TstNe => (a & b) != 0,
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    public static Cond Invert(this Cond c) => c switch
    {
        Cond.Never => Cond.Always,
        Cond.Always => Cond.Never,
        Cond.Eq => Cond.Ne,
        Cond.Ne => Cond.Eq,
        Cond.LtU => Cond.GeU,
        Cond.GeU => Cond.LtU,
        Cond.LeU => Cond.GtU,
        Cond.GtU => Cond.LeU,
        Cond.Lt => Cond.Ge,
        Cond.Ge => Cond.Lt,
        Cond.Le => Cond.Gt,
        Cond.Gt => Cond.Le,
        Cond.TstEq => Cond.TstNe,
        Cond.TstNe => Cond.TstEq,
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    public static string Name(this Cond c) => c.ToString().ToLowerInvariant();
}
