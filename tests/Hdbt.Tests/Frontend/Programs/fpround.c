/* Rounding modes and floating-point exception flags, through glibc's <fenv.h> and the raw
 * control/status registers. Built twice (see build.sh): fpround_x87 does its double and long
 * double arithmetic on the x87 (-mfpmath=387) and also varies the x87 precision control;
 * fpround_sse2 does double/float arithmetic in SSE2 (-mfpmath=sse) and also varies MXCSR's FTZ
 * and DAZ bits. Both print, for each of the four rounding modes, fegetround, the x87 control
 * word (fnstcw), MXCSR (stmxcsr) and results that round differently per mode (as %a and as
 * bit patterns), conversions to integers, and the exception flags (fetestexcept,
 * fegetexceptflag, fnstsw, MXCSR) raised by operations that signal each exception.
 * The x87 status word is printed without C0, C2 and C3, which Intel leaves undefined after
 * arithmetic; fcom sections print them where they are defined. Written for hdbt bench. */
#include <fenv.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static const int modes[4] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};
static const char *const mode_names[4] = {"nearest", "down", "up", "zero"};

static unsigned fpu_cw(void) { unsigned short w; __asm__ volatile("fnstcw %0" : "=m"(w)); return w; }
static unsigned fpu_sw(void) { unsigned short w; __asm__ volatile("fnstsw %0" : "=m"(w)); return w; }
static unsigned mxcsr(void) { unsigned m; __asm__ volatile("stmxcsr %0" : "=m"(m)); return m; }
static __attribute__((unused)) void set_mxcsr(unsigned m) { __asm__ volatile("ldmxcsr %0" : : "m"(m)); }
static __attribute__((unused)) void set_cw(unsigned short w) { __asm__ volatile("fldcw %0" : : "m"(w)); }

static uint64_t dbits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

/* Operands through volatile variables: nothing is folded at compile time. */
static volatile double one = 1.0, three = 3.0, ten = 10.0, zero = 0.0, minus_one = -1.0, big = 1e308,
                       tiny = 1e-308, pt1 = 0.1, pt2 = 0.2, two = 2.0;
static volatile float fone = 1.0f, fthree = 3.0f;
static volatile long double lone = 1.0L, lthree = 3.0L;
static volatile double halves[] = {2.5, -2.5, 3.5, -0.5, 0.5, 1.5, -1.5, 2.7, -2.7, 1e10 + 0.5};
static volatile long long big64 = 0x7FFFFFFFFFFFFC01LL;
static volatile double near_one = 1.0 + 0x1p-30;

static void print_flags(const char *what)
{
    fexcept_t f;
    fegetexceptflag(&f, FE_ALL_EXCEPT);
    int t = fetestexcept(FE_ALL_EXCEPT);
    printf("  %-14s fetestexcept=%02x%s%s%s%s%s fexcept_t=%04x fnstsw&~C023=%04x mxcsr=%08x\n", what, t,
           t & FE_INVALID ? " invalid" : "", t & FE_DIVBYZERO ? " divbyzero" : "", t & FE_OVERFLOW ? " overflow" : "",
           t & FE_UNDERFLOW ? " underflow" : "", t & FE_INEXACT ? " inexact" : "", (unsigned)f, fpu_sw() & 0xBAFF,
           mxcsr());
}

static void exceptions(void)
{
    volatile double r;
    feclearexcept(FE_ALL_EXCEPT);
    print_flags("cleared");
    r = one / three; print_flags("1/3");
    feclearexcept(FE_ALL_EXCEPT);
    r = one / zero; print_flags("1/0");
    feclearexcept(FE_ALL_EXCEPT);
    r = zero / zero; print_flags("0/0");
    feclearexcept(FE_ALL_EXCEPT);
    r = big * ten; print_flags("1e308*10");
    feclearexcept(FE_ALL_EXCEPT);
    r = tiny / 1e10; print_flags("1e-308/1e10");
    feclearexcept(FE_ALL_EXCEPT);
    r = sqrt(minus_one); print_flags("sqrt(-1)");
    feclearexcept(FE_ALL_EXCEPT);
    r = one + two; print_flags("1+2 exact");
    feraiseexcept(FE_OVERFLOW | FE_INEXACT); print_flags("feraise o|x");
    feclearexcept(FE_OVERFLOW); print_flags("clear o");
    (void)r;
    feclearexcept(FE_ALL_EXCEPT);
}

