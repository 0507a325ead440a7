using Hdbt.Guest;

namespace Hdbt.Helpers;

/// <summary>
/// Floating-point SSE/SSE2 arithmetic, compares and conversions per lane, with the calling
/// convention of <see cref="SseMoveHelpers"/>; the exact rounding and flags are <see cref="SseFloat"/>'s.
/// Scalar forms change lane 0 only (r starts as the destination's old value).
/// </summary>
internal static unsafe class SseArithHelpers
{
    private static uint Ps(int op, CpuState* c, byte* r, byte* a, byte* s, int lanes)
    {
        uint f = 0, m = c->Mxcsr;
        for (int i = 0; i < lanes; i++)
            ((uint*)r)[i] = (uint)SseFloat.Arith(op, ((uint*)a)[i], ((uint*)s)[i], false, m, ref f);
        return f;
    }

    private static uint Pd(int op, CpuState* c, byte* r, byte* a, byte* s, int lanes)
    {
        uint f = 0, m = c->Mxcsr;
        for (int i = 0; i < lanes; i++)
            ((ulong*)r)[i] = SseFloat.Arith(op, ((ulong*)a)[i], ((ulong*)s)[i], true, m, ref f);
        return f;
    }

    public static uint Addps(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Ps(0, c, r, a, s, 4);
    public static uint Addss(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Ps(0, c, r, a, s, 1);
    public static uint Addpd(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Pd(0, c, r, a, s, 2);
    public static uint Addsd(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Pd(0, c, r, a, s, 1);
    public static uint Subps(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Ps(1, c, r, a, s, 4);
    public static uint Subss(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Ps(1, c, r, a, s, 1);
    public static uint Subpd(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Pd(1, c, r, a, s, 2);
    public static uint Subsd(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Pd(1, c, r, a, s, 1);
    public static uint Mulps(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Ps(2, c, r, a, s, 4);
    public static uint Mulss(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Ps(2, c, r, a, s, 1);
    public static uint Mulpd(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Pd(2, c, r, a, s, 2);
    public static uint Mulsd(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Pd(2, c, r, a, s, 1);
    public static uint Divps(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Ps(3, c, r, a, s, 4);
    public static uint Divss(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Ps(3, c, r, a, s, 1);
    public static uint Divpd(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Pd(3, c, r, a, s, 2);
    public static uint Divsd(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Pd(3, c, r, a, s, 1);

    private static uint MinMax(bool max, bool dbl, CpuState* c, byte* r, byte* a, byte* s, int lanes)
    {
        uint f = 0, m = c->Mxcsr;
        for (int i = 0; i < lanes; i++)
        {
            if (dbl) ((ulong*)r)[i] = SseFloat.MinMax(max, ((ulong*)a)[i], ((ulong*)s)[i], true, m, ref f);
            else ((uint*)r)[i] = (uint)SseFloat.MinMax(max, ((uint*)a)[i], ((uint*)s)[i], false, m, ref f);
        }
        return f;
    }

    public static uint Minps(CpuState* c, byte* r, byte* a, byte* s, uint imm) => MinMax(false, false, c, r, a, s, 4);
    public static uint Minss(CpuState* c, byte* r, byte* a, byte* s, uint imm) => MinMax(false, false, c, r, a, s, 1);
    public static uint Minpd(CpuState* c, byte* r, byte* a, byte* s, uint imm) => MinMax(false, true, c, r, a, s, 2);
    public static uint Minsd(CpuState* c, byte* r, byte* a, byte* s, uint imm) => MinMax(false, true, c, r, a, s, 1);
    public static uint Maxps(CpuState* c, byte* r, byte* a, byte* s, uint imm) => MinMax(true, false, c, r, a, s, 4);
    public static uint Maxss(CpuState* c, byte* r, byte* a, byte* s, uint imm) => MinMax(true, false, c, r, a, s, 1);
    public static uint Maxpd(CpuState* c, byte* r, byte* a, byte* s, uint imm) => MinMax(true, true, c, r, a, s, 2);
    public static uint Maxsd(CpuState* c, byte* r, byte* a, byte* s, uint imm) => MinMax(true, true, c, r, a, s, 1);

    private static uint Sqrt(bool dbl, CpuState* c, byte* r, byte* s, int lanes)
    {
        uint f = 0, m = c->Mxcsr;
        for (int i = 0; i < lanes; i++)
        {
            if (dbl) ((ulong*)r)[i] = SseFloat.Sqrt(((ulong*)s)[i], true, m, ref f);
            else ((uint*)r)[i] = (uint)SseFloat.Sqrt(((uint*)s)[i], false, m, ref f);
        }
        return f;
    }

    public static uint Sqrtps(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Sqrt(false, c, r, s, 4);
    public static uint Sqrtss(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Sqrt(false, c, r, s, 1);
    public static uint Sqrtpd(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Sqrt(true, c, r, s, 2);
    public static uint Sqrtsd(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Sqrt(true, c, r, s, 1);

    public static uint Rcpps(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < 4; i++) ((uint*)r)[i] = SseApprox.Rcp(((uint*)s)[i]); return 0; }
    public static uint Rcpss(CpuState* c, byte* r, byte* a, byte* s, uint imm) { ((uint*)r)[0] = SseApprox.Rcp(((uint*)s)[0]); return 0; }
    public static uint Rsqrtps(CpuState* c, byte* r, byte* a, byte* s, uint imm) { for (int i = 0; i < 4; i++) ((uint*)r)[i] = SseApprox.Rsqrt(((uint*)s)[i]); return 0; }
    public static uint Rsqrtss(CpuState* c, byte* r, byte* a, byte* s, uint imm) { ((uint*)r)[0] = SseApprox.Rsqrt(((uint*)s)[0]); return 0; }

    private static uint Cmp(bool dbl, CpuState* c, byte* r, byte* a, byte* s, uint imm, int lanes)
    {
        uint f = 0, m = c->Mxcsr, pred = imm & 7;
        for (int i = 0; i < lanes; i++)
        {
            if (dbl) ((ulong*)r)[i] = SseFloat.Compare(pred, ((ulong*)a)[i], ((ulong*)s)[i], true, m, ref f) ? ulong.MaxValue : 0;
            else ((uint*)r)[i] = SseFloat.Compare(pred, ((uint*)a)[i], ((uint*)s)[i], false, m, ref f) ? uint.MaxValue : 0;
        }
        return f;
    }

    public static uint Cmpps(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Cmp(false, c, r, a, s, imm, 4);
    public static uint Cmpss(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Cmp(false, c, r, a, s, imm, 1);
    public static uint Cmppd(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Cmp(true, c, r, a, s, imm, 2);
    public static uint Cmpsd(CpuState* c, byte* r, byte* a, byte* s, uint imm) => Cmp(true, c, r, a, s, imm, 1);

    // ---- conversions ----

    public static uint Cvtps2pd(CpuState* c, byte* r, byte* a, byte* s, uint imm)
    {
        uint f = 0, m = c->Mxcsr;
        ulong lo = SseFloat.Convert(((uint*)s)[0], false, m, ref f), hi = SseFloat.Convert(((uint*)s)[1], false, m, ref f);
        ((ulong*)r)[0] = lo;
        ((ulong*)r)[1] = hi;
        return f;
    }

    public static uint Cvtpd2ps(CpuState* c, byte* r, byte* a, byte* s, uint imm)
    {
        uint f = 0, m = c->Mxcsr;
        uint lo = (uint)SseFloat.Convert(((ulong*)s)[0], true, m, ref f), hi = (uint)SseFloat.Convert(((ulong*)s)[1], true, m, ref f);
        ((uint*)r)[0] = lo;
        ((uint*)r)[1] = hi;
        ((ulong*)r)[1] = 0;
        return f;
    }

    public static uint Cvtss2sd(CpuState* c, byte* r, byte* a, byte* s, uint imm)
    {
        uint f = 0;
        ((ulong*)r)[0] = SseFloat.Convert(((uint*)s)[0], false, c->Mxcsr, ref f);
        return f;
    }

    public static uint Cvtsd2ss(CpuState* c, byte* r, byte* a, byte* s, uint imm)
    {
        uint f = 0;
        ((uint*)r)[0] = (uint)SseFloat.Convert(((ulong*)s)[0], true, c->Mxcsr, ref f);
        return f;
    }

    public static uint Cvtdq2ps(CpuState* c, byte* r, byte* a, byte* s, uint imm)
    {
        uint f = 0, m = c->Mxcsr;
        for (int i = 0; i < 4; i++) ((uint*)r)[i] = (uint)SseFloat.FromInt32(((int*)s)[i], false, m, ref f);
        return f;
    }

    private static uint PsToDq(CpuState* c, byte* r, byte* s, bool truncate, int lanes)
    {
        uint f = 0, m = c->Mxcsr;
        for (int i = 0; i < lanes; i++) ((uint*)r)[i] = SseFloat.ToInt32(((uint*)s)[i], false, truncate, m, ref f);
        return f;
    }

    private static uint PdToDq(CpuState* c, byte* r, byte* s, bool truncate, bool zeroUpper)
    {
        uint f = 0, m = c->Mxcsr;
        uint lo = SseFloat.ToInt32(((ulong*)s)[0], true, truncate, m, ref f), hi = SseFloat.ToInt32(((ulong*)s)[1], true, truncate, m, ref f);
        ((uint*)r)[0] = lo;
        ((uint*)r)[1] = hi;
        if (zeroUpper) ((ulong*)r)[1] = 0;
        return f;
    }

    public static uint Cvtps2dq(CpuState* c, byte* r, byte* a, byte* s, uint imm) => PsToDq(c, r, s, false, 4);
    public static uint Cvttps2dq(CpuState* c, byte* r, byte* a, byte* s, uint imm) => PsToDq(c, r, s, true, 4);
    public static uint Cvtps2pi(CpuState* c, byte* r, byte* a, byte* s, uint imm) => PsToDq(c, r, s, false, 2);
    public static uint Cvttps2pi(CpuState* c, byte* r, byte* a, byte* s, uint imm) => PsToDq(c, r, s, true, 2);
    public static uint Cvtpd2dq(CpuState* c, byte* r, byte* a, byte* s, uint imm) => PdToDq(c, r, s, false, true);
    public static uint Cvttpd2dq(CpuState* c, byte* r, byte* a, byte* s, uint imm) => PdToDq(c, r, s, true, true);
    public static uint Cvtpd2pi(CpuState* c, byte* r, byte* a, byte* s, uint imm) => PdToDq(c, r, s, false, false);
    public static uint Cvttpd2pi(CpuState* c, byte* r, byte* a, byte* s, uint imm) => PdToDq(c, r, s, true, false);

    /// <summary>cvtdq2pd and cvtpi2pd: two int32 to two doubles (always exact).</summary>
    public static uint Cvtdq2pd(CpuState* c, byte* r, byte* a, byte* s, uint imm)
    {
        uint f = 0;
        ulong lo = SseFloat.FromInt32(((int*)s)[0], true, c->Mxcsr, ref f), hi = SseFloat.FromInt32(((int*)s)[1], true, c->Mxcsr, ref f);
        ((ulong*)r)[0] = lo;
        ((ulong*)r)[1] = hi;
        return f;
    }

    /// <summary>cvtpi2ps: two int32 into the low two lanes, the upper two kept.</summary>
    public static uint Cvtpi2ps(CpuState* c, byte* r, byte* a, byte* s, uint imm)
    {
        uint f = 0, m = c->Mxcsr;
        uint lo = (uint)SseFloat.FromInt32(((int*)s)[0], false, m, ref f), hi = (uint)SseFloat.FromInt32(((int*)s)[1], false, m, ref f);
        ((uint*)r)[0] = lo;
        ((uint*)r)[1] = hi;
        return f;
    }
}
