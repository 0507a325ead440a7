using System.Numerics;

namespace Hdbt.Helpers;

/// <summary>
/// Exact IEEE 754 binary32/binary64 arithmetic under an MXCSR value, as SSE computes it: every
/// result is the exact value rounded once in the MXCSR rounding mode, with x86's NaN rules,
/// DAZ/FTZ and the six sticky exception flags. .NET arithmetic only rounds to nearest and
/// reports no flags, so values are unpacked to integer significands and rounded here.
/// </summary>
/// <remarks>
/// Facts measured on the host (AMD EPYC) that pick between IEEE's options: tininess is detected
/// after rounding (a value below the smallest normal whose 24/53-bit rounding reaches it is not
/// tiny); FTZ flushes every tiny result, exact or not, setting UE and PE; DE is not reported
/// when an operand is a NaN or the operation is invalid.
/// </remarks>
internal static class SseFloat
{
    public const uint IE = 1, DE = 2, ZE = 4, OE = 8, UE = 16, PE = 32;
    public const uint Daz = 0x40, Ftz = 0x8000, UnderflowMask = 0x800;

    public const uint DefaultNaN32 = 0xFFC0_0000;
    public const ulong DefaultNaN64 = 0xFFF8_0000_0000_0000;

    /// <summary>What kind of value an unpacked operand is.</summary>
    public enum Kind : byte { Zero, Finite, Inf, QNaN, SNaN }

    /// <summary>An unpacked operand: value = (-1)^Neg * Sig * 2^Exp for finite values.</summary>
    public struct Fp
    {
        public Kind K;
        public bool Neg;
        public int Exp;
        public ulong Sig;

        public readonly bool IsNaN => K >= Kind.QNaN;
    }

    private static int FracBits(bool dbl) => dbl ? 52 : 23;

    private static int Bias(bool dbl) => dbl ? 1023 : 127;

    private static uint ExpMax(bool dbl) => dbl ? 0x7FFu : 0xFFu;

    public static ulong SignBit(bool dbl) => dbl ? 1ul << 63 : 1ul << 31;

    public static ulong QuietBit(bool dbl) => dbl ? 1ul << 51 : 1ul << 22;

    public static ulong DefaultNaN(bool dbl) => dbl ? DefaultNaN64 : DefaultNaN32;

    /// <summary>Unpacks bits; a denormal becomes a signed zero under DAZ, otherwise sets <paramref name="denormal"/>.</summary>
    public static Fp Unpack(ulong bits, bool dbl, uint mxcsr, ref bool denormal)
    {
        int fb = FracBits(dbl);
        ulong frac = bits & ((1ul << fb) - 1);
        uint e = (uint)(bits >> fb) & ExpMax(dbl);
        var r = new Fp { Neg = (bits & SignBit(dbl)) != 0 };
        if (e == ExpMax(dbl))
        {
            r.K = frac == 0 ? Kind.Inf : (frac & QuietBit(dbl)) != 0 ? Kind.QNaN : Kind.SNaN;
            return r;
        }
        if (e == 0)
        {
            if (frac == 0 || (mxcsr & Daz) != 0) { r.K = Kind.Zero; return r; }
            denormal = true;
            r.K = Kind.Finite;
            r.Sig = frac;
            r.Exp = 1 - Bias(dbl) - fb;
            return r;
        }
        r.K = Kind.Finite;
        r.Sig = frac | 1ul << fb;
        r.Exp = (int)e - Bias(dbl) - fb;
        return r;
    }

    /// <summary>The bits of an operand with a denormal flushed to zero when DAZ is set.</summary>
    public static ulong FlushInput(ulong bits, bool dbl, uint mxcsr)
    {
        if ((mxcsr & Daz) == 0) return bits;
        int fb = FracBits(dbl);
        uint e = (uint)(bits >> fb) & ExpMax(dbl);
        return e == 0 ? bits & SignBit(dbl) : bits;
    }

    public static ulong Zero(bool neg, bool dbl) => neg ? SignBit(dbl) : 0;

    public static ulong Inf(bool neg, bool dbl) => (neg ? SignBit(dbl) : 0) | (ulong)ExpMax(dbl) << FracBits(dbl);

