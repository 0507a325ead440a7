namespace Hdbt.Fpu;

/// <summary>Conversions between <see cref="Float80"/> and the memory formats the x87 loads and stores.</summary>
public static class F80Convert
{
    public const ulong DoubleIndefinite = 0xFFF8_0000_0000_0000, DoubleQuiet = 1ul << 51;
    public const uint SingleIndefinite = 0xFFC0_0000, SingleQuiet = 1u << 22;

    public static Float80 FromInt64(long value)
    {
        if (value == 0) return Float80.Zero(false);
        bool s = value < 0;
        ulong m = s ? (ulong)-value : (ulong)value;
        int lz = System.Numerics.BitOperations.LeadingZeroCount(m);
        return new Float80(s, Float80.Bias + 63 - lz, m << lz);
    }

    /// <summary>fld m64: exact; an SNaN is quieted (IE), a denormal raises DE.</summary>
    public static Float80 FromDouble(ulong bits, ref FpEnv env)
    {
        bool s = (bits >> 63) != 0;
        int exp = (int)(bits >> 52) & 0x7FF;
        ulong frac = bits & ((1ul << 52) - 1);
        if (exp == 0x7FF)
        {
            if (frac == 0) return Float80.Infinity(s);
            if ((frac & DoubleQuiet) == 0) env.Raise(FpStatus.IE);
            return new Float80(s, Float80.MaxExp, Float80.IntegerBit | Float80.QuietBit | (frac << 11));
        }
        if (exp == 0)
        {
            if (frac == 0) return Float80.Zero(s);
            env.Raise(FpStatus.DE);
            int lz = System.Numerics.BitOperations.LeadingZeroCount(frac);
            // value = frac * 2^-1074; normalized significand frac << lz has its top bit at 63.
            return new Float80(s, -1074 + 63 - lz + Float80.Bias, frac << lz);
        }
        return new Float80(s, exp - 1023 + Float80.Bias, Float80.IntegerBit | (frac << 11));
    }

    /// <summary>fld m32.</summary>
    public static Float80 FromSingle(uint bits, ref FpEnv env)
    {
        bool s = (bits >> 31) != 0;
        int exp = (int)(bits >> 23) & 0xFF;
        ulong frac = bits & ((1u << 23) - 1);
        if (exp == 0xFF)
        {
            if (frac == 0) return Float80.Infinity(s);
            if ((frac & SingleQuiet) == 0) env.Raise(FpStatus.IE);
            return new Float80(s, Float80.MaxExp, Float80.IntegerBit | Float80.QuietBit | (frac << 40));
        }
        if (exp == 0)
        {
            if (frac == 0) return Float80.Zero(s);
            env.Raise(FpStatus.DE);
            int lz = System.Numerics.BitOperations.LeadingZeroCount(frac);
            return new Float80(s, -149 + 63 - lz + Float80.Bias, frac << lz);
        }
        return new Float80(s, exp - 127 + Float80.Bias, Float80.IntegerBit | (frac << 40));
    }

    /// <summary>fst m64: rounds to double under the rounding control (precision control does not apply).</summary>
    public static ulong ToDouble(Float80 f, ref FpEnv env)
    {
        var u = Unpacked.From(f);
        ulong sign = u.Sign ? 1ul << 63 : 0;
        switch (u.Class)
        {
            case FpClass.Zero: return sign;
            case FpClass.Infinity: return sign | 0x7FF0_0000_0000_0000;
            case FpClass.Unsupported:
                env.Raise(FpStatus.IE);
                return DoubleIndefinite;
            case FpClass.SNaN:
            case FpClass.QNaN:
                if (u.Class == FpClass.SNaN) env.Raise(FpStatus.IE);
                return sign | 0x7FF0_0000_0000_0000 | DoubleQuiet | ((f.Mant >> 11) & ((1ul << 52) - 1));
        }
        var (e, sig) = Rounder.Round(u.Sign, u.E, (UInt128)u.Sig << 64, 53, -1022, 1023, ref env);
        if (e == int.MaxValue) return sign | 0x7FF0_0000_0000_0000;
        if ((sig & Float80.IntegerBit) == 0) return sign | (sig >> 11);
        return sign | ((ulong)(e + 1023) << 52) | ((sig >> 11) & ((1ul << 52) - 1));
    }

    /// <summary>fst m32.</summary>
    public static uint ToSingle(Float80 f, ref FpEnv env)
    {
        var u = Unpacked.From(f);
        uint sign = u.Sign ? 1u << 31 : 0;
        switch (u.Class)
        {
            case FpClass.Zero: return sign;
            case FpClass.Infinity: return sign | 0x7F80_0000;
            case FpClass.Unsupported:
                env.Raise(FpStatus.IE);
                return SingleIndefinite;
            case FpClass.SNaN:
            case FpClass.QNaN:
                if (u.Class == FpClass.SNaN) env.Raise(FpStatus.IE);
                return sign | 0x7F80_0000 | SingleQuiet | (uint)((f.Mant >> 40) & ((1u << 23) - 1));
        }
        var (e, sig) = Rounder.Round(u.Sign, u.E, (UInt128)u.Sig << 64, 24, -126, 127, ref env);
        if (e == int.MaxValue) return sign | 0x7F80_0000;
        if ((sig & Float80.IntegerBit) == 0) return sign | (uint)(sig >> 40);
        return sign | ((uint)(e + 127) << 23) | (uint)((sig >> 40) & ((1u << 23) - 1));
    }

