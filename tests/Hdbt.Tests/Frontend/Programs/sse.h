/* Shared support for the SSE test programs (built with glibc: gcc -m32 -static -O2 -msse2).
 * Values are handled as bit patterns only and every floating-point operation is one inline-asm
 * instruction, so the compiler cannot fold, reorder or route anything through the x87 unit.
 * Each form prints one line: its name, the number of cases and an FNV-1a hash of every result
 * and the MXCSR after it; -v as the first argument prints every case instead. */
#ifndef SSE_H
#define SSE_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef unsigned int u32;
typedef unsigned long long u64;

static int verbose;
static u32 hash, ncases;

static inline void begin(void) { hash = 2166136261u; ncases = 0; }

static inline void mix(u32 v)
{
    int i;
    for (i = 0; i < 4; i++) { hash ^= (v >> (8 * i)) & 0xFF; hash *= 16777619u; }
}

static inline void end(const char *name) { if (!verbose) printf("%-28s n=%-6u hash=%08x\n", name, ncases, hash); }

/* Records one case: the inputs (for -v), the result words and the MXCSR after the instruction. */
static inline void record(const char *name, const u32 *in, int nin, const u32 *out, int nout, u32 mxcsr)
{
    int i;
    ncases++;
    for (i = 0; i < nout; i++) mix(out[i]);
    mix(mxcsr);
    if (verbose) {
        printf("%s", name);
        for (i = 0; i < nin; i++) printf(" %08x", in[i]);
        printf(" ->");
        for (i = 0; i < nout; i++) printf(" %08x", out[i]);
        printf(" mxcsr=%04x\n", mxcsr);
    }
}

static u32 rng = 12345;
static inline u32 rnd(void) { rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5; return rng; }

/* The MXCSR settings every floating-point form runs under: 4 rounding modes x {-, FTZ, DAZ, both}. */
static const u32 modes[] = {
    0x1F80, 0x3F80, 0x5F80, 0x7F80, 0x9F80, 0xBF80, 0xDF80, 0xFF80,
    0x1FC0, 0x3FC0, 0x5FC0, 0x7FC0, 0x9FC0, 0xBFC0, 0xDFC0, 0xFFC0,
};
#define NMODES (sizeof modes / sizeof modes[0])

/* Edge values. */
static const u32 f32_edges[] = {
    0x00000000, 0x80000000, 0x00000001, 0x80000001, 0x007FFFFF, 0x807FFFFF, 0x00800000, 0x80800000,
    0x00400000, 0x3F800000, 0xBF800000, 0x3F800001, 0x3FFFFFFF, 0x40400000, 0xC0A00000, 0x3EAAAAAB,
    0x4B000001, 0x4B7FFFFF, 0x33800000, 0x34000000, 0x7F7FFFFF, 0xFF7FFFFF, 0x7F000000, 0x0C000000,
    0x7F800000, 0xFF800000, 0x7FC00000, 0xFFC00000, 0x7F800001, 0xFFA00000, 0x7FC12345, 0x4F000000,
    0xCF000000, 0x4EFFFFFF, 0xCF000001, 0x3F000000, 0x3FC00000, 0x40200000, 0xBFC00000, 0x1F800000,
};
#define NF32 (sizeof f32_edges / sizeof f32_edges[0])

static const u64 f64_edges[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x0000000000000001ull, 0x8000000000000001ull,
    0x000FFFFFFFFFFFFFull, 0x0010000000000000ull, 0x8010000000000000ull, 0x0008000000000000ull,
    0x3FF0000000000000ull, 0xBFF0000000000000ull, 0x3FF0000000000001ull, 0x3FFFFFFFFFFFFFFFull,
    0x4008000000000000ull, 0xC014000000000000ull, 0x3FD5555555555555ull, 0x4330000000000001ull,
    0x3CA0000000000000ull, 0x7FEFFFFFFFFFFFFFull, 0xFFEFFFFFFFFFFFFFull, 0x7FE0000000000000ull,
    0x7FF0000000000000ull, 0xFFF0000000000000ull, 0x7FF8000000000000ull, 0xFFF8000000000000ull,
    0x7FF0000000000001ull, 0xFFF4000000000000ull, 0x41E0000000000000ull, 0xC1E0000000000000ull,
    0x41DFFFFFFFC00000ull, 0xC1E0000000200000ull, 0x41DFFFFFFFE00000ull, 0x3FE0000000000000ull,
    0x3FF8000000000000ull, 0x4004000000000000ull, 0x36A0000000000000ull, 0x47EFFFFFE0000000ull,
    0x3810000000000000ull, 0x380FFFFFF0000000ull, 0x37A0000000000000ull, 0x7FC0000000000000ull,
};
#define NF64 (sizeof f64_edges / sizeof f64_edges[0])

static inline void set_mxcsr(u32 v) { __asm__ volatile("ldmxcsr %0" : : "m"(v)); }
static inline u32 get_mxcsr(void) { u32 v; __asm__ volatile("stmxcsr %0" : "=m"(v)); return v; }

static inline int selected(int argc, char **argv, const char *group)
{
    int i, any = 0;
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v")) continue;
        any = 1;
        if (!strcmp(argv[i], group)) return 1;
    }
    return !any;
}
/* dst (x) op= src (y): a register-source form NAME_r and a memory-source form NAME_m, under MXCSR mx;
 * returns MXCSR afterwards. */
typedef struct { u32 w[4]; } __attribute__((aligned(16))) v128;

#define BIN(fn, insn)                                                                              \
    static u32 fn##_r(v128 *x, const v128 *y, u32 mx)                                              \
    {                                                                                              \
        u32 out;                                                                                   \
        __asm__ volatile("ldmxcsr %2\n\tmovaps (%0),%%xmm0\n\tmovaps (%1),%%xmm1\n\t" insn         \
                         " %%xmm1,%%xmm0\n\tmovaps %%xmm0,(%0)\n\tstmxcsr %3"                      \
                         : : "r"(x), "r"(y), "m"(mx), "m"(out) : "xmm0", "xmm1", "memory");        \
        return out;                                                                                \
    }                                                                                              \
    static u32 fn##_m(v128 *x, const v128 *y, u32 mx)                                              \
    {                                                                                              \
        u32 out;                                                                                   \
        __asm__ volatile("ldmxcsr %2\n\tmovaps (%0),%%xmm0\n\t" insn                               \
                         " (%1),%%xmm0\n\tmovaps %%xmm0,(%0)\n\tstmxcsr %3"                        \
                         : : "r"(x), "r"(y), "m"(mx), "m"(out) : "xmm0", "memory");                \
        return out;                                                                                \
    }

#endif
