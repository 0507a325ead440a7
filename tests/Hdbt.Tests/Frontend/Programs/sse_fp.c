/* SSE/SSE2 floating point: arithmetic, min/max, sqrt, compares (all 8 predicates) and comis,
 * over edge values (zeros, denormals, smallest normals, values that round differently per mode,
 * extremes, infinities, QNaNs and SNaNs), under every rounding mode with FTZ and DAZ off and on.
 * Each case prints the full destination register (upper lanes of scalar forms must survive) and
 * MXCSR with its sticky exception flags. Register and memory source forms alternate by mode.
 * Groups: f32 f64 cmp. rcpps/rsqrtps are not here: their tables are CPU-specific (see sse_cvt). */
#include "sse.h"

typedef u32 (*binfn)(v128 *, const v128 *, u32);

BIN(addss, "addss") BIN(subss, "subss") BIN(mulss, "mulss") BIN(divss, "divss")
BIN(minss, "minss") BIN(maxss, "maxss") BIN(sqrtss, "sqrtss")
BIN(addps, "addps") BIN(subps, "subps") BIN(mulps, "mulps") BIN(divps, "divps")
BIN(minps, "minps") BIN(maxps, "maxps") BIN(sqrtps, "sqrtps")
BIN(addsd, "addsd") BIN(subsd, "subsd") BIN(mulsd, "mulsd") BIN(divsd, "divsd")
BIN(minsd, "minsd") BIN(maxsd, "maxsd") BIN(sqrtsd, "sqrtsd")
BIN(addpd, "addpd") BIN(subpd, "subpd") BIN(mulpd, "mulpd") BIN(divpd, "divpd")
BIN(minpd, "minpd") BIN(maxpd, "maxpd") BIN(sqrtpd, "sqrtpd")
#define CMPS(p)                                                                                    \
    BIN(cmpss##p, "cmpss $" #p ",") BIN(cmpps##p, "cmpps $" #p ",")                                \
    BIN(cmpsd##p, "cmpsd $" #p ",") BIN(cmppd##p, "cmppd $" #p ",")
CMPS(0) CMPS(1) CMPS(2) CMPS(3) CMPS(4) CMPS(5) CMPS(6) CMPS(7)

struct form { const char *name; binfn r, m; };
#define F(n) { #n, n##_r, n##_m }

static const struct form f32_forms[] = {
    F(addss), F(subss), F(mulss), F(divss), F(minss), F(maxss), F(sqrtss),
    F(addps), F(subps), F(mulps), F(divps), F(minps), F(maxps), F(sqrtps),
};
static const struct form f64_forms[] = {
    F(addsd), F(subsd), F(mulsd), F(divsd), F(minsd), F(maxsd), F(sqrtsd),
    F(addpd), F(subpd), F(mulpd), F(divpd), F(minpd), F(maxpd), F(sqrtpd),
};
static const struct form cmp_forms[] = {
    F(cmpss0), F(cmpss1), F(cmpss2), F(cmpss3), F(cmpss4), F(cmpss5), F(cmpss6), F(cmpss7),
    F(cmpps0), F(cmpps1), F(cmpps2), F(cmpps3), F(cmpps4), F(cmpps5), F(cmpps6), F(cmpps7),
    F(cmpsd0), F(cmpsd1), F(cmpsd2), F(cmpsd3), F(cmpsd4), F(cmpsd5), F(cmpsd6), F(cmpsd7),
    F(cmppd0), F(cmppd1), F(cmppd2), F(cmppd3), F(cmppd4), F(cmppd5), F(cmppd6), F(cmppd7),
};

/* Operands from edge values i, j: lane 0 is the pair itself, the other lanes other pairs. */
static void operands(int dbl, unsigned i, unsigned j, v128 *x, v128 *y)
{
    if (!dbl) {
        x->w[0] = f32_edges[i]; y->w[0] = f32_edges[j];
        x->w[1] = f32_edges[j]; y->w[1] = f32_edges[i];
        x->w[2] = f32_edges[(i + j) % NF32]; y->w[2] = f32_edges[(i * 5 + j) % NF32];
        x->w[3] = f32_edges[(i * 3 + 1) % NF32]; y->w[3] = f32_edges[(j * 7 + 3) % NF32];
    } else {
        u64 a = f64_edges[i], b = f64_edges[j], c = f64_edges[(i * 3 + j) % NF64], d = f64_edges[(j * 5 + i + 1) % NF64];
        x->w[0] = (u32)a; x->w[1] = (u32)(a >> 32); y->w[0] = (u32)b; y->w[1] = (u32)(b >> 32);
        x->w[2] = (u32)c; x->w[3] = (u32)(c >> 32); y->w[2] = (u32)d; y->w[3] = (u32)(d >> 32);
    }
}

static void run(const struct form *forms, unsigned nforms, int dbl)
{
    unsigned f, m, i, j, n = dbl ? NF64 : NF32;
    char name[64];
    for (f = 0; f < nforms; f++)
        for (m = 0; m < NMODES; m++) {
            snprintf(name, sizeof name, "%s/%04x", forms[f].name, modes[m]);
            begin();
            for (i = 0; i < n; i++)
                for (j = 0; j < n; j++) {
                    v128 x, y;
                    u32 in[8], mx;
                    operands(dbl, i, j, &x, &y);
                    memcpy(in, &x, 16);
                    memcpy(in + 4, &y, 16);
                    mx = (m & 1 ? forms[f].m : forms[f].r)(&x, &y, modes[m]);
                    record(name, in, 8, x.w, 4, mx);
                }
            end(name);
        }
}

/* EFLAGS into output operand 0, and all arithmetic flags set. The x86-64 build (build.sh: the CPU
 * oracle on hosts whose kernel runs no i386 programs) pushes 64 bits and must step over the 128-byte
 * red zone below %rsp that the compiler may use; lea leaves the flags alone. */
#ifdef __x86_64__
#define FLAGS_TO_R0 "lea -128(%%rsp),%%rsp\n\tpushfq\n\tpopq %q0\n\tlea 128(%%rsp),%%rsp"
#define SET_ARITH_FLAGS "lea -128(%%rsp),%%rsp\n\tpushq $0x8D5\n\tpopfq\n\tlea 128(%%rsp),%%rsp"
#else
#define FLAGS_TO_R0 "pushfl\n\tpopl %0"
#define SET_ARITH_FLAGS "pushl $0x8D5\n\tpopfl"
#endif

#define COMI(fn, insn, load)                                                                       \
    static u32 fn(const v128 *x, const v128 *y, u32 mx, u32 *flags)                                \
    {                                                                                              \
        u32 out, f;                                                                                \
        __asm__ volatile("ldmxcsr %3\n\tmovaps (%1),%%xmm0\n\t" load insn "\n\t" FLAGS_TO_R0 "\n\tstmxcsr %4" \
                         : "=r"(f) : "r"(x), "r"(y), "m"(mx), "m"(out) : "xmm0", "xmm1", "memory", "cc"); \
        *flags = f & 0x8D5;                                                                        \
        return out;                                                                                \
    }
COMI(comiss_r, "comiss %%xmm1,%%xmm0", "movaps (%2),%%xmm1\n\t") COMI(comiss_m, "comiss (%2),%%xmm0", "")
COMI(ucomiss_r, "ucomiss %%xmm1,%%xmm0", "movaps (%2),%%xmm1\n\t") COMI(ucomiss_m, "ucomiss (%2),%%xmm0", "")
COMI(comisd_r, "comisd %%xmm1,%%xmm0", "movaps (%2),%%xmm1\n\t") COMI(comisd_m, "comisd (%2),%%xmm0", "")
COMI(ucomisd_r, "ucomisd %%xmm1,%%xmm0", "movaps (%2),%%xmm1\n\t") COMI(ucomisd_m, "ucomisd (%2),%%xmm0", "")

typedef u32 (*comifn)(const v128 *, const v128 *, u32, u32 *);

static void run_comi(void)
{
    static const struct { const char *name; comifn r, m; int dbl; } forms[] = {
        { "comiss", comiss_r, comiss_m, 0 }, { "ucomiss", ucomiss_r, ucomiss_m, 0 },
        { "comisd", comisd_r, comisd_m, 1 }, { "ucomisd", ucomisd_r, ucomisd_m, 1 },
    };
    unsigned f, m, i, j;
    char name[64];
    for (f = 0; f < 4; f++)
        for (m = 0; m < NMODES; m += 4) {
            unsigned n = forms[f].dbl ? NF64 : NF32;
            snprintf(name, sizeof name, "%s/%04x", forms[f].name, modes[m]);
            begin();
            for (i = 0; i < n; i++)
                for (j = 0; j < n; j++) {
                    v128 x, y;
                    u32 in[8], mx, fl;
                    operands(forms[f].dbl, i, j, &x, &y);
                    memcpy(in, &x, 16);
                    memcpy(in + 4, &y, 16);
                    /* Arithmetic flags all set before, so cleared OF/SF/AF show. */
                    __asm__ volatile(SET_ARITH_FLAGS : : : "cc");
                    mx = ((i + j) & 1 ? forms[f].m : forms[f].r)(&x, &y, modes[m], &fl);
                    record(name, in, 8, &fl, 1, mx);
                }
            end(name);
        }
}

int main(int argc, char **argv)
{
    verbose = argc > 1 && !strcmp(argv[1], "-v");
    if (selected(argc, argv, "f32")) run(f32_forms, sizeof f32_forms / sizeof f32_forms[0], 0);
    if (selected(argc, argv, "f64")) run(f64_forms, sizeof f64_forms / sizeof f64_forms[0], 1);
    if (selected(argc, argv, "cmp")) {
        run(cmp_forms, sizeof cmp_forms / sizeof cmp_forms[0], 0);
        run_comi();
    }
    return 0;
}
