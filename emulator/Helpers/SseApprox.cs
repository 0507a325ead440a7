namespace Hdbt.Helpers;

/// <summary>
/// rcpps/rsqrtps approximations. Intel documents only a relative error bound (1.5 * 2^-12); each
/// CPU family has its own tables. hdbt reproduces the AMD EPYC (Zen) results bit for bit from the
/// tables measured on that host (<see cref="SseApproxTables"/>, made by tools/sse-approx-tables.c):
/// the result depends only on the input's exponent and top mantissa bits. Special cases as the
/// hardware: denormal inputs count as zero, results below the smallest normal become zero, NaNs
/// are quieted, no exception flags. On an Intel CPU native results differ in the low bits.
/// </summary>
internal static class SseApprox
{
    private static readonly uint[] s_rcp = Decode(SseApproxTables.RcpFirst, SseApproxTables.RcpSteps);
    private static readonly uint[] s_rsqrt = Decode(SseApproxTables.RsqrtFirst, SseApproxTables.RsqrtSteps);

    private static uint[] Decode(uint first, string steps)
    {
        var t = new uint[steps.Length + 1];
        t[0] = first << 11;
        for (int i = 0; i < steps.Length; i++) t[i + 1] = t[i] - ((uint)(steps[i] - '0') << 11);
        return t;
    }

    public static uint Rcp(uint x)
    {
        uint sign = x & 0x8000_0000, e = (x >> 23) & 0xFF, frac = x & 0x7F_FFFF;
        if (e == 0xFF) return frac != 0 ? x | 0x40_0000 : sign;
        if (e == 0) return sign | 0x7F80_0000;
        // Table entries are for inputs in [1, 2) (exponent 127) and have exponent 126.
        int re = 253 - (int)e;
        if (re <= 0) return sign;
        return sign | (uint)re << 23 | (s_rcp[frac >> 11] & 0x7F_FFFF);
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
        // Entries 0..4095 are for [0.5, 1) (exponent 126), 4096..8191 for [1, 2) (exponent 127);
        // an input 2^(2k) times larger has a result 2^k times smaller.
        uint odd = e & 1;
        int k = ((int)e - (126 + (int)odd)) / 2;
        uint r = s_rsqrt[(odd << 12) | (frac >> 11)];
        return (uint)((int)r - (k << 23));
    }
}
