using System.Buffers.Binary;

namespace Hdbt.Tests.Differential;

/// <summary>
/// 80-bit x87 extended-precision values as their 10 little-endian bytes (64-bit mantissa with an
/// explicit integer bit, 15-bit exponent biased by 16383, sign), built from parts or from doubles.
/// </summary>
public static class Ext80
{
    /// <summary>A value from its sign, biased exponent and full 64-bit mantissa (integer bit included).</summary>
    public static byte[] Make(bool negative, int biasedExponent, ulong mantissa)
    {
        var b = new byte[10];
        BinaryPrimitives.WriteUInt64LittleEndian(b, mantissa);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(8), (ushort)((negative ? 0x8000 : 0) | (biasedExponent & 0x7FFF)));
        return b;
    }

    /// <summary>The exact extended value of a double (every double is representable; NaN payloads move up).</summary>
    public static byte[] FromDouble(double d)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(d);
        bool neg = (bits >> 63) != 0;
        int e = (int)(bits >> 52) & 0x7FF;
        ulong f = bits & 0xF_FFFF_FFFF_FFFF;
        if (e == 0x7FF) return Make(neg, 0x7FFF, 0x8000_0000_0000_0000 | (f << 11));
        if (e == 0)
        {
            if (f == 0) return Make(neg, 0, 0);
            // Double denormal: normalise (extended has the range for it).
            int shift = System.Numerics.BitOperations.LeadingZeroCount(f) - 11;
            return Make(neg, 1 - 1023 + 16383 - shift, (f << 11) << shift);
        }
        return Make(neg, e - 1023 + 16383, 0x8000_0000_0000_0000 | (f << 11));
    }

    /// <summary>"-1.5 [bfff c000000000000000]": the nearest double (for reading) and the exact bits.</summary>
    public static string Format(ReadOnlySpan<byte> v)
    {
        ushort se = BinaryPrimitives.ReadUInt16LittleEndian(v[8..]);
        ulong m = BinaryPrimitives.ReadUInt64LittleEndian(v);
        int e = se & 0x7FFF;
        // Outside the range of a double: mantissa and power of two, so the magnitude stays readable.
        string approx = e != 0x7FFF && m != 0 && (e - 16383 > 1023 || e - 16383 < -1022)
            ? $"{((se & 0x8000) != 0 ? "-" : "")}{(double)m / Math.Pow(2, 63):F6}*2^{(e == 0 ? 1 : e) - 16383}"
            : ToDouble(se, m).ToString("G6");
        return $"{approx}[{se:x4} {m:x16}]";
    }

    private static double ToDouble(ushort se, ulong m)
    {
        int e = se & 0x7FFF;
        double sign = (se & 0x8000) != 0 ? -1 : 1;
        if (e == 0x7FFF) return (m << 1) == 0 ? sign * double.PositiveInfinity : double.NaN;
        return sign * Math.ScaleB(m, (e == 0 ? 1 : e) - 16383 - 63);
    }
}
