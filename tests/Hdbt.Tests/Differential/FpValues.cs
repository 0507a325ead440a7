namespace Hdbt.Tests.Differential;

/// <summary>
/// Floating-point operand values for the x87 and SSE differential cases: edge values (signed zeros,
/// denormals, extreme exponents, infinities, quiet and signalling NaNs, values next to rounding
/// boundaries for every precision) and random ones, as 80-bit, 64-bit and 32-bit bit patterns.
/// </summary>
public static class FpValues
{
    private const ulong Int = 0x8000_0000_0000_0000;

    /// <summary>Edge values of the 80-bit format (every class fld m80 accepts without #IA).</summary>
    public static readonly byte[][] Ext80Edges =
    [
        Ext80.Make(false, 0, 0), Ext80.Make(true, 0, 0),                                   // +-0
        Ext80.Make(false, 16383, Int), Ext80.Make(true, 16383, Int),                       // +-1
        Ext80.Make(false, 16384, Int | 0x4000_0000_0000_0000),                             // 3
        Ext80.Make(false, 16382, Int), Ext80.Make(true, 16385, 0xA000_0000_0000_0000),     // 0.5, -10
        Ext80.Make(false, 16381, 0xAAAA_AAAA_AAAA_AAAB),                                   // 1/3
        Ext80.Make(false, 16383, Int | 0x0000_0080_0000_0000),                             // 1 + 2^-24 (float tie)
        Ext80.Make(false, 16383, Int | 0x0000_00C0_0000_0000),                             // 1 + 3*2^-25
        Ext80.Make(false, 16383, Int | 0x0000_0000_0000_0400),                             // 1 + 2^-53 (double tie)
        Ext80.Make(true, 16383, Int | 0x0000_0000_0000_0600),                              // -(1 + 3*2^-54)
        Ext80.Make(false, 16383, Int | 1),                                                 // 1 + 2^-63
        Ext80.Make(false, 16383, ulong.MaxValue),                                          // 2 - 2^-63
        Ext80.Make(false, 0x7FFE, ulong.MaxValue), Ext80.Make(true, 0x7FFE, ulong.MaxValue), // +-max
        Ext80.Make(false, 1, Int), Ext80.Make(true, 1, Int),                               // +-min normal
        Ext80.Make(false, 0, 1), Ext80.Make(true, 0, 0x4000_0000_0000_0000),               // denormals
        Ext80.Make(false, 0x7FFF, Int), Ext80.Make(true, 0x7FFF, Int),                     // +-inf
        Ext80.Make(false, 0x7FFF, 0xC000_0000_0000_0000), Ext80.Make(true, 0x7FFF, 0xC000_0000_0000_1234), // QNaN
        Ext80.Make(false, 0x7FFF, 0xA000_0000_0000_0000), Ext80.Make(true, 0x7FFF, 0x8000_0000_0000_0001), // SNaN
        Ext80.Make(false, 16383 + 63, Int), Ext80.Make(true, 16383 + 31, Int),             // 2^63, -2^31
        Ext80.Make(false, 16383 + 14, 0xFFFE_0000_0000_0000),                              // 32767
        Ext80.Make(false, 16383 + 1, 0xC90F_DAA2_2168_C235),                               // pi
        Ext80.FromDouble(double.MaxValue), Ext80.FromDouble(double.Epsilon), Ext80.FromDouble(float.MaxValue),
        Ext80.FromDouble(2.5), Ext80.FromDouble(-2.5), Ext80.FromDouble(0.49999999999999994), Ext80.FromDouble(1e10 + 0.5),
    ];

