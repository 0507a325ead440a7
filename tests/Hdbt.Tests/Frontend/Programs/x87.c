/* x87 instruction tests: every form over edge values (zeros, denormals, pseudo-denormals,
 * infinities, QNaN/SNaN, unsupported encodings, values that round differently in each mode and
 * precision, extreme exponents, integer limits) under every rounding x precision control, printing
 * result bit patterns and status words. One line per form and control word with a hash of every
 * case (-v: every case). Groups: arith unary convert compare stack env libm (exact), trans1 trans2
 * (transcendentals: within an ulp of hardware, see emulator/Fpu/README.md), random N SEED, sigfpe.
 * Built with gcc -m32 -static -O2 (see build.sh); outputs made natively on an AMD EPYC host. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

typedef struct { unsigned long long m; unsigned short se; } __attribute__((packed)) f80;

static int verbose;
static unsigned long long hash;
static unsigned count;

static void mix(unsigned long long v) { hash = (hash ^ v) * 0x100000001b3ull; }

static void record(const char *what, const f80 *r, unsigned sw)
{
    mix(r->m); mix(r->se); mix(sw);
    count++;
    if (verbose) printf("  %s -> %04x:%016llx sw=%04x\n", what, r->se, r->m, sw);
}

static void begin(void) { hash = 0xcbf29ce484222325ull; count = 0; }
static void end(const char *form, unsigned cw) { printf("%-10s cw=%04x n=%u %016llx\n", form, cw, count, hash); }

static const f80 edge[] = {
    {0, 0}, {0, 0x8000},
    {0x8000000000000000ull, 0x3fff}, {0x8000000000000000ull, 0xbfff},
    {0xc000000000000000ull, 0x3fff}, {0xc000000000000000ull, 0x4000},
    {0xcccccccccccccccdull, 0x3ffb},                     /* 0.1 */
    {0xaaaaaaaaaaaaaaabull, 0x3ffd},                     /* 1/3 */
    {0xffffffffffffffffull, 0x7ffe}, {0xffffffffffffffffull, 0xfffe},  /* max */
    {0x8000000000000000ull, 0x0001},                     /* min normal */
    {0x7fffffffffffffffull, 0x0000}, {0x0000000000000001ull, 0x8000}, /* denormals */
    {0x8000000000000001ull, 0x0000},                     /* pseudo-denormal */
    {0x8000000000000000ull, 0x7fff}, {0x8000000000000000ull, 0xffff}, /* inf */
    {0xc000000000001234ull, 0x7fff}, {0xc000000000000000ull, 0xffff}, /* QNaN, indefinite */
    {0xa000000000005678ull, 0x7fff}, {0x8000000000000001ull, 0xffff}, /* SNaN */
    {0x4000000000000000ull, 0x3fff},                     /* unnormal */
    {0x4000000000000000ull, 0x7fff},                     /* pseudo-NaN */
    {0x8000000000000400ull, 0x3fff},                     /* 1 + 2^-53 */
    {0x8000008000000001ull, 0x3fff},                     /* 1 + 2^-24 + 2^-63 */
    {0x8000000000000001ull, 0x3fff},                     /* 1 + 2^-63 */
    {0xfffffffffffff800ull, 0x3fff},                     /* 2 - 2^-52 */
    {0x8000000000000000ull, 0x403e}, {0x8000000000000000ull, 0xc03e}, /* 2^63, -2^63 */
    {0xffffffffffffffffull, 0x403d}, {0xfffffffffffffffeull, 0xc03e},
    {0xde0b6b3a76400000ull, 0x403a},                     /* 1e18 */
    {0xa000000000000000ull, 0x4000}, {0xa000000000000000ull, 0xc000}, /* +-2.5 */
    {0xc000000000000000ull, 0x3ffe},                     /* 0.75 */
    {0xfffffffffffff800ull, 0x43fe},                     /* DBL_MAX */
    {0xfffffffffffffc00ull, 0x43fe},                     /* just above DBL_MAX in double rounding */
    {0xaaaaaaaaaaaaaaabull, 0x3bfd},                     /* DBL_MIN / 3 */
    {0xaaaaaaaaaaaaaaabull, 0x3f7f},                     /* FLT_MIN / 3 */
    {0xc90fdaa22168c235ull, 0x4000},                     /* pi */
    {0x8000000000000000ull, 0x7e7f}, {0x8000000000000000ull, 0x017f}, /* 2^16000, 2^-16000 */
    {0x9c40000000000000ull, 0x400d},                     /* 20000 */
    {0x8000000000000000ull, 0x4040},                     /* 2^65 */
};
#define NEDGE (sizeof edge / sizeof edge[0])