static void rounding(int m)
{
    volatile double d;
    volatile float f;
    fesetround(modes[m]);
    printf("mode %s: fegetround=%x fnstcw=%04x mxcsr=%08x\n", mode_names[m], fegetround(), fpu_cw(), mxcsr());
    d = one / three; printf("  1/3      %a %016llx\n", d, (unsigned long long)dbits(d));
    d = -one / three; printf("  -1/3     %a %016llx\n", d, (unsigned long long)dbits(d));
    d = pt1 + pt2; printf("  .1+.2    %.20f %016llx\n", d, (unsigned long long)dbits(d));
    d = sqrt(two); printf("  sqrt2    %a\n", d);
    d = big * ten; printf("  1e308*10 %a\n", d);
    d = -big * ten; printf("  -1e308*10 %a\n", d);
    d = tiny / 1e10; printf("  1e-308/1e10 %a\n", d);
    f = fone / fthree; printf("  1f/3f    %a %08x\n", f, fbits(f));
    f = (float)near_one; printf("  (float)(1+2^-30) %08x\n", fbits(f));
    d = (double)big64; printf("  (double)int64 %016llx\n", (unsigned long long)dbits(d));
    long double l = lone / lthree;
    printf("  1/3L     %La\n", l);
    for (unsigned i = 0; i < sizeof halves / sizeof halves[0]; i++) {
        double h = halves[i];
        printf("  %-8g rint=%g nearbyint=%g lrint=%ld llrint=%lld (int)=%d floor=%g ceil=%g round=%g trunc=%g\n", h,
               rint(h), nearbyint(h), lrint(h), llrint(h), (int)h, floor(h), ceil(h), round(h), trunc(h));
    }
    printf("  %%.3f of 2.0005=%.3f 1.0625 %%.3f=%.3f\n", 2.0005, 1.0625);
    exceptions();
    printf("  fnstcw after=%04x mxcsr after=%08x\n", fpu_cw(), mxcsr());
}

/* fcom sets C0 (below), C2 (unordered) and C3 (equal): defined, so printed in full. */
static void compares(void)
{
    static const long double xs[] = {1.0L, 2.0L, -0.0L, 0.0L, __builtin_nanl("")};
    printf("fcom:\n");
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++) {
            unsigned short sw;
            long double a = xs[i], b = xs[j];
            /* fucompp pops both inputs: the st and st(1) clobbers tell gcc so. */
            __asm__ volatile("fucompp\n\tfnstsw %0" : "=m"(sw) : "t"(a), "u"(b) : "st", "st(1)");
            printf(" %04x", sw & 0x4700);
        }
    printf("\n");
    feclearexcept(FE_ALL_EXCEPT);
}

#ifndef __SSE2_MATH__
/* x87 precision control: 24, 53 and 64 bits of mantissa for the same long double division. */
static void precision(void)
{
    static const unsigned short pcs[3] = {0x0000, 0x0200, 0x0300};
    for (int m = 0; m < 4; m++) {
        fesetround(modes[m]);
        for (int p = 0; p < 3; p++) {
            unsigned short cw = (fpu_cw() & ~0x0300) | pcs[p];
            set_cw(cw);
            volatile long double q = lone / lthree, s = lone + 0x1p-40L;
            unsigned short cw2 = fpu_cw();
            set_cw((cw & ~0x0300) | 0x0300);
            printf("pc %s %s: fnstcw=%04x 1/3L=%La 1+2^-40=%La\n", p == 0 ? "24" : p == 1 ? "53" : "64",
                   mode_names[m], cw2, q, s);
        }
    }
    fesetround(FE_TONEAREST);
}
#else
/* MXCSR flush-to-zero (bit 15) and denormals-are-zero (bit 6). */
static void ftz_daz(void)
{
    static volatile double dmin = 0x1p-1070, dn = 0x1p-1060, half = 0.5, big2 = 0x1p1000;
    static const unsigned bits[4] = {0, 0x8000, 0x0040, 0x8040};
    unsigned base = mxcsr();
    for (int m = 0; m < 4; m++) {
        fesetround(modes[m]);
        for (int b = 0; b < 4; b++) {
            feclearexcept(FE_ALL_EXCEPT);
            set_mxcsr((mxcsr() & ~0x8040u) | bits[b]);
            volatile double p = dn * half, q = dmin + dmin, r = dn * big2, s = 0x1p-1022 * half;
            volatile float f = (float)dn;
            unsigned after = mxcsr();
            set_mxcsr(after & ~0x8040u);
            printf("ftz=%d daz=%d %s: %016llx %016llx %016llx %016llx %08x mxcsr=%08x\n", !!(bits[b] & 0x8000),
                   !!(bits[b] & 0x40), mode_names[m], (unsigned long long)dbits(p), (unsigned long long)dbits(q),
                   (unsigned long long)dbits(r), (unsigned long long)dbits(s), fbits(f), after);
        }
    }
    set_mxcsr(base);
    fesetround(FE_TONEAREST);
    feclearexcept(FE_ALL_EXCEPT);
}
#endif

int main(void)
{
#ifdef __SSE2_MATH__
    printf("build: sse2\n");
#else
    printf("build: x87\n");
#endif
    printf("start: fnstcw=%04x fnstsw&~C023=%04x mxcsr=%08x\n", fpu_cw(), fpu_sw() & 0xBAFF, mxcsr());
    for (int m = 0; m < 4; m++) rounding(m);
    fesetround(FE_TONEAREST);
    compares();
#ifndef __SSE2_MATH__
    precision();
#else
    ftz_daz();
#endif
    printf("end: fnstcw=%04x mxcsr=%08x\n", fpu_cw(), mxcsr());
    return 0;
}
