namespace Hdbt.Fpu;

/// <summary>fprem, fprem1, fscale and fxtract.</summary>
public static class F80Misc
{
    /// <summary>
    /// fprem (truncating quotient) or fprem1 (IEEE, nearest-even quotient): the exact partial
    /// remainder of a by b. Returns the new ST(0) and sets C2 when incomplete (exponent
    /// difference of 64 or more: reduced by a multiple of b * 2^(d - n), n in 32..63 as below), else
    /// the three low quotient bits in C0 (q2), C3 (q1), C1 (q0).
    /// </summary>
    public static Float80 Remainder(Float80 a, Float80 b, bool ieee, ref FpEnv env)
    {
        var ua = Unpacked.From(a);
        var ub = Unpacked.From(b);
        if (ua.Class >= FpClass.QNaN || ub.Class >= FpClass.QNaN) return F80Arith.PropagateNaN(a, b, ua, ub, ref env);
        if (ua.Class == FpClass.Infinity || ub.Class == FpClass.Zero) return F80Arith.Invalid(ref env);
        if (ua.Denormal || ub.Denormal) env.Raise(FpStatus.DE);
        if (ua.Class == FpClass.Zero) return a;
        if (ub.Class == FpClass.Infinity) return Normalized(ua, ref env);
        int d = ua.E - ub.E;
        if (d < 0 && !(ieee && d == -1))
        {
            // |a| < |b| (or < |b|/2 for fprem1): the quotient is 0 and a stays; a denormal is normalized by the unit.
            return Normalized(ua, ref env);
        }
        if (d >= 64)
        {
            // Partial: reduce by b * 2^(d - n) with n = 32 + (d mod 32), which keeps the remaining
            // exponent difference below 64 after a few rounds; quotient bits are not reported.
            int n = 32 + (d & 31);
            ulong r = ReduceExact(ua.Sig, ub.Sig, n, out _);
            env.Status |= FpStatus.C2;
            return Pack(ua.Sign, ub.E + (d - n), r, ref env);
        }
        if (d < 0)
        {
            // fprem1 with d == -1: |a| is in [|b|/2, |b|); the quotient rounds to 1 only above the half.
            if (ua.Sig > ub.Sig)
            {
                UInt128 diff = ((UInt128)ub.Sig << 1) - ua.Sig;
                return SetQuotient(PackWide(!ua.Sign, ua.E, diff, ref env), 1, ref env);
            }
            return Normalized(ua, ref env);
        }
        ulong rem = ReduceExact(ua.Sig, ub.Sig, d, out ulong q);
        bool sign = ua.Sign;
        if (ieee)
        {
            // Nearest-even quotient: past half of b (or at half with an odd quotient) take one more b.
            int c = ((UInt128)rem << 1).CompareTo((UInt128)ub.Sig);
            if (c > 0 || (c == 0 && (q & 1) != 0))
            {
                q++;
                sign = !sign;
                rem = ub.Sig - rem;
            }
        }
        return SetQuotient(Pack(sign, ub.E, rem, ref env), q, ref env);
    }

    private static Float80 SetQuotient(Float80 r, ulong q, ref FpEnv env)
    {
        if ((q & 4) != 0) env.Status |= FpStatus.C0;
        if ((q & 2) != 0) env.Status |= FpStatus.C3;
        if ((q & 1) != 0) env.Status |= FpStatus.C1;
        return r;
    }

    /// <summary>a mod (b * 2^-d) in b's scale: the remainder of (a * 2^d) / b, and the quotient's low bits.</summary>
    private static ulong ReduceExact(ulong a, ulong b, int d, out ulong q)
    {
        // Long division one bit at a time: exact and cheap enough for d < 64.
        UInt128 r = a;
        q = 0;
        if (r >= b)
        {
            r -= b;
            q = 1;
        }
        for (int i = 0; i < d; i++)
        {
            r <<= 1;
            q <<= 1;
            if (r >= b)
            {
                r -= b;
                q |= 1;
            }
        }
        return (ulong)r;
    }

    /// <summary>Packs sign * r * 2^(e - 63) (exact: the remainder always fits the extended format or is a denormal).</summary>
    private static Float80 Pack(bool sign, int e, ulong r, ref FpEnv env)
    {
        if (r == 0) return Float80.Zero(sign);
        int ee = e;
        UInt128 v = Rounder.Normalize((UInt128)r << 64, ref ee);
        return Rounder.ToFloat80(sign, ee, v, 64, ref env);
    }

    private static Float80 PackWide(bool sign, int e, UInt128 r, ref FpEnv env)
    {
        if (r == 0) return Float80.Zero(sign);
        int ee = e + 64;
        UInt128 v = Rounder.Normalize(r, ref ee);
        return Rounder.ToFloat80(sign, ee, v, 64, ref env);
    }

    private static Float80 Normalized(in Unpacked u, ref FpEnv env) =>
        Rounder.ToFloat80(u.Sign, u.E, (UInt128)u.Sig << 64, 64, ref env);

    /// <summary>fscale: a * 2^trunc(b).</summary>
    public static Float80 Scale(Float80 a, Float80 b, ref FpEnv env)
    {
        var ua = Unpacked.From(a);
        var ub = Unpacked.From(b);
        if (ua.Class >= FpClass.QNaN || ub.Class >= FpClass.QNaN) return F80Arith.PropagateNaN(a, b, ua, ub, ref env);
        if (ua.Denormal || ub.Denormal) env.Raise(FpStatus.DE);
        if (ub.Class == FpClass.Infinity)
        {
            if (ub.Sign)
            {
                if (ua.Class == FpClass.Infinity) return F80Arith.Invalid(ref env);
                return Float80.Zero(ua.Sign);
            }
            if (ua.Class == FpClass.Zero) return F80Arith.Invalid(ref env);
            return Float80.Infinity(ua.Sign);
        }
        if (ua.Class != FpClass.Finite) return a;
        long n;
        if (ub.Class == FpClass.Zero) n = 0;
        else
        {
            var (mag, big, _, _) = F80Convert.RoundToInteger(ub, 3);
            n = big || mag > 1_000_000 ? 1_000_000 : (long)mag;
            if (ub.Sign) n = -n;
        }
        // Precision control does not apply to fscale: the result is rounded to 64 bits.
        return Rounder.ToFloat80(ua.Sign, (int)(ua.E + n), (UInt128)ua.Sig << 64, 64, ref env);
    }

    /// <summary>fxtract: (exponent as a value, significand with exponent 0).</summary>
    public static (Float80 Exponent, Float80 Significand) Extract(Float80 a, ref FpEnv env)
    {
        var ua = Unpacked.From(a);
        if (ua.Class >= FpClass.QNaN)
        {
            var n = F80Arith.PropagateNaN(a, ua, ref env);
            return (n, n);
        }
        if (ua.Class == FpClass.Zero)
        {
            env.Raise(FpStatus.ZE);
            return (Float80.Infinity(true), a);
        }
        if (ua.Class == FpClass.Infinity) return (Float80.Infinity(false), a);
        if (ua.Denormal) env.Raise(FpStatus.DE);
        return (F80Convert.FromInt64(ua.E), new Float80(ua.Sign, Float80.Bias, ua.Sig));
    }
}