static const unsigned short cws[] = {
    0x037f, 0x077f, 0x0b7f, 0x0f7f, 0x027f, 0x067f, 0x0a7f, 0x0e7f, 0x007f, 0x047f, 0x087f, 0x0c7f,
};
#define NCW (sizeof cws / sizeof cws[0])

/* st0 = a, st1 = b; op; sw; store st0; empty the stack. */
#define BIN(name, insn) \
    static void name(const f80 *a, const f80 *b, f80 *r, unsigned *sw, unsigned short cw) { \
        unsigned short s; \
        __asm__ volatile("fninit; fldcw %4; fldt %3; fldt %2; " insn "; fnstsw %1; fstpt %0; ffree %%st(0); fincstp; ffree %%st(0); fincstp" \
            : "=m"(*r), "=m"(s) : "m"(*a), "m"(*b), "m"(cw) : "st", "st(1)", "st(2)", "memory"); \
        *sw = s; }

BIN(op_fadd, "fadd %%st(1), %%st")
BIN(op_fsub, "fsub %%st(1), %%st")
BIN(op_fsubr, "fsubr %%st(1), %%st")
BIN(op_fmul, "fmul %%st(1), %%st")
BIN(op_fdiv, "fdiv %%st(1), %%st")
BIN(op_fdivr, "fdivr %%st(1), %%st")
BIN(op_faddp, "faddp; fld1; fxch")
BIN(op_fsubp, "fsubp; fld1; fxch")
BIN(op_fsubrp, "fsubrp; fld1; fxch")
BIN(op_fdivp, "fdivp; fld1; fxch")
BIN(op_fdivrp, "fdivrp; fld1; fxch")
BIN(op_fst1, "fadd %%st, %%st(1); fxch")
BIN(op_fprem, "fprem")
BIN(op_fprem1, "fprem1")
BIN(op_fscale, "fscale")
BIN(op_fcom, "fcom %%st(1)")
BIN(op_fucom, "fucom %%st(1)")
BIN(op_fpatan, "fpatan; fld1; fxch")
BIN(op_fyl2x, "fyl2x; fld1; fxch")
BIN(op_fyl2xp1, "fyl2xp1; fld1; fxch")
BIN(op_fxch, "fxch")

typedef void (*binfn)(const f80 *, const f80 *, f80 *, unsigned *, unsigned short);
static const struct { const char *name; binfn fn; int trans; } bins[] = {
    {"fadd", op_fadd, 0}, {"fsub", op_fsub, 0}, {"fsubr", op_fsubr, 0}, {"fmul", op_fmul, 0},
    {"fdiv", op_fdiv, 0}, {"fdivr", op_fdivr, 0}, {"faddp", op_faddp, 0}, {"fsubp", op_fsubp, 0},
    {"fsubrp", op_fsubrp, 0}, {"fdivp", op_fdivp, 0}, {"fdivrp", op_fdivrp, 0}, {"fadd_st1", op_fst1, 0},
    {"fprem", op_fprem, 0}, {"fprem1", op_fprem1, 0}, {"fscale", op_fscale, 0}, {"fcom", op_fcom, 0},
    {"fucom", op_fucom, 0}, {"fxch", op_fxch, 0},
    {"fpatan", op_fpatan, 1}, {"fyl2x", op_fyl2x, 1}, {"fyl2xp1", op_fyl2xp1, 1},
};

static int want(const char *group, int argc, char **argv)
{
    if (argc <= 1) return 1;
    for (int i = 1; i < argc; i++) if (!strcmp(argv[i], group)) return 1;
    return 0;
}

static void group_arith(int trans)
{
    for (unsigned o = 0; o < sizeof bins / sizeof bins[0]; o++) {
        if (bins[o].trans != trans) continue;
        for (unsigned c = 0; c < NCW; c++) {
            begin();
            for (unsigned i = 0; i < NEDGE; i++)
                for (unsigned j = 0; j < NEDGE; j++) {
                    f80 r; unsigned sw; char what[32];
                    bins[o].fn(&edge[i], &edge[j], &r, &sw, cws[c]);
                    snprintf(what, sizeof what, "%u,%u", i, j);
                    record(what, &r, sw);
                }
            end(bins[o].name, cws[c]);
        }
    }
}

