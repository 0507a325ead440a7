/* Randomized SSE/SSE2 arithmetic: sse_rand SEED COUNT [-v] runs COUNT random cases (a random
 * arithmetic/sqrt/min/max/compare/convert form, random MXCSR rounding mode with FTZ/DAZ, random
 * operands biased to interesting exponents, near-equal pairs and specials) and prints a hash of
 * every result and MXCSR, or every case with -v. The tests compare a native run with hdbt's. */
#include "sse.h"

BIN(addss, "addss") BIN(subss, "subss") BIN(mulss, "mulss") BIN(divss, "divss") BIN(sqrtss, "sqrtss")
BIN(minss, "minss") BIN(maxss, "maxss") BIN(addps, "addps") BIN(mulps, "mulps") BIN(divps, "divps")
BIN(addsd, "addsd") BIN(subsd, "subsd") BIN(mulsd, "mulsd") BIN(divsd, "divsd") BIN(sqrtsd, "sqrtsd")
BIN(minsd, "minsd") BIN(maxsd, "maxsd") BIN(subpd, "subpd") BIN(divpd, "divpd") BIN(sqrtpd, "sqrtpd")
BIN(cmpps, "cmpps $6,") BIN(cmpsd, "cmpsd $2,") BIN(cvtsd2ss, "cvtsd2ss") BIN(cvtpd2ps, "cvtpd2ps")
BIN(cvtps2dq, "cvtps2dq") BIN(cvtpd2dq, "cvtpd2dq") BIN(cvtdq2ps, "cvtdq2ps") BIN(cvtss2sd, "cvtss2sd")

typedef u32 (*binfn)(v128 *, const v128 *, u32);
static const struct { const char *name; binfn r, m; int dbl; } forms[] = {
#define F(n, d) { #n, n##_r, n##_m, d }
    F(addss, 0), F(subss, 0), F(mulss, 0), F(divss, 0), F(sqrtss, 0), F(minss, 0), F(maxss, 0),
    F(addps, 0), F(mulps, 0), F(divps, 0), F(addsd, 1), F(subsd, 1), F(mulsd, 1), F(divsd, 1),
    F(sqrtsd, 1), F(minsd, 1), F(maxsd, 1), F(subpd, 1), F(divpd, 1), F(sqrtpd, 1), F(cmpps, 0),
    F(cmpsd, 1), F(cvtsd2ss, 1), F(cvtpd2ps, 1), F(cvtps2dq, 0), F(cvtpd2dq, 1), F(cvtdq2ps, 0), F(cvtss2sd, 0),
};
#define NFORMS (sizeof forms / sizeof forms[0])

static u32 rnd_f32(void)
{
    u32 r = rnd(), k = rnd() % 8;
    if (k < 3) return r;
    if (k == 3) return f32_edges[r % NF32];
    if (k == 4) return (r & 0x807FFFFF) | (rnd() % 4) << 23;              /* denormal or tiny normal */
    if (k == 5) return (r & 0x807FFFFF) | (0xFC + rnd() % 3) << 23;       /* near overflow */
    return (r & 0x807FFFFF) | (0x70 + rnd() % 32) << 23;                  /* ordinary */
}

static u64 rnd_f64(void)
{
    u64 r = (u64)rnd() << 32 | rnd();
    u32 k = rnd() % 8;
    if (k < 3) return r;
    if (k == 3) return f64_edges[rnd() % NF64];
    if (k == 4) return (r & 0x800FFFFFFFFFFFFFull) | (u64)(rnd() % 4) << 52;
    if (k == 5) return (r & 0x800FFFFFFFFFFFFFull) | (u64)(0x7FC + rnd() % 3) << 52;
    if (k == 6) return (r & 0x800FFFFFFFFFFFFFull) | (u64)(0x368 + rnd() % 40) << 52;  /* results near float's denormal range */
    return (r & 0x800FFFFFFFFFFFFFull) | (u64)(0x3E0 + rnd() % 64) << 52;
}

int main(int argc, char **argv)
{
    u32 count, i, k;
    if (argc < 3) { printf("usage: sse_rand SEED COUNT [-v]\n"); return 2; }
    rng = (u32)strtoul(argv[1], 0, 0) | 1;
    count = (u32)strtoul(argv[2], 0, 0);
    verbose = argc > 3 && !strcmp(argv[3], "-v");
    begin();
    for (i = 0; i < count; i++) {
        u32 f = rnd() % NFORMS, mode = modes[rnd() % NMODES], in[8], mx;
        v128 x, y;
        if (!forms[f].dbl)
            for (k = 0; k < 4; k++) { x.w[k] = rnd_f32(); y.w[k] = rnd() % 4 == 0 ? x.w[k] ^ (rnd() % 8) : rnd_f32(); }
        else
            for (k = 0; k < 2; k++) {
                u64 a = rnd_f64(), b = rnd() % 4 == 0 ? a ^ (rnd() % 8) ^ (u64)(rnd() % 2) << 63 : rnd_f64();
                x.w[2 * k] = (u32)a; x.w[2 * k + 1] = (u32)(a >> 32);
                y.w[2 * k] = (u32)b; y.w[2 * k + 1] = (u32)(b >> 32);
            }
        memcpy(in, &x, 16);
        memcpy(in + 4, &y, 16);
        mx = (i & 1 ? forms[f].m : forms[f].r)(&x, &y, mode);
        record(forms[f].name, in, 8, x.w, 4, mx);
    }
    end("random");
    return 0;
}
