using Hdbt.Guest;

namespace Hdbt.Helpers;

/// <summary>
/// Integer SIMD operations on XMM (16 bytes) and MMX (8 bytes) registers, with the calling
/// convention of <see cref="SseMoveHelpers"/>. The lane loops run over the length in imm.
/// </summary>
internal static unsafe class SseIntegerHelpers
{
    private static int Len(uint imm) => (int)(imm >> 8) & 0xFF;

    public static uint Paddb(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm); i++) r[i] = (byte)(a[i] + s[i]); return 0; }
    public static uint Paddw(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm) / 2; i++) ((ushort*)r)[i] = (ushort)(((ushort*)a)[i] + ((ushort*)s)[i]); return 0; }
    public static uint Paddd(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm) / 4; i++) ((uint*)r)[i] = ((uint*)a)[i] + ((uint*)s)[i]; return 0; }
    public static uint Paddq(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm) / 8; i++) ((ulong*)r)[i] = ((ulong*)a)[i] + ((ulong*)s)[i]; return 0; }
    public static uint Psubb(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm); i++) r[i] = (byte)(a[i] - s[i]); return 0; }
    public static uint Psubw(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm) / 2; i++) ((ushort*)r)[i] = (ushort)(((ushort*)a)[i] - ((ushort*)s)[i]); return 0; }
    public static uint Psubd(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm) / 4; i++) ((uint*)r)[i] = ((uint*)a)[i] - ((uint*)s)[i]; return 0; }
    public static uint Psubq(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm) / 8; i++) ((ulong*)r)[i] = ((ulong*)a)[i] - ((ulong*)s)[i]; return 0; }

    private static sbyte SatB(int v) => (sbyte)Math.Clamp(v, sbyte.MinValue, sbyte.MaxValue);
    private static short SatW(int v) => (short)Math.Clamp(v, short.MinValue, short.MaxValue);
    private static byte SatUB(int v) => (byte)Math.Clamp(v, 0, 255);
    private static ushort SatUW(int v) => (ushort)Math.Clamp(v, 0, 65535);

    public static uint Paddsb(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm); i++) ((sbyte*)r)[i] = SatB(((sbyte*)a)[i] + ((sbyte*)s)[i]); return 0; }
    public static uint Paddsw(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm) / 2; i++) ((short*)r)[i] = SatW(((short*)a)[i] + ((short*)s)[i]); return 0; }
    public static uint Paddusb(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm); i++) r[i] = SatUB(a[i] + s[i]); return 0; }
    public static uint Paddusw(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm) / 2; i++) ((ushort*)r)[i] = SatUW(((ushort*)a)[i] + ((ushort*)s)[i]); return 0; }
    public static uint Psubsb(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm); i++) ((sbyte*)r)[i] = SatB(((sbyte*)a)[i] - ((sbyte*)s)[i]); return 0; }
    public static uint Psubsw(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm) / 2; i++) ((short*)r)[i] = SatW(((short*)a)[i] - ((short*)s)[i]); return 0; }
    public static uint Psubusb(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm); i++) r[i] = SatUB(a[i] - s[i]); return 0; }
    public static uint Psubusw(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm) / 2; i++) ((ushort*)r)[i] = SatUW(((ushort*)a)[i] - ((ushort*)s)[i]); return 0; }

    public static uint Pcmpeqb(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm); i++) r[i] = a[i] == s[i] ? (byte)0xFF : (byte)0; return 0; }
    public static uint Pcmpeqw(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm) / 2; i++) ((ushort*)r)[i] = ((ushort*)a)[i] == ((ushort*)s)[i] ? (ushort)0xFFFF : (ushort)0; return 0; }
    public static uint Pcmpeqd(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm) / 4; i++) ((uint*)r)[i] = ((uint*)a)[i] == ((uint*)s)[i] ? 0xFFFF_FFFFu : 0; return 0; }
    public static uint Pcmpgtb(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm); i++) r[i] = ((sbyte*)a)[i] > ((sbyte*)s)[i] ? (byte)0xFF : (byte)0; return 0; }
    public static uint Pcmpgtw(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm) / 2; i++) ((ushort*)r)[i] = ((short*)a)[i] > ((short*)s)[i] ? (ushort)0xFFFF : (ushort)0; return 0; }
    public static uint Pcmpgtd(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm) / 4; i++) ((uint*)r)[i] = ((int*)a)[i] > ((int*)s)[i] ? 0xFFFF_FFFFu : 0; return 0; }

    public static uint Pminub(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm); i++) r[i] = Math.Min(a[i], s[i]); return 0; }
    public static uint Pmaxub(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm); i++) r[i] = Math.Max(a[i], s[i]); return 0; }
    public static uint Pminsw(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm) / 2; i++) ((short*)r)[i] = Math.Min(((short*)a)[i], ((short*)s)[i]); return 0; }
    public static uint Pmaxsw(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm) / 2; i++) ((short*)r)[i] = Math.Max(((short*)a)[i], ((short*)s)[i]); return 0; }

    public static uint Pmullw(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm) / 2; i++) ((short*)r)[i] = (short)(((short*)a)[i] * ((short*)s)[i]); return 0; }
    public static uint Pmulhw(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm) / 2; i++) ((short*)r)[i] = (short)((((short*)a)[i] * ((short*)s)[i]) >> 16); return 0; }
    public static uint Pmulhuw(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm) / 2; i++) ((ushort*)r)[i] = (ushort)((((ushort*)a)[i] * (uint)((ushort*)s)[i]) >> 16); return 0; }

    /// <summary>pmuludq: the even dwords multiplied to 64-bit products.</summary>
    public static uint Pmuludq(CpuState* c, byte* r, byte* a, byte* s, uint imm)
    {
        for (int i = 0; i < Len(imm) / 8; i++) ((ulong*)r)[i] = (ulong)((uint*)a)[2 * i] * ((uint*)s)[2 * i];
        return 0;
    }

    public static uint Pmaddwd(CpuState* c, byte* r, byte* a, byte* s, uint imm)
    {
        short* x = (short*)a, y = (short*)s;
        // The one overflow case (-32768 * -32768 twice) wraps to 0x80000000, as the hardware does.
        for (int i = 0; i < Len(imm) / 4; i++) ((uint*)r)[i] = (uint)(x[2 * i] * y[2 * i] + x[2 * i + 1] * y[2 * i + 1]);
        return 0;
    }

    public static uint Pavgb(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm); i++) r[i] = (byte)((a[i] + s[i] + 1) >> 1); return 0; }
    public static uint Pavgw(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < Len(imm) / 2; i++) ((ushort*)r)[i] = (ushort)((((ushort*)a)[i] + ((ushort*)s)[i] + 1) >> 1); return 0; }

    /// <summary>psadbw: per 8-byte group the sum of absolute differences in the low word, the rest zero.</summary>
    public static uint Psadbw(CpuState* c, byte* r, byte* a, byte* s, uint imm)
    {
        for (int g = 0; g < Len(imm) / 8; g++)
        {
            uint sum = 0;
            for (int i = 0; i < 8; i++) sum += (uint)Math.Abs(a[8 * g + i] - s[8 * g + i]);
            ((ulong*)r)[g] = sum;
        }
        return 0;
    }

    /// <summary>Interleaves the low (high = false) or high halves of a and s in lanes of <paramref name="size"/> bytes.</summary>
    private static uint Unpack(byte* r, byte* a, byte* s, uint imm, int size, bool high)
    {
        int len = Len(imm), half = len / 2, lanes = half / size;
        int from = high ? half : 0;
        for (int i = 0; i < lanes; i++)
        {
            Buffer.MemoryCopy(a + from + i * size, r + 2 * i * size, size, size);
            Buffer.MemoryCopy(s + from + i * size, r + (2 * i + 1) * size, size, size);
        }
        return 0;
    }

    public static uint Punpcklbw(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Unpack(r, a, s, imm, 1, false);
    public static uint Punpcklwd(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Unpack(r, a, s, imm, 2, false);
    public static uint Punpckldq(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Unpack(r, a, s, imm, 4, false);
    public static uint Punpcklqdq(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Unpack(r, a, s, imm, 8, false);
    public static uint Punpckhbw(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Unpack(r, a, s, imm, 1, true);
    public static uint Punpckhwd(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Unpack(r, a, s, imm, 2, true);
    public static uint Punpckhdq(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Unpack(r, a, s, imm, 4, true);
    public static uint Punpckhqdq(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Unpack(r, a, s, imm, 8, true);

    public static uint Packsswb(CpuState* c, byte* r, byte* a, byte* s, uint imm)
    {
        int n = Len(imm) / 2;
        for (int i = 0; i < n; i++)
        {
            ((sbyte*)r)[i] = SatB(((short*)a)[i]);
            ((sbyte*)r)[n + i] = SatB(((short*)s)[i]);
        }
        return 0;
    }

    public static uint Packssdw(CpuState* c, byte* r, byte* a, byte* s, uint imm)
    {
        int n = Len(imm) / 4;
        for (int i = 0; i < n; i++)
        {
            ((short*)r)[i] = SatW(((int*)a)[i]);
            ((short*)r)[n + i] = SatW(((int*)s)[i]);
        }
        return 0;
    }

    public static uint Packuswb(CpuState* c, byte* r, byte* a, byte* s, uint imm)
    {
        int n = Len(imm) / 2;
        for (int i = 0; i < n; i++)
        {
            r[i] = SatUB(((short*)a)[i]);
            r[n + i] = SatUB(((short*)s)[i]);
        }
        return 0;
    }

    // ---- shifts: the count is the source's low 64 bits, or the imm8 ----

    private static ulong Count(byte* s) => *(ulong*)s;

    private static void Sll(byte* r, byte* a, int len, int size, ulong count)
    {
        for (int i = 0; i < len / size; i++)
        {
            switch (size)
            {
                case 2: ((ushort*)r)[i] = count > 15 ? (ushort)0 : (ushort)(((ushort*)a)[i] << (int)count); break;
                case 4: ((uint*)r)[i] = count > 31 ? 0 : ((uint*)a)[i] << (int)count; break;
                default: ((ulong*)r)[i] = count > 63 ? 0 : ((ulong*)a)[i] << (int)count; break;
            }
        }
    }

    private static void Srl(byte* r, byte* a, int len, int size, ulong count)
    {
        for (int i = 0; i < len / size; i++)
        {
            switch (size)
            {
                case 2: ((ushort*)r)[i] = count > 15 ? (ushort)0 : (ushort)(((ushort*)a)[i] >> (int)count); break;
                case 4: ((uint*)r)[i] = count > 31 ? 0 : ((uint*)a)[i] >> (int)count; break;
                default: ((ulong*)r)[i] = count > 63 ? 0 : ((ulong*)a)[i] >> (int)count; break;
            }
        }
    }

    private static void Sra(byte* r, byte* a, int len, int size, ulong count)
    {
        for (int i = 0; i < len / size; i++)
        {
            if (size == 2) ((short*)r)[i] = (short)(((short*)a)[i] >> (int)Math.Min(count, 15));
            else ((int*)r)[i] = ((int*)a)[i] >> (int)Math.Min(count, 31);
        }
    }

    public static uint Psllw(CpuState* c, byte* r, byte* a, byte* s, uint imm) { Sll(r, a, Len(imm), 2, Count(s)); return 0; }
    public static uint Pslld(CpuState* c, byte* r, byte* a, byte* s, uint imm) { Sll(r, a, Len(imm), 4, Count(s)); return 0; }
    public static uint Psllq(CpuState* c, byte* r, byte* a, byte* s, uint imm) { Sll(r, a, Len(imm), 8, Count(s)); return 0; }
    public static uint Psrlw(CpuState* c, byte* r, byte* a, byte* s, uint imm) { Srl(r, a, Len(imm), 2, Count(s)); return 0; }
    public static uint Psrld(CpuState* c, byte* r, byte* a, byte* s, uint imm) { Srl(r, a, Len(imm), 4, Count(s)); return 0; }
    public static uint Psrlq(CpuState* c, byte* r, byte* a, byte* s, uint imm) { Srl(r, a, Len(imm), 8, Count(s)); return 0; }
    public static uint Psraw(CpuState* c, byte* r, byte* a, byte* s, uint imm) { Sra(r, a, Len(imm), 2, Count(s)); return 0; }
    public static uint Psrad(CpuState* c, byte* r, byte* a, byte* s, uint imm) { Sra(r, a, Len(imm), 4, Count(s)); return 0; }
    public static uint PsllwI(CpuState* c, byte* r, byte* a, byte* s, uint imm) { Sll(r, a, Len(imm), 2, imm & 0xFF); return 0; }
    public static uint PslldI(CpuState* c, byte* r, byte* a, byte* s, uint imm) { Sll(r, a, Len(imm), 4, imm & 0xFF); return 0; }
    public static uint PsllqI(CpuState* c, byte* r, byte* a, byte* s, uint imm) { Sll(r, a, Len(imm), 8, imm & 0xFF); return 0; }
    public static uint PsrlwI(CpuState* c, byte* r, byte* a, byte* s, uint imm) { Srl(r, a, Len(imm), 2, imm & 0xFF); return 0; }
    public static uint PsrldI(CpuState* c, byte* r, byte* a, byte* s, uint imm) { Srl(r, a, Len(imm), 4, imm & 0xFF); return 0; }
    public static uint PsrlqI(CpuState* c, byte* r, byte* a, byte* s, uint imm) { Srl(r, a, Len(imm), 8, imm & 0xFF); return 0; }
    public static uint PsrawI(CpuState* c, byte* r, byte* a, byte* s, uint imm) { Sra(r, a, Len(imm), 2, imm & 0xFF); return 0; }
    public static uint PsradI(CpuState* c, byte* r, byte* a, byte* s, uint imm) { Sra(r, a, Len(imm), 4, imm & 0xFF); return 0; }

    /// <summary>pslldq: the whole register shifted left by imm8 bytes (16 or more clears it).</summary>
    public static uint PslldqI(CpuState* c, byte* r, byte* a, byte* s, uint imm)
    {
        int n = (int)(imm & 0xFF);
        for (int i = 0; i < 16; i++) r[i] = i - n >= 0 ? a[i - n] : (byte)0;
        return 0;
    }

    public static uint PsrldqI(CpuState* c, byte* r, byte* a, byte* s, uint imm)
    {
        int n = (int)(imm & 0xFF);
        for (int i = 0; i < 16; i++) r[i] = i + n < 16 ? a[i + n] : (byte)0;
        return 0;
    }
}
