/* SSE/SSE2 conversions in every direction (float, double, int32, MMX pairs; truncating and
 * MXCSR-rounded; integer indefinite on NaN/overflow) under every rounding mode with FTZ/DAZ,
 * and rcpps/rsqrtps (groups: cvt, approx). rcp/rsqrt results are CPU-specific tables: the
 * committed output is from an AMD EPYC host, which hdbt reproduces. */
#include "sse.h"

BIN(cvtps2pd, "cvtps2pd") BIN(cvtpd2ps, "cvtpd2ps") BIN(cvtss2sd, "cvtss2sd") BIN(cvtsd2ss, "cvtsd2ss")
BIN(cvtdq2ps, "cvtdq2ps") BIN(cvtps2dq, "cvtps2dq") BIN(cvttps2dq, "cvttps2dq") BIN(cvtdq2pd, "cvtdq2pd")
BIN(cvtpd2dq, "cvtpd2dq") BIN(cvttpd2dq, "cvttpd2dq")
BIN(rcpps, "rcpps") BIN(rcpss, "rcpss") BIN(rsqrtps, "rsqrtps") BIN(rsqrtss, "rsqrtss")

/* MMX forms: the mm side goes through mm0; emms afterwards. */
#define TOMM(fn, insn)                                                                             \
    static u32 fn##_r(v128 *x, const v128 *y, u32 mx)                                              \
    {                                                                                              \
        u32 out;                                                                                   \
        __asm__ volatile("ldmxcsr %2\n\tmovq (%0),%%mm0\n\tmovaps (%1),%%xmm1\n\t" insn            \
                         " %%xmm1,%%mm0\n\tmovq %%mm0,(%0)\n\temms\n\tstmxcsr %3"                  \
                         : : "r"(x), "r"(y), "m"(mx), "m"(out) : "xmm1", "mm0", "memory");         \
        return out;                                                                                \
    }                                                                                              \
    static u32 fn##_m(v128 *x, const v128 *y, u32 mx)                                              \
    {                                                                                              \
        u32 out;                                                                                   \
        __asm__ volatile("ldmxcsr %2\n\tmovq (%0),%%mm0\n\t" insn " (%1),%%mm0\n\tmovq %%mm0,(%0)\n\temms\n\tstmxcsr %3" \
                         : : "r"(x), "r"(y), "m"(mx), "m"(out) : "mm0", "memory");                 \
        return out;                                                                                \
    }
#define FROMMM(fn, insn)                                                                           \
    static u32 fn##_r(v128 *x, const v128 *y, u32 mx)                                              \
    {                                                                                              \
        u32 out;                                                                                   \
        __asm__ volatile("ldmxcsr %2\n\tmovaps (%0),%%xmm0\n\tmovq (%1),%%mm1\n\t" insn            \
                         " %%mm1,%%xmm0\n\tmovaps %%xmm0,(%0)\n\temms\n\tstmxcsr %3"               \
                         : : "r"(x), "r"(y), "m"(mx), "m"(out) : "xmm0", "mm1", "memory");         \
        return out;                                                                                \
    }                                                                                              \
    static u32 fn##_m(v128 *x, const v128 *y, u32 mx)                                              \
    {                                                                                              \
        u32 out;                                                                                   \
        __asm__ volatile("ldmxcsr %2\n\tmovaps (%0),%%xmm0\n\t" insn " (%1),%%xmm0\n\tmovaps %%xmm0,(%0)\n\tstmxcsr %3" \
                         : : "r"(x), "r"(y), "m"(mx), "m"(out) : "xmm0", "memory");                \
        return out;                                                                                \
    }
TOMM(cvtps2pi, "cvtps2pi") TOMM(cvttps2pi, "cvttps2pi") TOMM(cvtpd2pi, "cvtpd2pi") TOMM(cvttpd2pi, "cvttpd2pi")
FROMMM(cvtpi2ps, "cvtpi2ps") FROMMM(cvtpi2pd, "cvtpi2pd")

/* To a general register from xmm or memory. */
#define TOGPR(fn, insn, mov)                                                                       \
    static u32 fn##_r(v128 *x, const v128 *y, u32 mx)                                              \
    {                                                                                              \
        u32 out, r;                                                                                \
        __asm__ volatile("ldmxcsr %3\n\tmovaps (%2),%%xmm1\n\t" insn " %%xmm1,%0\n\tstmxcsr %4"    \
                         : "=r"(r) : "r"(x), "r"(y), "m"(mx), "m"(out) : "xmm1", "memory");        \
        x->w[0] = r;                                                                               \
        return out;                                                                                \
    }                                                                                              \
    static u32 fn##_m(v128 *x, const v128 *y, u32 mx)                                              \
    {                                                                                              \
        u32 out, r;                                                                                \
        __asm__ volatile("ldmxcsr %3\n\t" insn " (%2),%0\n\tstmxcsr %4"                            \
                         : "=r"(r) : "r"(x), "r"(y), "m"(mx), "m"(out) : "memory");                \
        x->w[0] = r;                                                                               \
        return out;                                                                                \
    }
TOGPR(cvtss2si, "cvtss2si", 0) TOGPR(cvttss2si, "cvttss2si", 0) TOGPR(cvtsd2si, "cvtsd2si", 0) TOGPR(cvttsd2si, "cvttsd2si", 0)

