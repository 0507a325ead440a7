namespace Hdbt.Fpu;

/// <summary>
/// The x87 transcendental instructions, computed in double-double (about 106 bits) from the exact
/// 64-bit operands and rounded once to 64 bits under the rounding control (precision control does
/// not apply, as on hardware). Trigonometric arguments are reduced as the hardware does, against a 66-bit pi/2.
/// README.md says where results can differ from hardware.
/// </summary>
public static class F80Transcendental
{
    private static readonly DoubleDouble[] s_invFactorial = InverseFactorials(40);

    private static DoubleDouble[] InverseFactorials(int n)
    {
        var r = new DoubleDouble[n];
        r[0] = DoubleDouble.One;
        for (int i = 1; i < n; i++) r[i] = r[i - 1] / new DoubleDouble(i);
        return r;
    }

    /// <summary>fsin/fcos/fptan/fsincos leave an operand with |x| &gt;= 2^63 unchanged and set C2.</summary>
    public static bool OutOfRange(Float80 a) => a.Exp != Float80.MaxExp && a.Exp >= Float80.Bias + 63 && (a.Mant & Float80.IntegerBit) != 0;

    // ---- conversions ----

    /// <summary>The significand of a finite value as a double-double in [1, 2).</summary>
    private static DoubleDouble Mantissa(in Unpacked u) =>
        new DoubleDouble(Math.ScaleB((double)(u.Sig >> 11), -52)) + new DoubleDouble(Math.ScaleB((double)(u.Sig & 0x7FF), -63));

    /// <summary>
    /// Rounds sign * v * 2^scale to the extended format (64 bits, rounding control), with an optional
    /// nudge of relative size 2^-200 (<paramref name="nudge"/> = +1 larger magnitude, -1 smaller) for a
    /// value whose next term is below double-double range but still decides directed rounding.
    /// </summary>
    private static Float80 Round(bool sign, DoubleDouble v, int scale, int nudge, ref FpEnv env)
    {
        if (v.Hi == 0) return Float80.Zero(sign);
        if (v.Hi < 0)
        {
            v = -v;
            sign = !sign;
        }
        int eh = Math.ILogB(v.Hi);
        ulong mh = (ulong)Math.ScaleB(v.Hi, 52 - eh);
        UInt128 r = (UInt128)mh << 75;
        if (v.Lo != 0)
        {
            double lo = Math.Abs(v.Lo);
            int el = Math.ILogB(lo);
            ulong ml = (ulong)Math.ScaleB(lo, 52 - el);
            UInt128 l = F80Arith.ShiftRightJam((UInt128)ml << 75, eh - el);
            r = v.Lo > 0 ? r + l : r - l;
        }
        if (nudge > 0) r |= 1;
        else if (nudge < 0) r -= 1;
        int e = eh + scale;
        r = Rounder.Normalize(r, ref e);
        return Rounder.ToFloat80(sign, e, r, 64, ref env);
    }

    /// <summary>
    /// <see cref="Round"/> for fpatan, fyl2x and fyl2xp1, which raise PE for every finite result
    /// (even exact ones, measured) and so UE for every denormal one.
    /// </summary>
    private static Float80 RoundAlwaysInexact(bool sign, DoubleDouble v, int scale, int nudge, ref FpEnv env)
    {
        var r = Round(sign, v, scale, nudge, ref env);
        env.Raise(FpStatus.PE);
        if (r.Exp == 0 && r.Mant != 0) env.Raise(FpStatus.UE);
        return r;
    }

    /// <summary>pi/2 as the x87 holds it: rounded to 66 bits (its fpatan and argument reduction use this).</summary>
    private static readonly DoubleDouble s_piOver2Hw =
        (new DoubleDouble(Math.ScaleB((double)(0xC90F_DAA2_2168_C234ul >> 11), 11)) + new DoubleDouble((double)(0xC90F_DAA2_2168_C234ul & 0x7FF) + 0.75)).Scale(-63);

    private static Float80 Nan1(Float80 a, in Unpacked u, ref FpEnv env) => F80Arith.PropagateNaN(a, u, ref env);

