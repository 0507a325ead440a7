namespace Hdbt.Fpu;

/// <summary>
/// The one rounding step every x87 result goes through: an exact (or sticky-jammed) 128-bit
/// significand is rounded to a precision and exponent range under a rounding mode, raising
/// PE/UE/OE and C1 (set when the magnitude was rounded up) as the hardware does.
/// </summary>
/// <remarks>
/// Tininess is detected after rounding (with unbounded exponent), as x86 does. A tiny result is
/// denormalized first and then rounded at the same bit position as a normal one of that precision,
/// which is how the x87 treats precision control below 64 bits (the exponent range stays the
/// extended one).
/// </remarks>
public static class Rounder
{
    /// <summary>Exponent range (of the integer bit, unbiased) of the extended format.</summary>
    public const int ExtMin = 1 - Float80.Bias, ExtMax = Float80.Bias;

    /// <summary>
    /// Rounds sign * v * 2^(e - 127), where v is a 128-bit significand with bit 127 set (or zero).
    /// Returns the 64-bit significand (integer bit at 63; clear for a denormal) and its exponent,
    /// or <c>e = int.MaxValue</c> for an overflow to infinity.
    /// </summary>
    public static (int E, ulong Sig) Round(bool sign, int e, UInt128 v, int precision, int emin, int emax, ref FpEnv env)
    {
        if (v == 0) return (emin, 0);
        int rc = env.RoundingControl;
        int drop = 128 - precision;
        bool tiny = false;
        if (e < emin)
        {
            tiny = true;
            // After-rounding tininess: a value just below the smallest normal that rounds up to it is not tiny.
            if (e == emin - 1 && RoundsUp(sign, v, drop, rc) && (v >> drop) == (((UInt128)1 << precision) - 1)) tiny = false;
            int shift = emin - e;
            v = shift >= 128 ? (v != 0 ? 1u : 0u) : (v >> shift) | ((v & (((UInt128)1 << shift) - 1)) != 0 ? 1u : 0u);
            e = emin;
        }
        UInt128 unit = (UInt128)1 << drop;
        UInt128 rem = v & (unit - 1);
        bool inexact = rem != 0;
        bool up = inexact && RoundsUp(sign, v, drop, rc);
        v -= rem;
        if (up)
        {
            v += unit;
            if (v == 0)
            {
                // Carried out of the top bit: the significand becomes 1.000... one binade higher.
                v = (UInt128)1 << 127;
                e++;
            }
        }
        if (tiny && (inexact || (env.Control & FpStatus.UE) == 0)) env.Raise(FpStatus.UE);
        if (e > emax)
        {
            env.Raise(FpStatus.OE | FpStatus.PE);
            bool toInf = rc switch { 0 => true, 1 => sign, 2 => !sign, _ => false };
            if (toInf)
            {
                env.Raise(FpStatus.C1);
                return (int.MaxValue, 0);
            }
            return (emax, ~0ul << (64 - precision));
        }
        if (inexact)
        {
            env.Raise(FpStatus.PE);
            if (up) env.Raise(FpStatus.C1);
        }
        return (e, (ulong)(v >> 64));
    }

    /// <summary>Whether rounding v at bit <paramref name="drop"/> increases its magnitude.</summary>
    private static bool RoundsUp(bool sign, UInt128 v, int drop, int rc)
    {
        UInt128 unit = (UInt128)1 << drop;
        UInt128 rem = v & (unit - 1);
        if (rem == 0) return false;
        return rc switch
        {
            0 => rem > (unit >> 1) || (rem == (unit >> 1) && (v & unit) != 0),
            1 => sign,
            2 => !sign,
            _ => false,
        };
    }

    /// <summary>Rounds to the extended format under the environment's precision control and packs.</summary>
    public static Float80 ToFloat80(bool sign, int e, UInt128 v, ref FpEnv env) => ToFloat80(sign, e, v, env.Precision, ref env);

    public static Float80 ToFloat80(bool sign, int e, UInt128 v, int precision, ref FpEnv env)
    {
        if (v == 0) return Float80.Zero(sign);
        var (re, sig) = Round(sign, e, v, precision, ExtMin, ExtMax, ref env);
        if (re == int.MaxValue) return Float80.Infinity(sign);
        if ((sig & Float80.IntegerBit) == 0) return new Float80(sign, 0, sig);
        return new Float80(sign, re + Float80.Bias, sig);
    }

    /// <summary>Normalizes a nonzero 128-bit significand so bit 127 is set, adjusting the exponent.</summary>
    public static UInt128 Normalize(UInt128 v, ref int e)
    {
        int lz = (int)UInt128.LeadingZeroCount(v);
        e -= lz;
        return v << lz;
    }
}