    /// <summary>
    /// Rounds the exact value (-1)^neg * (sig + sticky) * 2^exp to the format in MXCSR's mode.
    /// <paramref name="sticky"/> says nonzero bits lie below sig's last bit; callers then give sig
    /// at least two bits more than the format's precision, so they only decide ties and direction.
    /// </summary>
    public static ulong Round(bool neg, int exp, UInt128 sig, bool sticky, bool dbl, uint mxcsr, ref uint flags)
    {
        int p = dbl ? 53 : 24;
        int emin = dbl ? -1022 : -126;
        if (sig == 0) return Zero(neg, dbl);
        int n = 128 - (int)UInt128.LeadingZeroCount(sig);
        int eMsb = exp + n - 1;
        uint mode = (mxcsr >> 13) & 3;
        // Tininess after rounding: tiny when the value rounded to the format's precision with an
        // unbounded exponent is below the smallest normal (so a value just under it that rounds
        // up to it is not tiny).
        bool tiny = eMsb < emin - 1 ||
            eMsb == emin - 1 && RoundAt(neg, sig, sticky, eMsb - (p - 1) - exp, mode, out _, out _) >> p == 0;
        if (tiny && (mxcsr & Ftz) != 0 && (mxcsr & UnderflowMask) != 0)
        {
            flags |= UE | PE;
            return Zero(neg, dbl);
        }
        int lsbExp = (eMsb < emin ? emin : eMsb) - (p - 1);
        UInt128 kept = RoundAt(neg, sig, sticky, lsbExp - exp, mode, out bool inexact, out _);
        if (kept == (UInt128)1 << p)
        {
            kept >>= 1;
            lsbExp++;
        }
        if (tiny && (inexact || (mxcsr & UnderflowMask) == 0)) flags |= UE;
        if (inexact) flags |= PE;
        int fb = FracBits(dbl);
        ulong sign = neg ? SignBit(dbl) : 0;
        ulong k = (ulong)kept;
        if (k < 1ul << fb) return sign | k;
        long biased = lsbExp + fb + Bias(dbl);
        if (biased >= ExpMax(dbl))
        {
            flags |= OE | PE;
            ulong max = sign | ((ulong)(ExpMax(dbl) - 1) << fb) | ((1ul << fb) - 1);
            return ((mxcsr >> 13) & 3) switch
            {
                0 => Inf(neg, dbl),
                1 => neg ? Inf(true, dbl) : max,
                2 => neg ? max : Inf(false, dbl),
                _ => max,
            };
        }
        return sign | (ulong)biased << fb | (k & ((1ul << fb) - 1));
    }

    /// <summary>
    /// Rounds sig (+ sticky) shifted right by <paramref name="shift"/> bits to an integer in the
    /// rounding mode; the result may carry one bit past the kept width.
    /// </summary>
    private static UInt128 RoundAt(bool neg, UInt128 sig, bool sticky, int shift, uint mode, out bool inexact, out bool incremented)
    {
        UInt128 kept;
        bool roundBit, rest;
        if (shift <= 0)
        {
            kept = sig << -shift;
            roundBit = false;
            rest = sticky;
        }
        else if (shift > 128)
        {
            kept = 0;
            roundBit = false;
            rest = true;
        }
        else if (shift == 128)
        {
            kept = 0;
            roundBit = (sig >> 127) != 0;
            rest = (sig << 1) != 0 || sticky;
        }
        else
        {
            kept = sig >> shift;
            UInt128 rem = sig & (((UInt128)1 << shift) - 1);
            roundBit = ((rem >> (shift - 1)) & 1) != 0;
            rest = (rem & (((UInt128)1 << (shift - 1)) - 1)) != 0 || sticky;
        }
        inexact = roundBit || rest;
        incremented = mode switch
        {
            0 => roundBit && (rest || (kept & 1) != 0),
            1 => inexact && neg,
            2 => inexact && !neg,
            _ => false,
        };
        return incremented ? kept + 1 : kept;
    }

