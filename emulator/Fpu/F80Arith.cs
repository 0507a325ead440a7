namespace Hdbt.Fpu;

/// <summary>
/// Exact x87 arithmetic on <see cref="Float80"/>: add, subtract, multiply, divide, square root,
/// each computed exactly (or with a sticky bit) and rounded once by <see cref="Rounder"/> under the
/// environment's precision and rounding control, with the x87's special-operand rules.
/// </summary>
public static class F80Arith
{
    /// <summary>
    /// The x87 NaN rules for an operation with NaN or unsupported operands: an unsupported operand
    /// gives the indefinite; a signaling NaN raises IE; a QNaN beats an SNaN; of two NaNs of the same
    /// kind the larger significand wins (the positive one on a tie); the result is quieted.
    /// </summary>
    public static Float80 PropagateNaN(Float80 a, Float80 b, in Unpacked ua, in Unpacked ub, ref FpEnv env)
    {
        if (ua.Class == FpClass.Unsupported || ub.Class == FpClass.Unsupported)
        {
            env.Raise(FpStatus.IE);
            return Float80.Indefinite;
        }
        if (ua.Class == FpClass.SNaN || ub.Class == FpClass.SNaN) env.Raise(FpStatus.IE);
        Float80 r;
        if (ua.IsNaN && ub.IsNaN)
        {
            if (ua.Class != ub.Class) r = ua.Class == FpClass.QNaN ? a : b;
            else if (a.Mant != b.Mant) r = a.Mant > b.Mant ? a : b;
            else r = a.Sign ? b : a;
        }
        else r = ua.IsNaN ? a : b;
        return Quiet(r);
    }

    /// <summary>Propagation for a one-operand operation.</summary>
    public static Float80 PropagateNaN(Float80 a, in Unpacked ua, ref FpEnv env)
    {
        if (ua.Class == FpClass.Unsupported)
        {
            env.Raise(FpStatus.IE);
            return Float80.Indefinite;
        }
        if (ua.Class == FpClass.SNaN) env.Raise(FpStatus.IE);
        return Quiet(a);
    }

    public static Float80 Quiet(Float80 a) => new(a.Mant | Float80.QuietBit, a.SignExp);

    public static Float80 Invalid(ref FpEnv env)
    {
        env.Raise(FpStatus.IE);
        return Float80.Indefinite;
    }

    private static bool Special(in Unpacked u) => u.Class >= FpClass.QNaN;

    private static void CheckDenormal(in Unpacked ua, in Unpacked ub, ref FpEnv env)
    {
        if (ua.Denormal || ub.Denormal) env.Raise(FpStatus.DE);
    }

    public static Float80 Add(Float80 a, Float80 b, ref FpEnv env) => AddSub(a, b, false, ref env);

    public static Float80 Sub(Float80 a, Float80 b, ref FpEnv env) => AddSub(a, b, true, ref env);

    private static Float80 AddSub(Float80 a, Float80 b, bool subtract, ref FpEnv env)
    {
        var ua = Unpacked.From(a);
        var ub = Unpacked.From(b);
        if (Special(ua) || Special(ub)) return PropagateNaN(a, b, ua, ub, ref env);
        CheckDenormal(ua, ub, ref env);
        bool sa = ua.Sign, sb = ub.Sign ^ subtract;
        if (ua.Class == FpClass.Infinity || ub.Class == FpClass.Infinity)
        {
            if (ua.Class == FpClass.Infinity && ub.Class == FpClass.Infinity && sa != sb) return Invalid(ref env);
            return Float80.Infinity(ua.Class == FpClass.Infinity ? sa : sb);
        }
        if (ua.Class == FpClass.Zero && ub.Class == FpClass.Zero)
        {
            if (sa == sb) return Float80.Zero(sa);
            return Float80.Zero(env.RoundingControl == 1);
        }
        if (ua.Class == FpClass.Zero) return Rounder.ToFloat80(sb, ub.E, (UInt128)ub.Sig << 64, ref env);
        if (ub.Class == FpClass.Zero) return Rounder.ToFloat80(sa, ua.E, (UInt128)ua.Sig << 64, ref env);

        // Both finite nonzero. Significands sit at bit 126 (one bit of headroom for a carry);
        // the smaller is shifted right with the bits it loses jammed into bit 0.
        bool swap = ub.E > ua.E || (ub.E == ua.E && ub.Sig > ua.Sig);
        int eBig = swap ? ub.E : ua.E, eSmall = swap ? ua.E : ub.E;
        bool sBig = swap ? sb : sa, sSmall = swap ? sa : sb;
        UInt128 big = (UInt128)(swap ? ub.Sig : ua.Sig) << 63;
        UInt128 small = (UInt128)(swap ? ua.Sig : ub.Sig) << 63;
        int d = eBig - eSmall;
        small = ShiftRightJam(small, d);
        UInt128 r;
        if (sBig == sSmall) r = big + small;
        else
        {
            r = big - small;
            if (r == 0) return Float80.Zero(env.RoundingControl == 1);
        }
        int e = eBig + 1;
        r = Rounder.Normalize(r, ref e);
        return Rounder.ToFloat80(sBig, e, r, ref env);
    }

    /// <summary>Shifts right, OR-ing every bit shifted out into bit 0 (so rounding still sees them).</summary>
    public static UInt128 ShiftRightJam(UInt128 v, int d)
    {
        if (d <= 0) return v;
        if (d >= 128) return v != 0 ? 1u : 0u;
        return (v >> d) | ((v & (((UInt128)1 << d) - 1)) != 0 ? 1u : 0u);
    }

