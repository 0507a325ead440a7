namespace Hdbt.Fpu;

/// <summary>
/// An unevaluated sum of two doubles (|Lo| &lt;= ulp(Hi)/2): about 106 significant bits, enough to
/// compute the x87 transcendentals well beyond their 64-bit result precision. Products use fused
/// multiply-add for the exact low part.
/// </summary>
public readonly struct DoubleDouble
{
    public readonly double Hi, Lo;

    public DoubleDouble(double hi, double lo = 0)
    {
        Hi = hi;
        Lo = lo;
    }

    public static DoubleDouble FromBits(ulong hi, ulong lo) => new(BitConverter.UInt64BitsToDouble(hi), BitConverter.UInt64BitsToDouble(lo));

    public static readonly DoubleDouble One = new(1.0);
    public static readonly DoubleDouble Pi = FromBits(0x400921fb54442d18, 0x3ca1a62633145c07);
    public static readonly DoubleDouble PiOver2 = FromBits(0x3ff921fb54442d18, 0x3c91a62633145c07);
    public static readonly DoubleDouble PiOver4 = FromBits(0x3fe921fb54442d18, 0x3c81a62633145c07);
    public static readonly DoubleDouble Ln2 = FromBits(0x3fe62e42fefa39ef, 0x3c7abc9e3b39803f);
    public static readonly DoubleDouble Log2E = FromBits(0x3ff71547652b82fe, 0x3c7777d0ffda0d24);

    private static DoubleDouble QuickTwoSum(double a, double b)
    {
        double s = a + b;
        return new(s, b - (s - a));
    }

    private static DoubleDouble TwoSum(double a, double b)
    {
        double s = a + b;
        double bb = s - a;
        return new(s, (a - (s - bb)) + (b - bb));
    }

    public static DoubleDouble operator +(DoubleDouble a, DoubleDouble b)
    {
        var s = TwoSum(a.Hi, b.Hi);
        var t = TwoSum(a.Lo, b.Lo);
        var u = QuickTwoSum(s.Hi, s.Lo + t.Hi);
        return QuickTwoSum(u.Hi, u.Lo + t.Lo);
    }

    public static DoubleDouble operator -(DoubleDouble a) => new(-a.Hi, -a.Lo);

    public static DoubleDouble operator -(DoubleDouble a, DoubleDouble b) => a + -b;

    public static DoubleDouble operator *(DoubleDouble a, DoubleDouble b)
    {
        double p = a.Hi * b.Hi;
        double e = Math.FusedMultiplyAdd(a.Hi, b.Hi, -p);
        e += a.Hi * b.Lo + a.Lo * b.Hi;
        return QuickTwoSum(p, e);
    }

    public static DoubleDouble operator *(DoubleDouble a, double b)
    {
        double p = a.Hi * b;
        double e = Math.FusedMultiplyAdd(a.Hi, b, -p);
        e += a.Lo * b;
        return QuickTwoSum(p, e);
    }

    public static DoubleDouble operator /(DoubleDouble a, DoubleDouble b)
    {
        // Three quotient digits: q1 + q2 + q3, each correcting the remainder of the previous.
        double q1 = a.Hi / b.Hi;
        var r = a - b * q1;
        double q2 = r.Hi / b.Hi;
        r -= b * q2;
        double q3 = r.Hi / b.Hi;
        var q = QuickTwoSum(q1, q2);
        return q + new DoubleDouble(q3);
    }

    public static DoubleDouble Sqrt(DoubleDouble a)
    {
        if (a.Hi <= 0) return new(0);
        double s = Math.Sqrt(a.Hi);
        // One Newton step in double-double: s + (a - s^2) / (2s).
        var sd = new DoubleDouble(s);
        var r = a - sd * sd;
        return sd + new DoubleDouble(r.Hi / (2 * s));
    }

    /// <summary>Multiplies by a power of two (exact while in range).</summary>
    public DoubleDouble Scale(int n) => new(Math.ScaleB(Hi, n), Math.ScaleB(Lo, n));

    public override string ToString() => $"{Hi:R} + {Lo:R}";
}