    /// <summary>Binary arithmetic: op 0 add, 1 sub, 2 mul, 3 div (a is the first source, the destination).</summary>
    public static ulong Arith(int op, ulong a, ulong b, bool dbl, uint mxcsr, ref uint flags)
    {
        bool den = false;
        Fp x = Unpack(a, dbl, mxcsr, ref den), y = Unpack(b, dbl, mxcsr, ref den);
        if (x.IsNaN || y.IsNaN)
        {
            if (x.K == Kind.SNaN || y.K == Kind.SNaN) flags |= IE;
            return (x.IsNaN ? a : b) | QuietBit(dbl);
        }
        if (op == 1) { y.Neg = !y.Neg; op = 0; }
        switch (op)
        {
            case 0:
                if (x.K == Kind.Inf && y.K == Kind.Inf && x.Neg != y.Neg) return Invalid(dbl, ref flags);
                if (den) flags |= DE;
                if (x.K == Kind.Inf) return Inf(x.Neg, dbl);
                if (y.K == Kind.Inf) return Inf(y.Neg, dbl);
                if (x.K == Kind.Zero && y.K == Kind.Zero)
                    return Zero(x.Neg == y.Neg ? x.Neg : ((mxcsr >> 13) & 3) == 1, dbl);
                return Add(x, y, dbl, mxcsr, ref flags);
            case 2:
            {
                bool neg = x.Neg != y.Neg;
                if ((x.K == Kind.Inf && y.K == Kind.Zero) || (x.K == Kind.Zero && y.K == Kind.Inf)) return Invalid(dbl, ref flags);
                if (den) flags |= DE;
                if (x.K == Kind.Inf || y.K == Kind.Inf) return Inf(neg, dbl);
                if (x.K == Kind.Zero || y.K == Kind.Zero) return Zero(neg, dbl);
                return Round(neg, x.Exp + y.Exp, (UInt128)x.Sig * y.Sig, false, dbl, mxcsr, ref flags);
            }
            default:
            {
                bool neg = x.Neg != y.Neg;
                if ((x.K == Kind.Inf && y.K == Kind.Inf) || (x.K == Kind.Zero && y.K == Kind.Zero)) return Invalid(dbl, ref flags);
                // Divide-by-zero outranks the denormal operand: a denormal divided by zero sets only ZE.
                if (y.K == Kind.Zero && x.K == Kind.Finite)
                {
                    flags |= ZE;
                    return Inf(neg, dbl);
                }
                if (den) flags |= DE;
                if (x.K == Kind.Inf) return Inf(neg, dbl);
                if (y.K == Kind.Inf || x.K == Kind.Zero) return Zero(neg, dbl);
                // Normalize both significands to 53 bits, then a 64-bit shift leaves >= 64 quotient bits.
                int sx = 52 - (63 - BitOperations.LeadingZeroCount(x.Sig)), sy = 52 - (63 - BitOperations.LeadingZeroCount(y.Sig));
                UInt128 num = (UInt128)(x.Sig << sx) << 64;
                ulong den2 = y.Sig << sy;
                UInt128 q = num / den2;
                bool sticky = num - q * den2 != 0;
                return Round(neg, (x.Exp - sx) - (y.Exp - sy) - 64, q, sticky, dbl, mxcsr, ref flags);
            }
        }
    }

    private static ulong Invalid(bool dbl, ref uint flags)
    {
        flags |= IE;
        return DefaultNaN(dbl);
    }

    /// <summary>Sum of two finite, not both zero, operands (a zero operand adds nothing).</summary>
    private static ulong Add(Fp x, Fp y, bool dbl, uint mxcsr, ref uint flags)
    {
        if (x.K == Kind.Zero) return Round(y.Neg, y.Exp, y.Sig, false, dbl, mxcsr, ref flags);
        if (y.K == Kind.Zero) return Round(x.Neg, x.Exp, x.Sig, false, dbl, mxcsr, ref flags);
        // Put the operand with the larger exponent first and place its significand 64 bits up, so
        // the other keeps 64 guard bits; whatever falls off further down is only a sticky bit.
        if (y.Exp > x.Exp) (x, y) = (y, x);
        UInt128 big = (UInt128)x.Sig << 64;
        int d = x.Exp - y.Exp;
        UInt128 small;
        bool sticky;
        if (d >= 128) { small = 0; sticky = true; }
        else
        {
            UInt128 full = (UInt128)y.Sig << 64;
            small = full >> d;
            sticky = (small << d) != full;
        }
        int exp = x.Exp - 64;
        if (x.Neg == y.Neg) return Round(x.Neg, exp, big + small, sticky, dbl, mxcsr, ref flags);
        bool neg = x.Neg;
        if (small > big || (small == big && sticky)) { (big, small) = (small, big); neg = !neg; }
        UInt128 diff = big - small;
        // The lost bits belong to the subtrahend: take one unit more and keep the sticky bit.
        if (sticky) diff--;
        if (diff == 0 && !sticky) return Zero(((mxcsr >> 13) & 3) == 1, dbl);
        return Round(neg, exp, diff, sticky, dbl, mxcsr, ref flags);
    }

