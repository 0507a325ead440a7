/* SSE faults, one per argument: a misaligned 16-byte operand of a legacy SSE instruction and
 * reserved MXCSR bits raise #GP (SIGSEGV); an unmasked SIMD exception raises #XM (SIGFPE);
 * movups and scalar memory operands may be misaligned; clflush of an unmapped address faults. Prints "ok" when nothing faults. */
#include "sse.h"

static unsigned char buf[64] __attribute__((aligned(16)));

int main(int argc, char **argv)
{
    const char *w = argc > 1 ? argv[1] : "";
    unsigned char *p = buf + 4;
    u32 bad = 0x10000 | 0x1F80, unmask_ze = 0x1F80 & ~0x200, unmask_pe = 0x1F80 & ~0x1000;
    static const float three[4] = { 3, 3, 3, 3 };
    if (!strcmp(w, "movaps")) __asm__ volatile("movaps (%0),%%xmm0" : : "r"(p) : "xmm0");
    else if (!strcmp(w, "movdqa_st")) __asm__ volatile("movdqa %%xmm0,(%0)" : : "r"(p) : "memory");
    else if (!strcmp(w, "addps")) __asm__ volatile("addps (%0),%%xmm0" : : "r"(p) : "xmm0");
    else if (!strcmp(w, "pxor")) __asm__ volatile("pxor (%0),%%xmm0" : : "r"(p) : "xmm0");
    else if (!strcmp(w, "ldmxcsr")) __asm__ volatile("ldmxcsr %0" : : "m"(bad));
    else if (!strcmp(w, "divss")) {
        __asm__ volatile("ldmxcsr %0\n\txorps %%xmm1,%%xmm1\n\tmovss %1,%%xmm0\n\tdivss %%xmm1,%%xmm0"
                         : : "m"(unmask_ze), "m"(three[0]) : "xmm0", "xmm1");
    } else if (!strcmp(w, "cvtsi2ss")) {
        __asm__ volatile("ldmxcsr %0\n\tmovl $0x1000001,%%eax\n\tcvtsi2ss %%eax,%%xmm0" : : "m"(unmask_pe) : "eax", "xmm0");
    } else if (!strcmp(w, "mxcsr_mm")) {
        /* Bit 17 (MM) is writable on the AMD host (MXCSR_MASK 0x2FFFF); bit 18 is not. */
        u32 mm = 0x21F80, out;
        __asm__ volatile("ldmxcsr %1\n\tstmxcsr %0" : "=m"(out) : "m"(mm));
        printf("%x\n", out);
        fflush(stdout);
        mm = 0x41F80;
        __asm__ volatile("ldmxcsr %0" : : "m"(mm));
    } else if (!strcmp(w, "clflush")) {
        __asm__ volatile("clflush (%0)" : : "r"(16));
    } else if (!strcmp(w, "unaligned_ok")) {
        __asm__ volatile("movups (%0),%%xmm0\n\tmovups %%xmm0,1(%0)\n\taddss 1(%0),%%xmm0\n\tmovsd 3(%0),%%xmm1\n\t"
                         "movq 5(%0),%%xmm1\n\tpaddb (%0),%%mm0\n\temms\n\tldmxcsr %1"
                         : : "r"(p), "m"(unmask_ze) : "xmm0", "xmm1", "mm0", "memory");
    } else {
        printf("usage: sse_fault movaps|movdqa_st|addps|pxor|ldmxcsr|mxcsr_mm|clflush|divss|cvtsi2ss|unaligned_ok\n");
        return 2;
    }
    printf("ok\n");
    return 0;
}