    /// <summary>Edge doubles (bit patterns).</summary>
    public static readonly ulong[] DoubleEdges =
    [
        0, 0x8000_0000_0000_0000, 0x3FF0_0000_0000_0000, 0xBFF0_0000_0000_0000, 0x3FD5_5555_5555_5555,
        0x3FF0_0000_0000_0001, 0x3FF8_0000_0000_0000, 0x4004_0000_0000_0000, 0xC004_0000_0000_0000,
        0x3FE0_0000_0000_0000, 0x3FEF_FFFF_FFFF_FFFF, 0x4330_0000_0000_0001, 0x41DF_FFFF_FFC0_0000,
        0x41E0_0000_0000_0000, 0xC1E0_0000_0000_0000, 0xC1E0_0000_0010_0000, 0x43E0_0000_0000_0000,
        0x7FEF_FFFF_FFFF_FFFF, 0xFFEF_FFFF_FFFF_FFFF, 0x0010_0000_0000_0000, 0x8010_0000_0000_0000,
        0x0000_0000_0000_0001, 0x800F_FFFF_FFFF_FFFF, 0x0008_0000_0000_0000,
        0x7FF0_0000_0000_0000, 0xFFF0_0000_0000_0000, 0x7FF8_0000_0000_0000, 0xFFF8_0000_0000_0000,
        0x7FF8_0000_0000_1234, 0x7FF0_0000_0000_0001, 0xFFF4_0000_0000_0000, 0x3CA0_0000_0000_0000,
        0x47EF_FFFF_E000_0000, 0x47EF_FFFF_F000_0000, 0x3690_0000_0000_0000, 0x36A0_0000_0000_0000,
    ];

    /// <summary>Edge floats (bit patterns).</summary>
    public static readonly uint[] FloatEdges =
    [
        0, 0x8000_0000, 0x3F80_0000, 0xBF80_0000, 0x3EAA_AAAB, 0x3F80_0001, 0x3FC0_0000, 0x4020_0000,
        0xC020_0000, 0x3F00_0000, 0x3F7F_FFFF, 0x4B00_0001, 0x4EFF_FFFF, 0x4F00_0000, 0xCF00_0000,
        0x5F00_0000, 0xDF00_0000, 0x7F7F_FFFF, 0xFF7F_FFFF, 0x0080_0000, 0x8080_0000, 0x0000_0001,
        0x807F_FFFF, 0x0040_0000, 0x7F80_0000, 0xFF80_0000, 0x7FC0_0000, 0xFFC0_0000, 0x7FC0_1234,
        0x7F80_0001, 0xFFA0_0000, 0x3380_0000, 0x4700_0000, 0xC700_0080,
    ];

    /// <summary>A random 80-bit value: usually normal with an exponent near 1, sometimes wide-ranged or an edge value.</summary>
    public static byte[] RandomExt80(Random rng)
    {
        int k = rng.Next(10);
        if (k == 0) return Ext80Edges[rng.Next(Ext80Edges.Length)];
        ulong m = Int | (ulong)rng.NextInt64() | (ulong)rng.Next(2) << 62;
        int e = k < 7 ? 16383 + rng.Next(-40, 41) : rng.Next(1, 0x7FFF);
        return Ext80.Make(rng.Next(2) == 0, e, m);
    }

    /// <summary>A random double: usually within a few hundred powers of two of 1, sometimes an edge value.</summary>
    public static ulong RandomDouble(Random rng)
    {
        int k = rng.Next(10);
        if (k == 0) return DoubleEdges[rng.Next(DoubleEdges.Length)];
        ulong f = (ulong)rng.NextInt64() & 0xF_FFFF_FFFF_FFFF;
        ulong e = k < 7 ? (ulong)(1023 + rng.Next(-60, 61)) : (ulong)rng.Next(0, 0x7FF);
        return ((ulong)rng.Next(2) << 63) | (e << 52) | f;
    }

    /// <summary>A random float, like <see cref="RandomDouble"/>.</summary>
    public static uint RandomFloat(Random rng)
    {
        int k = rng.Next(10);
        if (k == 0) return FloatEdges[rng.Next(FloatEdges.Length)];
        uint f = (uint)rng.Next() & 0x7F_FFFF;
        uint e = k < 7 ? (uint)(127 + rng.Next(-30, 31)) : (uint)rng.Next(0, 0xFF);
        return ((uint)rng.Next(2) << 31) | (e << 23) | f;
    }

    /// <summary>The 12 x87 control words of the sweep: every rounding control with precision 24, 53 and 64 bits, all exceptions masked.</summary>
    public static readonly ushort[] ControlWords =
        [.. from rc in new[] { 0, 1, 2, 3 } from pc in new[] { 0, 2, 3 } select (ushort)(0x007F | (rc << 10) | (pc << 8))];

    /// <summary>MXCSR values of the sweep: every rounding control, with FTZ and DAZ off, on, and each alone; all exceptions masked.</summary>
    public static readonly uint[] MxcsrValues =
        [.. from rc in new[] { 0u, 1u, 2u, 3u } from fz in new[] { 0u, 0x8000u, 0x40u, 0x8040u } select 0x1F80u | (rc << 13) | fz];
}