    // ---- series ----

    /// <summary>e^y - 1 for |y| &lt;= ~0.7 (Taylor series; no cancellation for small y).</summary>
    private static DoubleDouble Expm1(DoubleDouble y)
    {
        var sum = y;
        var power = y;
        for (int n = 2; n < s_invFactorial.Length; n++)
        {
            power *= y;
            var term = power * s_invFactorial[n];
            sum += term;
            if (Math.Abs(term.Hi) < Math.Abs(sum.Hi) * 1e-34) break;
        }
        return sum;
    }

    /// <summary>2 atanh(s) = ln((1+s)/(1-s)) for |s| &lt;= 0.2 (odd Taylor series).</summary>
    private static DoubleDouble TwoAtanh(DoubleDouble s)
    {
        var s2 = s * s;
        var sum = s;
        var power = s;
        for (int k = 3; k < 200; k += 2)
        {
            power *= s2;
            var term = power / new DoubleDouble(k);
            sum += term;
            if (Math.Abs(term.Hi) < Math.Abs(sum.Hi) * 1e-34) break;
        }
        return sum * 2.0;
    }

    /// <summary>log2 of a positive double-double.</summary>
    private static DoubleDouble Log2(DoubleDouble m)
    {
        int e = Math.ILogB(m.Hi);
        m = m.Scale(-e);
        if (m.Hi > Math.Sqrt(2))
        {
            m = m.Scale(-1);
            e++;
        }
        var s = (m - DoubleDouble.One) / (m + DoubleDouble.One);
        return new DoubleDouble(e) + TwoAtanh(s) * DoubleDouble.Log2E;
    }

    /// <summary>atan(t) for 0 &lt;= t &lt;= 1: three angle halvings, then the Taylor series.</summary>
    private static DoubleDouble Atan(DoubleDouble t)
    {
        for (int i = 0; i < 3; i++) t /= DoubleDouble.One + DoubleDouble.Sqrt(DoubleDouble.One + t * t);
        var t2 = t * t;
        var sum = t;
        var power = t;
        for (int k = 3; k < 200; k += 2)
        {
            power *= -t2;
            var term = power / new DoubleDouble(k);
            sum += term;
            if (Math.Abs(term.Hi) < Math.Abs(sum.Hi) * 1e-34) break;
        }
        return sum * 8.0;
    }

    private static (DoubleDouble Sin, DoubleDouble Cos) SinCosReduced(DoubleDouble r)
    {
        var sin = r;
        var cos = DoubleDouble.One;
        var power = r;
        for (int n = 2; n < s_invFactorial.Length; n++)
        {
            power *= r;
            if ((n & 3) == 2) cos -= power * s_invFactorial[n];
            else if ((n & 3) == 0) cos += power * s_invFactorial[n];
            else if ((n & 3) == 3) sin -= power * s_invFactorial[n];
            else sin += power * s_invFactorial[n];
            if (Math.Abs(power.Hi) * s_invFactorial[n].Hi < 1e-36) break;
        }
        return (sin, cos);
    }

    /// <summary>
    /// |x| = q * pi/2 + r with |r| &lt;= pi/4, reduced exactly against pi/2 rounded to 66 bits: that is
    /// the constant the x87 reduces with (measured: fsin of pi rounded to 64 bits gives -2^-64 exactly,
    /// the distance to the 66-bit pi, not to the true one), so far arguments match hardware.
    /// </summary>
    private static (int Q, DoubleDouble R) Reduce(in Unpacked u)
    {
        if (u.E < -1) return (0, Mantissa(u).Scale(u.E));
        // pi/2 = M * 2^-65 and |x| = sig * 2^(E-63), so |x| / (pi/2) = sig * 2^(E+2) / M (E &lt;= 62: fits 128 bits).
        UInt128 m = ((UInt128)0xC90F_DAA2_2168_C234 << 2) | 3;
        UInt128 n = (UInt128)u.Sig << (u.E + 2);
        UInt128 k = n / m;
        UInt128 rem = n - k * m;
        int q = (int)(k & 3);
        bool negative = false;
        if ((rem << 1) > m)
        {
            rem = m - rem;
            q = (q + 1) & 3;
            negative = true;
        }
        var r = (new DoubleDouble(Math.ScaleB((double)(ulong)(rem >> 13), 13)) + new DoubleDouble((double)(ulong)(rem & 0x1FFF))).Scale(-65);
        return (q, negative ? -r : r);
    }