/* st0 = a; op; sw; store st0 and (two-result ops) st1. */
#define UN(name, insn) \
    static void name(const f80 *a, f80 *r, f80 *r2, unsigned *sw, unsigned short cw) { \
        unsigned short s; \
        __asm__ volatile("fninit; fldcw %4; fldz; fldt %3; " insn "; fnstsw %2; fstpt %0; fstpt %1; ffree %%st(0); fincstp" \
            : "=m"(*r), "=m"(*r2), "=m"(s) : "m"(*a), "m"(cw) : "st", "st(1)", "st(2)", "memory"); \
        *sw = s; }

UN(op_fsqrt, "fsqrt; fldz; fxch")
UN(op_frndint, "frndint; fldz; fxch")
UN(op_fchs, "fchs; fldz; fxch")
UN(op_fabs, "fabs; fldz; fxch")
UN(op_ftst, "ftst; fldz; fxch")
UN(op_fxam, "fxam; fldz; fxch")
UN(op_fxtract, "fxtract")
UN(op_fst80, "fld %%st(0); fstp %%st(1); fldz; fxch")
UN(op_f2xm1, "f2xm1; fldz; fxch")
UN(op_fsin, "fsin; fldz; fxch")
UN(op_fcos, "fcos; fldz; fxch")
UN(op_fptan, "fptan")
UN(op_fsincos, "fsincos")

typedef void (*unfn)(const f80 *, f80 *, f80 *, unsigned *, unsigned short);
static const struct { const char *name; unfn fn; int trans; } uns[] = {
    {"fsqrt", op_fsqrt, 0}, {"frndint", op_frndint, 0}, {"fchs", op_fchs, 0}, {"fabs", op_fabs, 0},
    {"ftst", op_ftst, 0}, {"fxam", op_fxam, 0}, {"fxtract", op_fxtract, 0}, {"fld_st", op_fst80, 0},
    {"f2xm1", op_f2xm1, 1}, {"fsin", op_fsin, 1}, {"fcos", op_fcos, 1}, {"fptan", op_fptan, 1}, {"fsincos", op_fsincos, 1},
};

static void group_unary(int trans)
{
    for (unsigned o = 0; o < sizeof uns / sizeof uns[0]; o++) {
        if (uns[o].trans != trans) continue;
        for (unsigned c = 0; c < NCW; c++) {
            begin();
            for (unsigned i = 0; i < NEDGE; i++) {
                f80 r, r2; unsigned sw; char what[32];
                uns[o].fn(&edge[i], &r, &r2, &sw, cws[c]);
                snprintf(what, sizeof what, "%u", i);
                record(what, &r, sw);
                record("  2nd", &r2, 0);
            }
            end(uns[o].name, cws[c]);
        }
    }
}

/* Stores of st0 = a to memory formats: result bytes as a pseudo-f80 for the hash. */
#define ST(name, insn, type) \
    static void name(const f80 *a, f80 *r, unsigned *sw, unsigned short cw) { \
        unsigned short s; type v; memset(&v, 0, sizeof v); \
        __asm__ volatile("fninit; fldcw %3; fldt %2; " insn " %0; fnstsw %1; fninit" \
            : "=m"(v), "=m"(s) : "m"(*a), "m"(cw) : "st", "memory"); \
        memset(r, 0, sizeof *r); memcpy(r, &v, sizeof v < sizeof *r ? sizeof v : sizeof *r); *sw = s; }

typedef struct { unsigned char b[10]; } bcd10;
ST(st_fsts, "fsts", float)
ST(st_fstl, "fstl", double)
ST(st_fstps, "fstps", float)
ST(st_fists, "fists", short)
ST(st_fistl, "fistl", int)
ST(st_fistpll, "fistpll", long long)
ST(st_fisttps, "fisttps", short)
ST(st_fisttpl, "fisttpl", int)
ST(st_fisttpll, "fisttpll", long long)
ST(st_fbstp, "fbstp", bcd10)