    /// <summary>Square root of b.</summary>
    public static ulong Sqrt(ulong b, bool dbl, uint mxcsr, ref uint flags)
    {
        bool den = false;
        Fp y = Unpack(b, dbl, mxcsr, ref den);
        if (y.IsNaN)
        {
            if (y.K == Kind.SNaN) flags |= IE;
            return b | QuietBit(dbl);
        }
        if (y.K == Kind.Zero) return Zero(y.Neg, dbl);
        if (y.Neg) return Invalid(dbl, ref flags);
        if (den) flags |= DE;
        if (y.K == Kind.Inf) return b;
        int s = 52 - (63 - BitOperations.LeadingZeroCount(y.Sig));
        ulong m = y.Sig << s;
        int e = y.Exp - s;
        if ((e & 1) != 0) { m <<= 1; e--; }
        UInt128 n = (UInt128)m << 64;
        UInt128 r = ISqrt(n);
        return Round(false, (e - 64) / 2, r, r * r != n, dbl, mxcsr, ref flags);
    }

    /// <summary>Floor of the square root of a 128-bit integer.</summary>
    private static UInt128 ISqrt(UInt128 n)
    {
        // A double estimate is within a few units; fix it up exactly.
        UInt128 r = (UInt128)Math.Sqrt((double)n);
        while (r * r > n) r--;
        while ((r + 1) * (r + 1) <= n) r++;
        return r;
    }

    /// <summary>minps/maxps: the second operand when either is a NaN (IE even for QNaNs) or both are zeros.</summary>
    public static ulong MinMax(bool max, ulong a, ulong b, bool dbl, uint mxcsr, ref uint flags)
    {
        bool den = false;
        Fp x = Unpack(a, dbl, mxcsr, ref den), y = Unpack(b, dbl, mxcsr, ref den);
        // Under DAZ even the returned second operand is the flushed one.
        a = FlushInput(a, dbl, mxcsr);
        b = FlushInput(b, dbl, mxcsr);
        if (x.IsNaN || y.IsNaN)
        {
            flags |= IE;
            return b;
        }
        if (den) flags |= DE;
        double va = ToDouble(a, dbl), vb = ToDouble(b, dbl);
        return (max ? va > vb : va < vb) ? a : b;
    }

    public static double ToDouble(ulong bits, bool dbl) =>
        dbl ? BitConverter.UInt64BitsToDouble(bits) : BitConverter.UInt32BitsToSingle((uint)bits);

    /// <summary>cmpps predicate 0..7 as all ones or zero.</summary>
    public static bool Compare(uint predicate, ulong a, ulong b, bool dbl, uint mxcsr, ref uint flags)
    {
        bool den = false;
        Fp x = Unpack(a, dbl, mxcsr, ref den), y = Unpack(b, dbl, mxcsr, ref den);
        bool unordered = x.IsNaN || y.IsNaN;
        bool signaling = predicate is 1 or 2 or 5 or 6;
        if (unordered)
        {
            if (signaling || x.K == Kind.SNaN || y.K == Kind.SNaN) flags |= IE;
        }
        else if (den) flags |= DE;
        double va = ToDouble(FlushInput(a, dbl, mxcsr), dbl), vb = ToDouble(FlushInput(b, dbl, mxcsr), dbl);
        return predicate switch
        {
            0 => !unordered && va == vb,
            1 => !unordered && va < vb,
            2 => !unordered && va <= vb,
            3 => unordered,
            4 => unordered || va != vb,
            5 => unordered || !(va < vb),
            6 => unordered || !(va <= vb),
            _ => !unordered,
        };
    }