    // ---- instructions ----

    private enum Trig { Sin, Cos, Tan }

    private static Float80 Trigonometric(Float80 a, Trig kind, ref FpEnv env)
    {
        var u = Unpacked.From(a);
        if (u.Class >= FpClass.QNaN) return Nan1(a, u, ref env);
        if (u.Class == FpClass.Infinity) return F80Arith.Invalid(ref env);
        if (u.Denormal) env.Raise(FpStatus.DE);
        if (u.Class == FpClass.Zero) return kind == Trig.Cos ? Float80.One : a;
        // A finite nonzero operand never has an exact result (hardware raises PE even for sin of pi rounded).
        env.Raise(FpStatus.PE);
        if (u.E < -40)
        {
            // sin x = x - x^3/6, tan x = x + x^3/3, cos x = 1 - x^2/2: the next term only nudges the rounding.
            // Hardware rounds tan of a tiny operand as if it were the operand itself (measured).
            if (kind == Trig.Cos) return RoundAlwaysInexact(false, DoubleDouble.One, 0, -1, ref env);
            return RoundAlwaysInexact(u.Sign, Mantissa(u), u.E, kind == Trig.Sin ? -1 : 0, ref env);
        }
        var (q, r) = Reduce(u);
        var (s, c) = SinCosReduced(r);
        DoubleDouble sin = (q & 3) switch { 0 => s, 1 => c, 2 => -s, _ => -c };
        DoubleDouble cos = (q & 3) switch { 0 => c, 1 => -s, 2 => -c, _ => s };
        // For a tiny reduced argument the series' next term (-r^3/6, -r^2/2) is below double-double
        // precision, yet it makes both sin and cos smaller in magnitude than what is kept.
        int nudge = Math.Abs(r.Hi) < 9.313225746154785e-10 /* 2^-30 */ ? -1 : 0;
        return kind switch
        {
            Trig.Sin => RoundAlwaysInexact(u.Sign, sin, 0, nudge, ref env),
            Trig.Cos => RoundAlwaysInexact(false, cos, 0, nudge, ref env),
            _ => RoundAlwaysInexact(u.Sign, sin / cos, 0, 0, ref env),
        };
    }

    public static Float80 Sin(Float80 a, ref FpEnv env) => Trigonometric(a, Trig.Sin, ref env);

    public static Float80 Cos(Float80 a, ref FpEnv env) => Trigonometric(a, Trig.Cos, ref env);

    public static Float80 Tan(Float80 a, ref FpEnv env) => Trigonometric(a, Trig.Tan, ref env);

    public static (Float80 Sin, Float80 Cos) SinCos(Float80 a, ref FpEnv env)
    {
        var e1 = env;
        var s = Trigonometric(a, Trig.Sin, ref e1);
        var e2 = env;
        var c = Trigonometric(a, Trig.Cos, ref e2);
        // Flags of both; C1 reports the rounding of the sine (measured).
        env.Status |= (ushort)((e1.Status | e2.Status) & ~FpStatus.C1);
        env.Status |= (ushort)(e1.Status & FpStatus.C1);
        return (s, c);
    }