    public static Float80 Mul(Float80 a, Float80 b, ref FpEnv env)
    {
        var ua = Unpacked.From(a);
        var ub = Unpacked.From(b);
        if (Special(ua) || Special(ub)) return PropagateNaN(a, b, ua, ub, ref env);
        bool s = ua.Sign ^ ub.Sign;
        if (ua.Class == FpClass.Infinity || ub.Class == FpClass.Infinity)
        {
            if (ua.Class == FpClass.Zero || ub.Class == FpClass.Zero) return Invalid(ref env);
            CheckDenormal(ua, ub, ref env);
            return Float80.Infinity(s);
        }
        CheckDenormal(ua, ub, ref env);
        if (ua.Class == FpClass.Zero || ub.Class == FpClass.Zero) return Float80.Zero(s);
        UInt128 p = (UInt128)ua.Sig * ub.Sig;
        int e = ua.E + ub.E + 1;
        p = Rounder.Normalize(p, ref e);
        return Rounder.ToFloat80(s, e, p, ref env);
    }

    public static Float80 Div(Float80 a, Float80 b, ref FpEnv env)
    {
        var ua = Unpacked.From(a);
        var ub = Unpacked.From(b);
        if (Special(ua) || Special(ub)) return PropagateNaN(a, b, ua, ub, ref env);
        bool s = ua.Sign ^ ub.Sign;
        if (ua.Class == FpClass.Infinity)
        {
            if (ub.Class == FpClass.Infinity) return Invalid(ref env);
            CheckDenormal(ua, ub, ref env);
            return Float80.Infinity(s);
        }
        if (ub.Class == FpClass.Infinity)
        {
            CheckDenormal(ua, ub, ref env);
            return Float80.Zero(s);
        }
        if (ub.Class == FpClass.Zero)
        {
            if (ua.Class == FpClass.Zero) return Invalid(ref env);
            // Division by zero raises ZE alone, even for a denormal dividend (measured).
            env.Raise(FpStatus.ZE);
            return Float80.Infinity(s);
        }
        CheckDenormal(ua, ub, ref env);
        if (ua.Class == FpClass.Zero) return Float80.Zero(s);
        var (q, e) = DivideSignificands(ua.Sig, ub.Sig);
        return Rounder.ToFloat80(s, ua.E - ub.E + e, q, ref env);
    }

    /// <summary>
    /// 128-bit quotient of two normalized significands with bit 127 set and the remainder jammed
    /// into bit 0; returns it with the exponent adjustment (0 when a &gt;= b, -1 otherwise).
    /// </summary>
    public static (UInt128 Q, int E) DivideSignificands(ulong a, ulong b)
    {
        int e = 0;
        UInt128 n;
        if (a >= b) n = (UInt128)a << 63;
        else
        {
            n = (UInt128)a << 64;
            e = -1;
        }
        ulong q1 = (ulong)(n / b);
        ulong r1 = (ulong)(n % b);
        UInt128 n2 = (UInt128)r1 << 64;
        ulong q2 = (ulong)(n2 / b);
        ulong r2 = (ulong)(n2 % b);
        UInt128 q = ((UInt128)q1 << 64) | q2;
        if (r2 != 0) q |= 1;
        return (q, e);
    }

    public static Float80 Sqrt(Float80 a, ref FpEnv env)
    {
        var ua = Unpacked.From(a);
        if (Special(ua)) return PropagateNaN(a, ua, ref env);
        if (ua.Class == FpClass.Zero) return a;
        if (ua.Sign) return Invalid(ref env);
        if (ua.Class == FpClass.Infinity) return a;
        if (ua.Denormal) env.Raise(FpStatus.DE);
        // value = sig * 2^(E-63). Make the exponent even: m = sig * 2^odd in [2^63, 2^65).
        int e = ua.E;
        UInt128 m = ua.Sig;
        if ((e & 1) != 0)
        {
            m <<= 1;
            e--;
        }
        // sqrt(m * 2^65) is in [2^64, 2^65): 65 root bits, then the remainder as sticky.
        var (root, exact) = ISqrtShifted(m, 65);
        UInt128 v = root << 63;
        if (!exact) v |= 1;
        int re = e / 2;
        v = Rounder.Normalize(v, ref re);
        return Rounder.ToFloat80(false, re, v, ref env);
    }

    /// <summary>floor(sqrt(m * 2^shift)) digit by digit (shift odd or even), and whether it was exact.</summary>
    public static (UInt128 Root, bool Exact) ISqrtShifted(UInt128 m, int shift)
    {
        // The radicand m * 2^shift has at most 65 + shift bits; take it two bits at a time from the top.
        int total = 66 + shift;
        if ((total & 1) != 0) total++;
        UInt128 root = 0, rem = 0;
        for (int bit = total - 2; bit >= 0; bit -= 2)
        {
            uint pair = RadicandBits(m, shift, bit);
            rem = (rem << 2) | pair;
            UInt128 trial = (root << 2) | 1;
            if (rem >= trial)
            {
                rem -= trial;
                root = (root << 1) | 1;
            }
            else root <<= 1;
        }
        return (root, rem == 0);
    }

    private static uint RadicandBits(UInt128 m, int shift, int bit)
    {
        // Bits [bit, bit+1] of m * 2^shift.
        uint r = 0;
        for (int k = 1; k >= 0; k--)
        {
            int src = bit + k - shift;
            uint b = src is >= 0 and < 128 ? (uint)(m >> src) & 1 : 0;
            r = (r << 1) | b;
        }
        return r;
    }
}
