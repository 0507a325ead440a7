using System.Buffers.Binary;
using System.Text;

namespace Hdbt.Tests.Differential;

/// <summary>
/// The part of the FXSAVE image (32-bit format) that a case record keeps, and which of its bytes are
/// compared. Not compared: FOP, FIP, FCS, FDP and FDS (AMD processors store them only while an
/// exception is pending, so the oracle's values are model-specific; hdbt may leave them 0), the
/// reserved bytes, MXCSR_MASK (a property of the processor model, not of the program), and the
/// contents of x87 registers tagged empty. Everything else (FCW, FSW, the abridged tag word,
/// MXCSR, every non-empty ST(i), XMM0..XMM7) must match bit for bit, under each case's masks.
/// </summary>
public static class FxLayout
{
    /// <summary>Bytes kept from the 512-byte FXSAVE image: up to the end of XMM7.</summary>
    public const int Size = 288;

    public const int Fcw = 0, Fsw = 2, Ftw = 4, Fop = 6, Fip = 8, Fdp = 16, Mxcsr = 24, MxcsrMask = 28, St = 32, Xmm = 160;

    /// <summary>TOP (the physical index of ST(0)) from a status word.</summary>
    public static int Top(ushort fsw) => (fsw >> 11) & 7;

    /// <summary>Whether ST(i) holds a value: the abridged tag bit of its physical register.</summary>
    public static bool StValid(ReadOnlySpan<byte> fx, int i)
    {
        int top = Top(BinaryPrimitives.ReadUInt16LittleEndian(fx[Fsw..]));
        return (fx[Ftw] >> ((top + i) & 7) & 1) != 0;
    }

    /// <summary>The differences between two images under a case's masks, one item per field; empty when they match.</summary>
    public static List<string> Differences(SnippetCase c, ReadOnlySpan<byte> e, ReadOnlySpan<byte> a)
    {
        var d = new List<string>();
        ushort fcwE = U16(e, Fcw), fcwA = U16(a, Fcw);
        if (fcwE != fcwA) d.Add($"fcw expected {fcwE:x4} got {fcwA:x4}");
        ushort swE = U16(e, Fsw), swA = U16(a, Fsw);
        if (((swE ^ swA) & ~c.FswMask) != 0)
            d.Add($"fsw expected {swE:x4} got {swA:x4} ({FswNames((ushort)((swE ^ swA) & ~c.FswMask))} differ)");
        if (e[Ftw] != a[Ftw]) d.Add($"ftw expected {e[Ftw]:x2} got {a[Ftw]:x2}");
        uint mxE = U32(e, Mxcsr), mxA = U32(a, Mxcsr);
        if (((mxE ^ mxA) & ~c.MxcsrMask) != 0) d.Add($"mxcsr expected {mxE:x8} got {mxA:x8}");
        for (int i = 0; i < 8; i++)
        {
            // An empty register's contents are not compared; the tag itself is (ftw above).
            if (!StValid(e, i) || !StValid(a, i)) continue;
            var ve = e.Slice(St + 16 * i, 10);
            var va = a.Slice(St + 16 * i, 10);
            if (ve.SequenceEqual(va) || WithinUlps(ve, va, c.StUlps)) continue;
            d.Add($"st{i} expected {Ext80.Format(ve)} got {Ext80.Format(va)}");
        }
        for (int i = 0; i < 8; i++)
        {
            var xe = e.Slice(Xmm + 16 * i, 16);
            var xa = a.Slice(Xmm + 16 * i, 16);
            if (!xe.SequenceEqual(xa) && !(c.XmmApproximate && FloatLanesClose(xe, xa))) d.Add($"xmm{i} expected {Hex128(xe)} got {Hex128(xa)}");
        }
        return d;
    }

    /// <summary>A one-line summary of an image: control/status words, tags, MXCSR, the valid ST(i) and non-zero XMM registers.</summary>
    public static string Summary(ReadOnlySpan<byte> fx)
    {
        var sb = new StringBuilder();
        sb.Append($"fcw={U16(fx, Fcw):x4} fsw={U16(fx, Fsw):x4} ftw={fx[Ftw]:x2} mxcsr={U32(fx, Mxcsr):x8}");
        for (int i = 0; i < 8; i++)
            if (StValid(fx, i)) sb.Append($" st{i}={Ext80.Format(fx.Slice(St + 16 * i, 10))}");
        for (int i = 0; i < 8; i++)
        {
            var x = fx.Slice(Xmm + 16 * i, 16);
            if (x.IndexOfAnyExcept((byte)0) >= 0) sb.Append($" xmm{i}={Hex128(x)}");
        }
        return sb.ToString();
    }

    /// <summary>
    /// Whether two 80-bit values of the same sign are at most <paramref name="ulps"/> apart, counting
    /// in units of the last mantissa bit across exponent boundaries (for transcendental results).
    /// </summary>
    private static bool WithinUlps(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y, int ulps)
    {
        if (ulps == 0) return false;
        ushort sx = U16(x, 8), sy = U16(y, 8);
        if ((sx ^ sy) >> 15 != 0) return false;
        // (exponent, mantissa without its explicit integer bit) ordered like an integer for finite values.
        Int128 kx = ((Int128)(sx & 0x7FFF) << 63) | (U64(x) & 0x7FFF_FFFF_FFFF_FFFF);
        Int128 ky = ((Int128)(sy & 0x7FFF) << 63) | (U64(y) & 0x7FFF_FFFF_FFFF_FFFF);
        if ((sx & 0x7FFF) == 0x7FFF || (sy & 0x7FFF) == 0x7FFF) return false;
        return Int128.Abs(kx - ky) <= ulps;
    }

    /// <summary>Whether every float lane of two registers is equal or, both finite and non-zero, within a relative 3*2^-12.</summary>
    private static bool FloatLanesClose(ReadOnlySpan<byte> e, ReadOnlySpan<byte> a)
    {
        for (int i = 0; i < 4; i++)
        {
            uint be = U32(e, 4 * i), ba = U32(a, 4 * i);
            if (be == ba) continue;
            float fe = BitConverter.UInt32BitsToSingle(be), fa = BitConverter.UInt32BitsToSingle(ba);
            if (!float.IsFinite(fe) || !float.IsFinite(fa) || fe == 0 || fa == 0) return false;
            if (Math.Abs((double)fa - fe) > 3.0 / 4096 * Math.Abs((double)fe)) return false;
        }
        return true;
    }

    private static string FswNames(ushort bits)
    {
        string[] names = ["IE", "DE", "ZE", "OE", "UE", "PE", "SF", "ES", "C0", "C1", "C2", "TOP", "TOP", "TOP", "C3", "B"];
        return string.Join(' ', Enumerable.Range(0, 16).Where(b => (bits >> b & 1) != 0).Select(b => names[b]).Distinct());
    }

    private static string Hex128(ReadOnlySpan<byte> x) => $"{BinaryPrimitives.ReadUInt64LittleEndian(x[8..]):x16}_{BinaryPrimitives.ReadUInt64LittleEndian(x):x16}";

    private static ushort U16(ReadOnlySpan<byte> s, int o) => BinaryPrimitives.ReadUInt16LittleEndian(s[o..]);

    private static uint U32(ReadOnlySpan<byte> s, int o) => BinaryPrimitives.ReadUInt32LittleEndian(s[o..]);

    private static ulong U64(ReadOnlySpan<byte> s) => BinaryPrimitives.ReadUInt64LittleEndian(s);
}