    /// <summary>comiss/ucomiss: ZF, PF, CF as EFLAGS bits (unordered 111, less 001, equal 100, greater 000).</summary>
    public static uint CompareFlags(bool signaling, ulong a, ulong b, bool dbl, uint mxcsr, ref uint flags)
    {
        bool den = false;
        Fp x = Unpack(a, dbl, mxcsr, ref den), y = Unpack(b, dbl, mxcsr, ref den);
        if (x.IsNaN || y.IsNaN)
        {
            if (signaling || x.K == Kind.SNaN || y.K == Kind.SNaN) flags |= IE;
            return Guest.Flags.ZF | Guest.Flags.PF | Guest.Flags.CF;
        }
        if (den) flags |= DE;
        double va = ToDouble(FlushInput(a, dbl, mxcsr), dbl), vb = ToDouble(FlushInput(b, dbl, mxcsr), dbl);
        if (va < vb) return Guest.Flags.CF;
        if (va == vb) return Guest.Flags.ZF;
        return 0;
    }

    /// <summary>
    /// Float to int32 (truncating, or in MXCSR's mode): NaN, infinity and out-of-range values give
    /// the integer indefinite 0x80000000 with IE; an inexact result sets PE.
    /// </summary>
    public static uint ToInt32(ulong bits, bool dbl, bool truncate, uint mxcsr, ref uint flags)
    {
        bool den = false;
        Fp x = Unpack(bits, dbl, mxcsr, ref den);
        if (x.K == Kind.Zero) return 0;
        if (x.K != Kind.Finite)
        {
            flags |= IE;
            return 0x8000_0000;
        }
        ulong mag;
        bool roundBit = false, rest = false;
        if (x.Exp >= 0)
        {
            if (x.Exp > 31) { flags |= IE; return 0x8000_0000; }
            UInt128 v = (UInt128)x.Sig << x.Exp;
            if (v > 0x8000_0000) { flags |= IE; return 0x8000_0000; }
            mag = (ulong)v;
        }
        else
        {
            int s = -x.Exp;
            if (s > 64) { mag = 0; rest = true; }
            else if (s == 64) { mag = 0; roundBit = (x.Sig >> 63) != 0; rest = (x.Sig << 1) != 0; }
            else
            {
                mag = x.Sig >> s;
                ulong rem = x.Sig & ((1ul << s) - 1);
                roundBit = ((rem >> (s - 1)) & 1) != 0;
                rest = (rem & ((1ul << (s - 1)) - 1)) != 0;
            }
        }
        bool inexact = roundBit || rest;
        uint mode = truncate ? 3 : (mxcsr >> 13) & 3;
        bool inc = mode switch
        {
            0 => roundBit && (rest || (mag & 1) != 0),
            1 => inexact && x.Neg,
            2 => inexact && !x.Neg,
            _ => false,
        };
        if (inc) mag++;
        if (mag > (x.Neg ? 0x8000_0000ul : 0x7FFF_FFFFul))
        {
            flags |= IE;
            return 0x8000_0000;
        }
        if (inexact) flags |= PE;
        return x.Neg ? (uint)-(long)mag : (uint)mag;
    }

    /// <summary>Signed int32 to float or double in MXCSR's mode.</summary>
    public static ulong FromInt32(int v, bool dbl, uint mxcsr, ref uint flags)
    {
        if (v == 0) return 0;
        ulong mag = v < 0 ? (ulong)(-(long)v) : (ulong)v;
        // DAZ/FTZ cannot matter: an int32 is never tiny.
        return Round(v < 0, 0, mag, false, dbl, mxcsr & ~Ftz, ref flags);
    }

    /// <summary>cvtss2sd / cvtsd2ss: converts between the formats (fromDbl: double to float).</summary>
    public static ulong Convert(ulong bits, bool fromDbl, uint mxcsr, ref uint flags)
    {
        bool den = false;
        Fp x = Unpack(bits, fromDbl, mxcsr, ref den);
        bool toDbl = !fromDbl;
        switch (x.K)
        {
            case Kind.QNaN:
            case Kind.SNaN:
            {
                if (x.K == Kind.SNaN) flags |= IE;
                ulong sign = x.Neg ? SignBit(toDbl) : 0;
                ulong frac = fromDbl ? (bits & ((1ul << 52) - 1)) >> 29 : (bits & ((1ul << 23) - 1)) << 29;
                return sign | Inf(false, toDbl) | frac | QuietBit(toDbl);
            }
            case Kind.Inf: return Inf(x.Neg, toDbl);
            case Kind.Zero: return Zero(x.Neg, toDbl);
        }
        if (den) flags |= DE;
        return Round(x.Neg, x.Exp, x.Sig, false, toDbl, mxcsr, ref flags);
    }
}