typedef void (*stfn)(const f80 *, f80 *, unsigned *, unsigned short);
static const struct { const char *name; stfn fn; } sts[] = {
    {"fst_m32", st_fsts}, {"fst_m64", st_fstl}, {"fstp_m32", st_fstps}, {"fist16", st_fists}, {"fist32", st_fistl},
    {"fistp64", st_fistpll}, {"fisttp16", st_fisttps}, {"fisttp32", st_fisttpl}, {"fisttp64", st_fisttpll}, {"fbstp", st_fbstp},
};

static const unsigned int floats[] = { 0, 0x80000000, 0x3f800000, 0x00000001, 0x807fffff, 0x7f800000, 0xff800000,
    0x7fc00001, 0x7f800001, 0xffa00000, 0x7f7fffff, 0x00800000, 0x3eaaaaab };
static const unsigned long long doubles[] = { 0, 0x8000000000000000ull, 0x3ff0000000000000ull, 1, 0x800fffffffffffffull,
    0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000001ull, 0x7ff0000000000001ull, 0xfff4000000000000ull,
    0x7fefffffffffffffull, 0x0010000000000000ull, 0x3fd5555555555555ull };
static const long long ints[] = { 0, 1, -1, 32767, -32768, 2147483647, -2147483647 - 1, 0x7fffffffffffffffll,
    -0x7fffffffffffffffll - 1, 123456789012345678ll, -999999999999999999ll, 1ll << 53, (1ll << 53) + 1 };
static const unsigned char bcds[][10] = {
    {0x21, 0x43, 0x65, 0x87, 0x09, 0, 0, 0, 0, 0}, {0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x80},
    {0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80}, {0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0},
};

static void group_convert(void)
{
    for (unsigned o = 0; o < sizeof sts / sizeof sts[0]; o++)
        for (unsigned c = 0; c < NCW; c++) {
            begin();
            for (unsigned i = 0; i < NEDGE; i++) {
                f80 r; unsigned sw; char what[32];
                sts[o].fn(&edge[i], &r, &sw, cws[c]);
                snprintf(what, sizeof what, "%u", i);
                record(what, &r, sw);
            }
            end(sts[o].name, cws[c]);
        }
    /* Loads: fld m32/m64, fild m16/m32/m64, fbld; and arithmetic with memory operands. */
    begin();
    for (unsigned i = 0; i < sizeof floats / sizeof floats[0]; i++) {
        f80 r; unsigned short s;
        __asm__ volatile("fninit; flds %2; fnstsw %1; fstpt %0" : "=m"(r), "=m"(s) : "m"(floats[i]) : "st", "memory");
        record("flds", &r, s);
        __asm__ volatile("fninit; fld1; fadds %2; fnstsw %1; fstpt %0" : "=m"(r), "=m"(s) : "m"(floats[i]) : "st", "memory");
        record("fadds", &r, s);
        __asm__ volatile("fninit; fld1; fdivrs %2; fnstsw %1; fstpt %0" : "=m"(r), "=m"(s) : "m"(floats[i]) : "st", "memory");
        record("fdivrs", &r, s);
        __asm__ volatile("fninit; fld1; fcomps %2; fnstsw %1; fld1; fstpt %0" : "=m"(r), "=m"(s) : "m"(floats[i]) : "st", "memory");
        record("fcomps", &r, s);
    }
    for (unsigned i = 0; i < sizeof doubles / sizeof doubles[0]; i++) {
        f80 r; unsigned short s;
        __asm__ volatile("fninit; fldl %2; fnstsw %1; fstpt %0" : "=m"(r), "=m"(s) : "m"(doubles[i]) : "st", "memory");
        record("fldl", &r, s);
        __asm__ volatile("fninit; fldpi; fmull %2; fnstsw %1; fstpt %0" : "=m"(r), "=m"(s) : "m"(doubles[i]) : "st", "memory");
        record("fmull", &r, s);
        __asm__ volatile("fninit; fldpi; fsubrl %2; fnstsw %1; fstpt %0" : "=m"(r), "=m"(s) : "m"(doubles[i]) : "st", "memory");
        record("fsubrl", &r, s);
        __asm__ volatile("fninit; fldpi; fcoml %2; fnstsw %1; fstpt %0" : "=m"(r), "=m"(s) : "m"(doubles[i]) : "st", "memory");
        record("fcoml", &r, s);
    }
    for (unsigned i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        f80 r; unsigned short s; short w = (short)ints[i]; int d = (int)ints[i];
        __asm__ volatile("fninit; fildll %2; fnstsw %1; fstpt %0" : "=m"(r), "=m"(s) : "m"(ints[i]) : "st", "memory");
        record("fildll", &r, s);
        __asm__ volatile("fninit; filds %2; fnstsw %1; fstpt %0" : "=m"(r), "=m"(s) : "m"(w) : "st", "memory");
        record("filds", &r, s);
        __asm__ volatile("fninit; fildl %2; fnstsw %1; fstpt %0" : "=m"(r), "=m"(s) : "m"(d) : "st", "memory");
        record("fildl", &r, s);
        __asm__ volatile("fninit; fldpi; fimull %2; fnstsw %1; fstpt %0" : "=m"(r), "=m"(s) : "m"(d) : "st", "memory");
        record("fimull", &r, s);
        __asm__ volatile("fninit; fldpi; fidivrs %2; fnstsw %1; fstpt %0" : "=m"(r), "=m"(s) : "m"(w) : "st", "memory");
        record("fidivrs", &r, s);
        __asm__ volatile("fninit; fldpi; fisubl %2; fnstsw %1; fstpt %0" : "=m"(r), "=m"(s) : "m"(d) : "st", "memory");
        record("fisubl", &r, s);
        __asm__ volatile("fninit; fldpi; ficoms %2; fnstsw %1; fstpt %0" : "=m"(r), "=m"(s) : "m"(w) : "st", "memory");
        record("ficoms", &r, s);
    }
    for (unsigned i = 0; i < sizeof bcds / sizeof bcds[0]; i++) {
        f80 r; unsigned short s;
        __asm__ volatile("fninit; fbld %2; fnstsw %1; fstpt %0" : "=m"(r), "=m"(s) : "m"(bcds[i]) : "st", "memory");
        record("fbld", &r, s);
    }
    end("loads", 0x37f);
    /* Constants under each rounding mode. */
    for (unsigned c = 0; c < NCW; c++) {
        begin();
        f80 r[7]; unsigned short s;
        __asm__ volatile("fninit; fldcw %8; fld1; fldl2t; fldl2e; fldpi; fldlg2; fldln2; fldz; fnstsw %7;"
                         "fstpt %0; fstpt %1; fstpt %2; fstpt %3; fstpt %4; fstpt %5; fstpt %6"
            : "=m"(r[0]), "=m"(r[1]), "=m"(r[2]), "=m"(r[3]), "=m"(r[4]), "=m"(r[5]), "=m"(r[6]), "=m"(s) : "m"(cws[c])
            : "st", "st(1)", "st(2)", "st(3)", "st(4)", "st(5)", "st(6)", "memory");
        for (int k = 0; k < 7; k++) record("const", &r[k], k == 0 ? s : 0);
        end("constants", cws[c]);
    }
}