/* From a general register or memory. */
#define FROMGPR(fn, insn)                                                                          \
    static u32 fn##_r(v128 *x, const v128 *y, u32 mx)                                              \
    {                                                                                              \
        u32 out;                                                                                   \
        __asm__ volatile("ldmxcsr %2\n\tmovaps (%0),%%xmm0\n\t" insn " %4,%%xmm0\n\tmovaps %%xmm0,(%0)\n\tstmxcsr %3" \
                         : : "r"(x), "r"(y), "m"(mx), "m"(out), "r"(y->w[0]) : "xmm0", "memory"); \
        return out;                                                                                \
    }                                                                                              \
    static u32 fn##_m(v128 *x, const v128 *y, u32 mx)                                              \
    {                                                                                              \
        u32 out;                                                                                   \
        __asm__ volatile("ldmxcsr %2\n\tmovaps (%0),%%xmm0\n\t" insn "l (%1),%%xmm0\n\tmovaps %%xmm0,(%0)\n\tstmxcsr %3" \
                         : : "r"(x), "r"(y), "m"(mx), "m"(out) : "xmm0", "memory");                \
        return out;                                                                                \
    }
FROMGPR(cvtsi2ss, "cvtsi2ss") FROMGPR(cvtsi2sd, "cvtsi2sd")

typedef u32 (*binfn)(v128 *, const v128 *, u32);
/* Source kinds: 0 floats, 1 doubles, 2 int32s. */
struct form { const char *name; binfn r, m; int src; };
#define F(n, k) { #n, n##_r, n##_m, k }
static const struct form forms[] = {
    F(cvtps2pd, 0), F(cvtpd2ps, 1), F(cvtss2sd, 0), F(cvtsd2ss, 1), F(cvtdq2ps, 2), F(cvtps2dq, 0),
    F(cvttps2dq, 0), F(cvtdq2pd, 2), F(cvtpd2dq, 1), F(cvttpd2dq, 1),
    F(cvtps2pi, 0), F(cvttps2pi, 0), F(cvtpd2pi, 1), F(cvttpd2pi, 1), F(cvtpi2ps, 2), F(cvtpi2pd, 2),
    F(cvtss2si, 0), F(cvttss2si, 0), F(cvtsd2si, 1), F(cvttsd2si, 1), F(cvtsi2ss, 2), F(cvtsi2sd, 2),
};

static const u32 int_edges[] = {
    0, 1, 0xFFFFFFFF, 2, 3, 0x7FFFFFFF, 0x80000000, 0x80000001, 0x00FFFFFF, 0x01000000, 0x01000001,
    0x01000003, 0x7FFFFFC0, 0x7FFFFF80, 0xFF000001, 0xFEFFFFFF, 0x12345678, 0x89ABCDEF, 100, 0xFFFFFF9C,
};
#define NINT (sizeof int_edges / sizeof int_edges[0])

/* Random values with exponents near the integer range make conversions round. */
static u32 rnd_f32(void) { return (rnd() & 0x807FFFFF) | ((0x7E + rnd() % 36) << 23); }
static u64 rnd_f64(void) { return ((u64)(rnd() & 0x800FFFFF) | (u64)(0x3FE + rnd() % 36) << 20) << 32 | rnd(); }

static void fill(int kind, unsigned i, v128 *y)
{
    unsigned k;
    for (k = 0; k < 4; k++) {
        unsigned idx = (i + k * 7) % 64;
        if (kind == 0) y->w[k] = idx < NF32 ? f32_edges[(idx + i) % NF32] : rnd_f32();
        else if (kind == 2) y->w[k] = idx < NINT ? int_edges[(idx + i) % NINT] : rnd();
        else if (k % 2 == 0) {
            u64 v = idx < NF64 ? f64_edges[(idx + i) % NF64] : rnd_f64();
            y->w[k] = (u32)v;
            y->w[k + 1] = (u32)(v >> 32);
        }
    }
}

static void run_cvt(void)
{
    unsigned f, m, i;
    char name[64];
    for (f = 0; f < sizeof forms / sizeof forms[0]; f++)
        for (m = 0; m < NMODES; m++) {
            snprintf(name, sizeof name, "%s/%04x", forms[f].name, modes[m]);
            begin();
            rng = 777 + f * 31 + m;
            for (i = 0; i < 300; i++) {
                v128 x = { { 0x11111111, 0x22222222, 0x33333333, 0x44444444 } }, y;
                u32 in[4], mx;
                fill(forms[f].src, i, &y);
                memcpy(in, &y, 16);
                mx = (i & 1 ? forms[f].m : forms[f].r)(&x, &y, modes[m]);
                record(name, in, 4, x.w, 4, mx);
            }
            end(name);
        }
}

static void run_approx(void)
{
    static const struct form approx[] = { F(rcpps, 0), F(rcpss, 0), F(rsqrtps, 0), F(rsqrtss, 0) };
    unsigned f, i;
    for (f = 0; f < 4; f++) {
        begin();
        rng = 99 + f;
        for (i = 0; i < 20000; i++) {
            v128 x = { { 0x11111111, 0x22222222, 0x33333333, 0x44444444 } }, y;
            u32 in[4], mx, k;
            for (k = 0; k < 4; k++) y.w[k] = i < NF32 ? f32_edges[(i + k) % NF32] : rnd();
            memcpy(in, &y, 16);
            mx = (i & 1 ? approx[f].m : approx[f].r)(&x, &y, modes[i % NMODES]);
            record(approx[f].name, in, 4, x.w, 4, mx);
        }
        end(approx[f].name);
    }
}

int main(int argc, char **argv)
{
    verbose = argc > 1 && !strcmp(argv[1], "-v");
    if (selected(argc, argv, "cvt")) run_cvt();
    if (selected(argc, argv, "approx")) run_approx();
    return 0;
}