    /// <summary>f2xm1: 2^x - 1 (defined for -1 &lt;= x &lt;= 1).</summary>
    public static Float80 Exp2m1(Float80 a, ref FpEnv env)
    {
        var u = Unpacked.From(a);
        if (u.Class >= FpClass.QNaN) return Nan1(a, u, ref env);
        if (u.Class == FpClass.Zero) return a;
        if (u.Class == FpClass.Infinity) return u.Sign ? Float80.One.Negate() : a;
        if (u.Denormal) env.Raise(FpStatus.DE);
        if (u.E >= 0)
        {
            // |x| >= 1: 1 -> 1 and -1 -> -0.5; outside the domain the operand comes back unchanged
            // (measured). PE either way.
            env.Raise(FpStatus.PE);
            // 2^1 - 1 comes out just below 1 in directed rounding (measured), so it is rounded as 1 - tiny.
            if (u.Sig == Float80.IntegerBit && u.E == 0)
                return u.Sign ? new Float80(true, Float80.Bias - 1, Float80.IntegerBit) : Round(false, DoubleDouble.One, 0, -1, ref env);
            return a;
        }
        var m = Mantissa(u);
        if (u.E < -80)
        {
            // 2^x - 1 = x ln2 (1 + x ln2 / 2 + ...): the correction only nudges the rounding.
            return Round(u.Sign, m * DoubleDouble.Ln2, u.E, u.Sign ? -1 : 1, ref env);
        }
        var y = m.Scale(u.E) * DoubleDouble.Ln2;
        if (u.Sign) y = -y;
        return Round(false, Expm1(y), 0, 0, ref env);
    }

    /// <summary>fpatan: atan2(y, x) (ST(1) = y, ST(0) = x).</summary>
    public static Float80 Atan2(Float80 y, Float80 x, ref FpEnv env)
    {
        var uy = Unpacked.From(y);
        var ux = Unpacked.From(x);
        if (uy.Class >= FpClass.QNaN || ux.Class >= FpClass.QNaN) return F80Arith.PropagateNaN(y, x, uy, ux, ref env);
        if (uy.Denormal || ux.Denormal) env.Raise(FpStatus.DE);
        bool sy = uy.Sign;
        if (uy.Class == FpClass.Zero)
            return ux.Sign ? RoundAlwaysInexact(sy, (s_piOver2Hw * 2.0), 0, 0, ref env) : Float80.Zero(sy);
        if (uy.Class == FpClass.Infinity)
        {
            if (ux.Class == FpClass.Infinity)
                return RoundAlwaysInexact(sy, ux.Sign ? s_piOver2Hw * 1.5 : s_piOver2Hw * 0.5, 0, 0, ref env);
            return RoundAlwaysInexact(sy, s_piOver2Hw, 0, 0, ref env);
        }
        if (ux.Class == FpClass.Infinity)
            return ux.Sign ? RoundAlwaysInexact(sy, (s_piOver2Hw * 2.0), 0, 0, ref env) : Float80.Zero(sy);
        if (ux.Class == FpClass.Zero) return RoundAlwaysInexact(sy, s_piOver2Hw, 0, 0, ref env);

        // Both finite nonzero: the angle of (|x|, |y|), then the quadrant.
        var my = Mantissa(uy);
        var mx = Mantissa(ux);
        bool swap = uy.E > ux.E || (uy.E == ux.E && uy.Sig > ux.Sig);
        var num = swap ? mx : my;
        var den = swap ? my : mx;
        int d = swap ? ux.E - uy.E : uy.E - ux.E; // ratio = num/den * 2^d <= 1
        if (d < -40)
        {
            // atan(t) = t - t^3/3 for a tiny ratio t: the cubic term only nudges the rounding.
            if (!swap && !ux.Sign) return RoundAlwaysInexact(sy, num / den, d, -1, ref env);
            // pi/2 - t, pi - t, or pi/2 + t (x < 0 with |y| > |x|): t itself matters down to ~2^-120.
            bool add = swap && ux.Sign;
            if (d < -120) return RoundAlwaysInexact(sy, swap ? s_piOver2Hw : s_piOver2Hw * 2.0, 0, add ? 1 : -1, ref env);
        }
        var a = Atan((num / den).Scale(d));
        if (swap) a = s_piOver2Hw - a;
        if (ux.Sign) a = (s_piOver2Hw * 2.0) - a;
        return RoundAlwaysInexact(sy, a, 0, 0, ref env);
    }