/* EFLAGS into a 32-bit memory operand, and the clobbers that takes. The x86-64 build (build.sh: the
 * CPU oracle on hosts whose kernel runs no i386 programs) cannot pop 32 bits, and must step over the
 * 128-byte red zone below %rsp that the compiler may use; lea leaves the flags alone. */
#ifdef __x86_64__
#define SAVE_FLAGS(m) "lea -128(%%rsp), %%rsp; pushfq; popq %%rax; lea 128(%%rsp), %%rsp; movl %%eax, " m ";"
#define SAVE_FLAGS_CLOBBERS , "rax"
#else
#define SAVE_FLAGS(m) "pushf; popl " m ";"
#define SAVE_FLAGS_CLOBBERS
#endif

static void group_compare(void)
{
    begin();
    for (unsigned i = 0; i < NEDGE; i++)
        for (unsigned j = 0; j < NEDGE; j++) {
            unsigned fl[4]; unsigned short s[4];
            __asm__ volatile("fninit; fldt %9; fldt %8; fcomi %%st(1), %%st; " SAVE_FLAGS("%0") " fnstsw %4;"
                             "fucomi %%st(1), %%st; " SAVE_FLAGS("%1") " fnstsw %5;"
                             "fcomip %%st(1), %%st; " SAVE_FLAGS("%2") " fnstsw %6; fldt %8;"
                             "fucomip %%st(1), %%st; " SAVE_FLAGS("%3") " fnstsw %7; fninit"
                : "=m"(fl[0]), "=m"(fl[1]), "=m"(fl[2]), "=m"(fl[3]), "=m"(s[0]), "=m"(s[1]), "=m"(s[2]), "=m"(s[3])
                : "m"(edge[i]), "m"(edge[j]) : "st", "st(1)", "memory", "cc" SAVE_FLAGS_CLOBBERS);
            for (int k = 0; k < 4; k++) {
                f80 r = { fl[k] & 0x8d5, 0 };
                record("comi", &r, s[k]);
            }
            f80 r; unsigned short sw;
            __asm__ volatile("fninit; fldt %3; fldt %2; fcompp; fnstsw %1; fldz; fstpt %0; fninit"
                : "=m"(r), "=m"(sw) : "m"(edge[i]), "m"(edge[j]) : "st", "st(1)", "memory");
            record("fcompp", &r, sw);
            __asm__ volatile("fninit; fldt %3; fldt %2; fucompp; fnstsw %1; fldz; fstpt %0; fninit"
                : "=m"(r), "=m"(sw) : "m"(edge[i]), "m"(edge[j]) : "st", "st(1)", "memory");
            record("fucompp", &r, sw);
            /* fcmov on the comparison's flags. */
            f80 m[4];
            __asm__ volatile("fninit; fldt %5; fldt %4; fucomi %%st(1), %%st; fldz;"
                             "fcmovb %%st(1), %%st; fstpt %0; fldz; fcmove %%st(1), %%st; fstpt %1;"
                             "fldz; fcmovnbe %%st(1), %%st; fstpt %2; fldz; fcmovu %%st(1), %%st; fstpt %3; fninit"
                : "=m"(m[0]), "=m"(m[1]), "=m"(m[2]), "=m"(m[3]) : "m"(edge[i]), "m"(edge[j]) : "st", "st(1)", "st(2)", "memory", "cc");
            for (int k = 0; k < 4; k++) record("fcmov", &m[k], 0);
        }
    end("compare", 0x37f);
}