    /// <summary>
    /// The integer nearest a finite value under rounding mode <paramref name="rc"/>, as a magnitude;
    /// <c>Big</c> when it does not fit in 64 bits. Raises nothing.
    /// </summary>
    public static (ulong Mag, bool Big, bool Inexact, bool Up) RoundToInteger(in Unpacked u, int rc)
    {
        if (u.Class == FpClass.Zero) return (0, false, false, false);
        if (u.E >= 64) return (0, true, false, false);
        if (u.E == 63) return (u.Sig, false, false, false);
        // Integer part and the fraction below it, as a 128-bit value with the binary point at bit 64.
        UInt128 v = (UInt128)u.Sig << 64;
        int shift = 63 - u.E;
        UInt128 fixedPoint = shift >= 128 ? 0 : v >> shift;
        bool lost = shift >= 128 ? v != 0 : (v & (((UInt128)1 << shift) - 1)) != 0;
        ulong ip = (ulong)(fixedPoint >> 64);
        ulong frac = (ulong)fixedPoint;
        bool inexact = frac != 0 || lost;
        if (!inexact) return (ip, false, false, false);
        const ulong half = 1ul << 63;
        bool up = rc switch
        {
            0 => frac > half || (frac == half && (lost || (ip & 1) != 0)),
            1 => u.Sign,
            2 => !u.Sign,
            _ => false,
        };
        if (up)
        {
            ip++;
            if (ip == 0) return (0, true, true, true);
        }
        return (ip, false, true, up);
    }

    /// <summary>
    /// fist/fistp (rounding control) or fisttp (<paramref name="truncate"/>) to a signed integer of
    /// <paramref name="bits"/> bits; out of range or NaN stores the integer indefinite (IE).
    /// </summary>
    public static long ToInt(Float80 f, int bits, bool truncate, ref FpEnv env)
    {
        long indefinite = bits == 64 ? long.MinValue : -(1L << (bits - 1));
        var u = Unpacked.From(f);
        if (u.Class is FpClass.QNaN or FpClass.SNaN or FpClass.Unsupported or FpClass.Infinity)
        {
            env.Raise(FpStatus.IE);
            return indefinite;
        }
        var (mag, big, inexact, up) = RoundToInteger(u, truncate ? 3 : env.RoundingControl);
        ulong limit = 1ul << (bits - 1);
        if (big || mag > limit || (mag == limit && !u.Sign))
        {
            env.Raise(FpStatus.IE);
            return indefinite;
        }
        if (inexact)
        {
            env.Raise(FpStatus.PE);
            if (up) env.Raise(FpStatus.C1);
        }
        return u.Sign ? (long)(0 - mag) : (long)mag;
    }

    /// <summary>frndint: rounds to an integer under the rounding control (precision control does not apply).</summary>
    public static Float80 RoundToIntegral(Float80 f, ref FpEnv env)
    {
        var u = Unpacked.From(f);
        if (u.Class >= FpClass.QNaN) return F80Arith.PropagateNaN(f, u, ref env);
        if (u.Class != FpClass.Finite) return f;
        if (u.Denormal) env.Raise(FpStatus.DE);
        if (u.E >= 63) return f;
        var (mag, big, inexact, up) = RoundToInteger(u, env.RoundingControl);
        if (inexact)
        {
            env.Raise(FpStatus.PE);
            if (up) env.Raise(FpStatus.C1);
        }
        if (big) return new Float80(u.Sign, Float80.Bias + 64, Float80.IntegerBit);
        if (mag == 0) return Float80.Zero(u.Sign);
        var r = FromInt64((long)mag);
        if (mag > long.MaxValue) r = new Float80(false, Float80.Bias + 63, mag);
        return r.WithSign(u.Sign);
    }

    /// <summary>fbld: 18 packed BCD digits and a sign byte. Invalid digits give an undefined result (decoded as is).</summary>
    public static Float80 FromBcd(ReadOnlySpan<byte> b)
    {
        ulong v = 0;
        for (int i = 8; i >= 0; i--) v = v * 100 + (ulong)((b[i] >> 4) * 10 + (b[i] & 15));
        bool s = (b[9] & 0x80) != 0;
        if (v == 0) return Float80.Zero(s);
        return FromInt64((long)v).WithSign(s);
    }

    /// <summary>fbstp: rounds under the rounding control; out of range (|x| &gt;= 10^18) or NaN stores the BCD indefinite (IE).</summary>
    public static void ToBcd(Float80 f, Span<byte> b, ref FpEnv env)
    {
        var u = Unpacked.From(f);
        bool bad = u.Class is FpClass.QNaN or FpClass.SNaN or FpClass.Unsupported or FpClass.Infinity;
        ulong mag = 0;
        if (!bad)
        {
            var (m, big, inexact, up) = RoundToInteger(u, env.RoundingControl);
            if (big || m >= 1_000_000_000_000_000_000ul) bad = true;
            else
            {
                mag = m;
                if (inexact)
                {
                    env.Raise(FpStatus.PE);
                    if (up) env.Raise(FpStatus.C1);
                }
            }
        }
        if (bad)
        {
            env.Raise(FpStatus.IE);
            b.Clear();
            b[7] = 0xC0;
            b[8] = 0xFF;
            b[9] = 0xFF;
            return;
        }
        for (int i = 0; i < 9; i++)
        {
            int lo = (int)(mag % 10);
            mag /= 10;
            int hi = (int)(mag % 10);
            mag /= 10;
            b[i] = (byte)((hi << 4) | lo);
        }
        b[9] = (byte)(u.Sign ? 0x80 : 0);
    }
}