    /// <summary>fyl2x: y * log2(x) (ST(1) = y, ST(0) = x).</summary>
    public static Float80 YLog2X(Float80 y, Float80 x, ref FpEnv env)
    {
        var uy = Unpacked.From(y);
        var ux = Unpacked.From(x);
        if (uy.Class >= FpClass.QNaN || ux.Class >= FpClass.QNaN) return F80Arith.PropagateNaN(y, x, uy, ux, ref env);
        if (ux.Sign && ux.Class != FpClass.Zero) return F80Arith.Invalid(ref env);
        bool one = ux.Class == FpClass.Finite && ux.E == 0 && ux.Sig == Float80.IntegerBit;
        if (ux.Class == FpClass.Zero)
        {
            if (uy.Class == FpClass.Zero) return F80Arith.Invalid(ref env);
            if (uy.Class != FpClass.Infinity) env.Raise(FpStatus.ZE);
            return Float80.Infinity(!uy.Sign);
        }
        // Denormal operands raise DE except when x is zero (measured).
        if (uy.Denormal || ux.Denormal) env.Raise(FpStatus.DE);
        if (ux.Class == FpClass.Infinity)
        {
            if (uy.Class == FpClass.Zero) return F80Arith.Invalid(ref env);
            return Float80.Infinity(uy.Sign);
        }
        bool below = ux.E < 0; // x < 1
        if (uy.Class == FpClass.Infinity)
        {
            if (one) return F80Arith.Invalid(ref env);
            return Float80.Infinity(uy.Sign ^ below);
        }
        if (uy.Class == FpClass.Zero || one) return Float80.Zero(uy.Sign ^ below);
        var l = Log2(Mantissa(ux)) + new DoubleDouble(ux.E);
        return RoundAlwaysInexact(uy.Sign, Mantissa(uy) * l, uy.E, 0, ref env);
    }

    /// <summary>fyl2xp1: y * log2(x + 1) (defined for |x| &lt; 1 - sqrt(2)/2).</summary>
    public static Float80 YLog2XP1(Float80 y, Float80 x, ref FpEnv env)
    {
        var uy = Unpacked.From(y);
        var ux = Unpacked.From(x);
        if (uy.Class >= FpClass.QNaN || ux.Class >= FpClass.QNaN) return F80Arith.PropagateNaN(y, x, uy, ux, ref env);
        if (uy.Denormal || ux.Denormal) env.Raise(FpStatus.DE);
        if (ux.Class == FpClass.Zero)
        {
            if (uy.Class == FpClass.Infinity) return F80Arith.Invalid(ref env);
            return Float80.Zero(uy.Sign ^ ux.Sign);
        }
        if (ux.Class == FpClass.Infinity)
        {
            if (ux.Sign || uy.Class == FpClass.Zero) return F80Arith.Invalid(ref env);
            return Float80.Infinity(uy.Sign);
        }
        var mx = Mantissa(ux);
        if (uy.Class == FpClass.Infinity) return Float80.Infinity(uy.Sign ^ ux.Sign);
        if (uy.Class == FpClass.Zero) return Float80.Zero(uy.Sign ^ ux.Sign);
        if (ux.E < -80)
        {
            // log2(1+x) = (x - x^2/2) log2(e): the correction only nudges the rounding.
            return RoundAlwaysInexact(uy.Sign ^ ux.Sign, Mantissa(uy) * mx * DoubleDouble.Log2E, uy.E + ux.E, ux.Sign ? 1 : -1, ref env);
        }
        var xv = mx.Scale(ux.E);
        if (ux.Sign) xv = -xv;
        DoubleDouble l;
        if (ux.E < -2) l = TwoAtanh(xv / (new DoubleDouble(2) + xv)) * DoubleDouble.Log2E;
        else
        {
            var t = DoubleDouble.One + xv;
            if (t.Hi <= 0)
            {
                if (t.Hi == 0 && t.Lo == 0)
                {
                    env.Raise(FpStatus.ZE);
                    return Float80.Infinity(!uy.Sign);
                }
                return F80Arith.Invalid(ref env);
            }
            l = Log2(t);
        }
        return RoundAlwaysInexact(uy.Sign, Mantissa(uy) * l, uy.E, 0, ref env);
    }
}