static void group_stack(void)
{
    begin();
    f80 r[8]; unsigned short s[4];
    /* Overflow: nine pushes; underflow: arithmetic, stores and compares on empty registers. */
    __asm__ volatile("fninit; fld1; fld1; fld1; fld1; fld1; fld1; fld1; fld1; fnstsw %1; fldpi; fnstsw %2; fstpt %0; fninit"
        : "=m"(r[0]), "=m"(s[0]), "=m"(s[1]) : : "st", "st(1)", "st(2)", "st(3)", "st(4)", "st(5)", "st(6)", "st(7)", "memory");
    record("overflow", &r[0], s[0]); record("overflow2", &r[0], s[1]);
    __asm__ volatile("fninit; fadd %%st(1), %%st; fnstsw %1; fstpt %0; fnstsw %2; fninit" : "=m"(r[1]), "=m"(s[0]), "=m"(s[1]) : : "st", "memory");
    record("underflow", &r[1], s[0]); record("underflow2", &r[1], s[1]);
    int iv = 0; double dv = 0;
    __asm__ volatile("fninit; fistl %1; fnstsw %2; fstl %3; fninit" : "=m"(r[2]), "=m"(iv), "=m"(s[2]), "=m"(dv) : : "st", "memory");
    r[2].m = (unsigned)iv; r[2].se = 0; record("fist_empty", &r[2], s[2]);
    memcpy(&r[2].m, &dv, 8); record("fst_empty", &r[2], 0);
    __asm__ volatile("fninit; fld1; fcom %%st(3); fnstsw %1; fxch %%st(5); fnstsw %2; fstpt %0; fninit" : "=m"(r[3]), "=m"(s[0]), "=m"(s[1]) : : "st", "memory");
    record("fcom_empty", &r[3], s[0]); record("fxch_empty", &r[3], s[1]);
    /* ffree, fincstp, fdecstp, ffreep, fnstenv tag words. */
    unsigned env[7];
    __asm__ volatile("fninit; fld1; fldz; fldpi; fld %%st(0); ffree %%st(1); fincstp; fdecstp; fstp %%st(2); fnstenv %0; fninit"
        : "=m"(env) : : "st", "st(1)", "st(2)", "st(3)", "memory");
    for (int k = 0; k < 3; k++) { f80 e = { env[k], 0 }; record("env", &e, 0); }
    __asm__ volatile("fninit; fld1; fldz; fldt %1; fldt %2; ffreep %%st(0); fnstenv %0; fninit"
        : "=m"(env) : "m"(edge[11]), "m"(edge[14]) : "st", "st(1)", "st(2)", "st(3)", "memory");
    for (int k = 0; k < 3; k++) { f80 e = { env[k], 0 }; record("env2", &e, 0); }
    end("stack", 0x37f);
}

