namespace Hdbt.Runtime;

/// <summary>
/// rcpps/rsqrtps approximations. Intel documents only a relative error bound (1.5 * 2^-12); each
/// CPU family has its own table. hdbt returns the correctly rounded value (within the bound) and
/// reproduces the hardware's special cases: denormal inputs count as zero, results below the
/// smallest normal become zero, no exception flags, NaNs are quieted.
/// </summary>
internal static class SseApprox
{
    public static uint Rcp(uint x)
    {
        uint sign = x & 0x8000_0000, e = (x >> 23) & 0xFF, frac = x & 0x7F_FFFF;
        if (e == 0xFF) return frac != 0 ? x | 0x40_0000 : sign;
        if (e == 0) return sign | 0x7F80_0000;
        float r = 1f / BitConverter.UInt32BitsToSingle(x);
        uint bits = BitConverter.SingleToUInt32Bits(r);
        return (bits & 0x7F80_0000) == 0 ? sign : bits;
    }

    public static uint Rsqrt(uint x)
    {
        uint sign = x & 0x8000_0000, e = (x >> 23) & 0xFF, frac = x & 0x7F_FFFF;
        if (e == 0xFF)
        {
            if (frac != 0) return x | 0x40_0000;
            return sign != 0 ? SseFloat.DefaultNaN32 : 0;
        }
        if (e == 0) return sign | 0x7F80_0000;
        if (sign != 0) return SseFloat.DefaultNaN32;
        float r = (float)(1.0 / Math.Sqrt(BitConverter.UInt32BitsToSingle(x)));
        return BitConverter.SingleToUInt32Bits(r);
    }
}