static void group_env(void)
{
    begin();
    unsigned char save[108], fx[512] __attribute__((aligned(16)));
    unsigned short cw, sw, ax;
    /* fnsave / frstor round trip with a partly used stack and raised flags. */
    __asm__ volatile("fninit; fldcw %3; fld1; fldpi; fldz; fdiv %%st, %%st(1); fnsave %0; fnstcw %1; frstor %0; fnstsw %2; fninit"
        : "+m"(save), "=m"(cw), "=m"(sw) : "m"(cws[5]) : "st", "st(1)", "st(2)", "memory");
    memset(save + 12, 0, 8); memset(save + 20, 0, 4); /* FIP, FCS/FOP, FDP: not compared */
    for (int k = 0; k < 108; k += 10) { f80 e; memcpy(&e, save + k, 10); record("fnsave", &e, 0); }
    f80 e = { cw, sw }; record("cw/sw", &e, 0);
    /* fxsave: x87 part (XMM registers belong to the SSE tests). */
    memset(fx, 0, sizeof fx);
    __asm__ volatile("fninit; fld1; fldl2e; fsqrt; fxsave %0; fninit" : "+m"(fx) : : "st", "st(1)", "memory");
    memset(fx + 6, 0, 18);   /* FOP, FIP, FDP: not compared */
    memset(fx + 28, 0, 4);   /* MXCSR_MASK: 0xffff as on Intel (hdbt says GenuineIntel); AMD has 0x2ffff */
    for (int k = 0; k < 160; k += 8) { f80 v; memcpy(&v.m, fx + k, 8); v.se = 0; record("fxsave", &v, 0); }
    /* fxrstor of a crafted image, then read back. */
    memset(fx, 0, sizeof fx);
    fx[0] = 0x7f; fx[1] = 0x0b; fx[2] = 0x21; fx[3] = 0x30; fx[4] = 0x03; fx[24] = 0x80; fx[25] = 0x1f;
    memcpy(fx + 32, &edge[2], 10); memcpy(fx + 48, &edge[6], 10);
    f80 a, b;
    __asm__ volatile("fxrstor %3; fnstsw %%ax; mov %%ax, %2; fnstcw %4; fstpt %0; fstpt %1; fninit"
        : "=m"(a), "=m"(b), "=m"(ax), "+m"(fx), "=m"(cw) : : "eax", "st", "st(1)", "memory");
    record("fxrstor", &a, ax); record("fxrstor", &b, cw);
    /* fldenv of a crafted environment. */
    unsigned env[7] = { 0xffff037f, 0xffff3801, 0xffff3fff, 0, 0, 0, 0xffff0000 }, out[7];
    __asm__ volatile("fninit; fld1; fldenv %1; fnstenv %0; fninit" : "=m"(out) : "m"(env) : "st", "memory");
    for (int k = 0; k < 3; k++) { f80 v = { out[k], 0 }; record("fldenv", &v, 0); }
    /* fnstsw ax, fnclex, fwait. */
    __asm__ volatile("fninit; fldz; fld1; fdivp; fnstsw %%ax; mov %%ax, %0; fnclex; fwait; fnstsw %1; fninit" : "=m"(sw), "=m"(cw) : : "eax", "st", "memory");
    e.m = sw; e.se = cw; record("fnclex", &e, 0);
    end("env", 0x37f);
}

/* Random operand pairs for add/sub/mul/div/sqrt under random controls. */
static unsigned long long rng;
static unsigned long long next(void) { rng = rng * 6364136223846793005ull + 1442695040888963407ull; return rng >> 11 ^ rng << 21; }

static f80 random_f80(void)
{
    f80 v;
    unsigned long long r = next();
    v.m = next() | 0x8000000000000000ull;
    switch (r & 15) {
    case 0: v.se = (unsigned short)(r >> 8) & 0xffff; v.m = next(); break;            /* anything */
    case 1: v.se = (unsigned short)((r >> 8) & 0x8000); v.m >>= (r >> 20) & 63; break; /* denormal */
    case 2: v.m &= ~((1ull << ((r >> 20) & 63)) - 1); v.se = 0x3fff + ((r >> 32) & 127) - 64; break; /* short significands */
    default: v.se = (unsigned short)(((r >> 8) & 0x8000) | (0x3fff + ((r >> 32) & 255) - 128)); break;
    }
    if ((r & 0xf0) == 0x10) v.se = (v.se & 0x8000) | (((r >> 40) & 1) ? 0x0001 : 0x7ffe); /* extremes */
    return v;
}

static void group_random(unsigned n, unsigned long long seed)
{
    static const binfn fns[] = { op_fadd, op_fsub, op_fmul, op_fdiv, op_fprem, op_fprem1, op_fscale };
    rng = seed;
    begin();
    for (unsigned i = 0; i < n; i++) {
        f80 a = random_f80(), b = random_f80(), r, r2; unsigned sw;
        unsigned k = next() % 9;
        unsigned short cw = cws[next() % NCW];
        if ((next() & 3) == 0) { b = a; b.m ^= next() & 0xff; b.se ^= next() & 1; } /* near-cancelling pairs */
        if (k < 7) fns[k](&a, &b, &r, &sw, cw);
        else if (k == 7) op_fsqrt(&a, &r, &r2, &sw, cw);
        else op_frndint(&a, &r, &r2, &sw, cw);
        if (verbose) printf("%u %04x:%016llx %04x:%016llx cw=%04x", k, a.se, a.m, b.se, b.m, cw);
        record("", &r, sw);
        if (count % 10000 == 0 && !verbose) { end("random", 0); begin(); }
    }
    end("random", 0);
}

static void group_libm(void)
{
    static const double xs[] = { 0.5, 1, 2, 10, -3.25, 1e-5, 123.456, 700, -700, 1e10, 3.14159, 0.1, 1e-300, 5e-324 };
    for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        volatile double x = xs[i];
        printf("x=%.17g exp=%.17g log=%.17g pow=%.17g sin=%.17g cos=%.17g tan=%.17g atan2=%.17g sqrt=%.17g\n",
               x, exp(x), log(fabs(x)), pow(fabs(x), 1.37), sin(x), cos(x), tan(x), atan2(x, 0.7), sqrt(fabs(x)));
        printf("  log10=%.17g log1p=%.17g expm1=%.17g asin=%.17g acos=%.17g sinh=%.17g cbrt=%.17g fmod=%.17g\n",
               log10(fabs(x)), log1p(fabs(x)), expm1(x / 1000), asin(x / 1e12), acos(x / 1e12), sinh(x / 100), cbrt(x), fmod(x, 0.3));
        long double lx = x;
        printf("  %.21Lg %La %.21Lg %La\n", lx / 3, lx / 3, expl(lx / 1000), logl(fabsl(lx)));
    }
    printf("%.17g %.17g %.17g %d %ld %lld\n", floor(-2.5), ceil(2.1), rint(2.5), (int)lrint(3.5), lround(-2.5), llrint(1e15 + 0.5));
}

int main(int argc, char **argv)
{
    int first = 1;
    if (argc > 1 && !strcmp(argv[1], "-v")) { verbose = 1; first = 2; }
    argc -= first - 1; argv += first - 1;
    if (argc > 1 && !strcmp(argv[1], "random")) {
        group_random(argc > 2 ? (unsigned)atoi(argv[2]) : 20000, argc > 3 ? strtoull(argv[3], 0, 0) : 1);
        return 0;
    }
    if (want("arith", argc, argv)) group_arith(0);
    if (want("trans2", argc, argv)) group_arith(1);
    if (want("unary", argc, argv)) group_unary(0);
    if (want("trans1", argc, argv)) group_unary(1);
    if (want("convert", argc, argv)) group_convert();
    if (want("compare", argc, argv)) group_compare();
    if (want("stack", argc, argv)) group_stack();
    if (want("env", argc, argv)) group_env();
    if (want("libm", argc, argv)) group_libm();
    if (argc > 1 && !strcmp(argv[1], "sigfpe")) {
        /* Unmask ZE and divide by zero: the next waiting x87 instruction raises #MF (SIGFPE). */
        unsigned short cw = 0x037b;
        volatile double zero = 0, r;
        __asm__ volatile("fldcw %0" : : "m"(cw));
        r = 1 / zero;
        __asm__ volatile("fwait");
        printf("no signal %g\n", r);
        return 0;
    }
    return 0;
}
