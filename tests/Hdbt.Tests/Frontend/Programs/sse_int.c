/* SSE2/MMX integer SIMD, logic, shuffles and data movement: every form on XMM and (where it
 * exists) MMX registers, register and memory sources, edge and random lane values (saturation
 * limits, sign bits, shift counts around the lane width). Each case prints the destination
 * (and for stores the memory written). Groups: int mmx move. */
#include "sse.h"

/* Preloads xmm0 = *x, xmm1 = *y, mm0 = low(*x), mm1 = low(*y); X stores xmm0 back to *x, M stores
 * mm0 (then emms), N leaves the store to the body. */
#define PRE "movaps (%0),%%xmm0\n\tmovaps (%1),%%xmm1\n\tmovq (%0),%%mm0\n\tmovq (%1),%%mm1\n\t"
#define X "\n\tmovaps %%xmm0,(%0)\n\temms"
#define M "\n\tmovq %%mm0,(%0)\n\temms"
#define N "\n\temms"
#define CASE(fn, body, post)                                                                       \
    static void fn(v128 *x, const v128 *y)                                                         \
    {                                                                                              \
        __asm__ volatile(PRE body post : : "r"(x), "r"(y) : "eax", "edi", "xmm0", "xmm1", "mm0", "mm1", "memory", "cc"); \
    }
/* An integer op on xmm (register and memory source) and on mm. */
#define IOP(n, insn)                                                                               \
    CASE(n##_x, insn " %%xmm1,%%xmm0", X) CASE(n##_xm, insn " (%1),%%xmm0", X)                     \
    CASE(n##_mm, insn " %%mm1,%%mm0", M) CASE(n##_mmm, insn " (%1),%%mm0", M)
/* An xmm-only op. */
#define XOP(n, insn) CASE(n##_x, insn " %%xmm1,%%xmm0", X) CASE(n##_xm, insn " (%1),%%xmm0", X)

IOP(paddb, "paddb") IOP(paddw, "paddw") IOP(paddd, "paddd") IOP(paddq, "paddq")
IOP(psubb, "psubb") IOP(psubw, "psubw") IOP(psubd, "psubd") IOP(psubq, "psubq")
IOP(paddsb, "paddsb") IOP(paddsw, "paddsw") IOP(paddusb, "paddusb") IOP(paddusw, "paddusw")
IOP(psubsb, "psubsb") IOP(psubsw, "psubsw") IOP(psubusb, "psubusb") IOP(psubusw, "psubusw")
IOP(pcmpeqb, "pcmpeqb") IOP(pcmpeqw, "pcmpeqw") IOP(pcmpeqd, "pcmpeqd")
IOP(pcmpgtb, "pcmpgtb") IOP(pcmpgtw, "pcmpgtw") IOP(pcmpgtd, "pcmpgtd")
IOP(pminub, "pminub") IOP(pmaxub, "pmaxub") IOP(pminsw, "pminsw") IOP(pmaxsw, "pmaxsw")
IOP(pmullw, "pmullw") IOP(pmulhw, "pmulhw") IOP(pmulhuw, "pmulhuw") IOP(pmuludq, "pmuludq")
IOP(pmaddwd, "pmaddwd") IOP(pavgb, "pavgb") IOP(pavgw, "pavgw") IOP(psadbw, "psadbw")
IOP(punpcklbw, "punpcklbw") IOP(punpcklwd, "punpcklwd") IOP(punpckldq, "punpckldq")
IOP(punpckhbw, "punpckhbw") IOP(punpckhwd, "punpckhwd") IOP(punpckhdq, "punpckhdq")
XOP(punpcklqdq, "punpcklqdq") XOP(punpckhqdq, "punpckhqdq")
IOP(packsswb, "packsswb") IOP(packssdw, "packssdw") IOP(packuswb, "packuswb")
IOP(pand, "pand") IOP(pandn, "pandn") IOP(por, "por") IOP(pxor, "pxor")
XOP(andps, "andps") XOP(andnps, "andnps") XOP(orps, "orps") XOP(xorps, "xorps")
XOP(andpd, "andpd") XOP(andnpd, "andnpd") XOP(orpd, "orpd") XOP(xorpd, "xorpd")
IOP(psllw, "psllw") IOP(pslld, "pslld") IOP(psllq, "psllq") IOP(psrlw, "psrlw") IOP(psrld, "psrld")
IOP(psrlq, "psrlq") IOP(psraw, "psraw") IOP(psrad, "psrad")
#define SHI(n, insn, c) CASE(n##_x##c, insn " $" #c ",%%xmm0", X) CASE(n##_mm##c, insn " $" #c ",%%mm0", M)
#define SHIS(n, insn) SHI(n, insn, 0) SHI(n, insn, 1) SHI(n, insn, 7) SHI(n, insn, 15) SHI(n, insn, 16) SHI(n, insn, 31) SHI(n, insn, 32) SHI(n, insn, 63) SHI(n, insn, 64) SHI(n, insn, 200)
SHIS(psllwi, "psllw") SHIS(pslldi, "pslld") SHIS(psllqi, "psllq") SHIS(psrlwi, "psrlw") SHIS(psrldi, "psrld")
SHIS(psrlqi, "psrlq") SHIS(psrawi, "psraw") SHIS(psradi, "psrad")
#define DQ(n, insn, c) CASE(n##c, insn " $" #c ",%%xmm0", X)
DQ(pslldq, "pslldq", 0) DQ(pslldq, "pslldq", 1) DQ(pslldq, "pslldq", 7) DQ(pslldq, "pslldq", 15) DQ(pslldq, "pslldq", 16) DQ(pslldq, "pslldq", 255)
DQ(psrldq, "psrldq", 0) DQ(psrldq, "psrldq", 1) DQ(psrldq, "psrldq", 8) DQ(psrldq, "psrldq", 15) DQ(psrldq, "psrldq", 16) DQ(psrldq, "psrldq", 200)
/* Shuffles with a few immediates. */
#define SH3(n, insn, a, b, c) CASE(n##a, insn " $" #a ",%%xmm1,%%xmm0", X) CASE(n##b, insn " $" #b ",(%1),%%xmm0", X) CASE(n##c, insn " $" #c ",%%xmm1,%%xmm0", X)
SH3(shufps, "shufps", 0, 27, 0xE4) SH3(shufpd, "shufpd", 0, 1, 3) SH3(pshufd, "pshufd", 0, 27, 0xB1)
SH3(pshuflw, "pshuflw", 0, 27, 0x93) SH3(pshufhw, "pshufhw", 0, 27, 0x93)
CASE(pshufw27, "pshufw $27,%%mm1,%%mm0", M) CASE(pshufwm, "pshufw $0x93,(%1),%%mm0", M)
XOP(unpcklps, "unpcklps") XOP(unpckhps, "unpckhps") XOP(unpcklpd, "unpcklpd") XOP(unpckhpd, "unpckhpd")

/* Moves between registers and memory (N: the body stores into *x itself). */
CASE(movaps_rr, "movaps %%xmm1,%%xmm0", X) CASE(movups_m, "movups 4(%1),%%xmm0", X)
CASE(movdqu_st, "movdqu %%xmm1,4(%0)", N) CASE(movdqa_st, "movdqa %%xmm1,(%0)", N)
CASE(movapd_m, "movapd (%1),%%xmm0", X) CASE(movupd_st, "movupd %%xmm1,1(%0)", N)
CASE(movss_rr, "movss %%xmm1,%%xmm0", X) CASE(movss_m, "movss 4(%1),%%xmm0", X) CASE(movss_st, "movss %%xmm1,8(%0)", N)
CASE(movsd_rr, "movsd %%xmm1,%%xmm0", X) CASE(movsd_m, "movsd 4(%1),%%xmm0", X) CASE(movsd_st, "movsd %%xmm1,4(%0)", N)
CASE(movlps_m, "movlps 8(%1),%%xmm0", X) CASE(movlps_st, "movlps %%xmm1,8(%0)", N)
CASE(movhps_m, "movhps 0(%1),%%xmm0", X) CASE(movhps_st, "movhps %%xmm1,0(%0)", N)
CASE(movlpd_m, "movlpd 8(%1),%%xmm0", X) CASE(movhpd_st, "movhpd %%xmm1,4(%0)", N)
CASE(movlhps, "movlhps %%xmm1,%%xmm0", X) CASE(movhlps, "movhlps %%xmm1,%%xmm0", X)
CASE(movq_rr, "movq %%xmm1,%%xmm0", X) CASE(movq_m, "movq 8(%1),%%xmm0", X) CASE(movq_st, "movq %%xmm1,4(%0)", N)
CASE(movq_mm, "movq %%mm1,%%mm0", M) CASE(movq_mmst, "movq %%mm1,8(%0)", N)
CASE(movd_x_r, "movl 4(%1),%%eax\n\tmovd %%eax,%%xmm0", X) CASE(movd_x_m, "movd 8(%1),%%xmm0", X)
CASE(movd_r_x, "pshufd $0xE5,%%xmm1,%%xmm1\n\tmovd %%xmm1,%%eax\n\tmovl %%eax,12(%0)", N)
CASE(movd_m_x, "movd %%xmm1,2(%0)", N)
CASE(movd_mm_r, "movl 4(%1),%%eax\n\tmovd %%eax,%%mm0", M) CASE(movd_r_mm, "movd %%mm1,%%eax\n\tmovl %%eax,12(%0)", N)
CASE(movq2dq, "movq2dq %%mm1,%%xmm0", X) CASE(movdq2q, "movdq2q %%xmm1,%%mm0", M)
CASE(movntps, "movntps %%xmm1,(%0)", N) CASE(movntdq, "movntdq %%xmm1,(%0)", N) CASE(movntpd, "movntpd %%xmm1,(%0)", N)
CASE(movntq, "movntq %%mm1,4(%0)", N) CASE(movnti, "movl 4(%1),%%eax\n\tmovnti %%eax,8(%0)", N)
CASE(pmovmskb_x, "pmovmskb %%xmm1,%%eax\n\tmovl %%eax,(%0)", N) CASE(pmovmskb_mm, "pmovmskb %%mm1,%%eax\n\tmovl %%eax,(%0)", N)
CASE(movmskps, "movmskps %%xmm1,%%eax\n\tmovl %%eax,(%0)", N) CASE(movmskpd, "movmskpd %%xmm1,%%eax\n\tmovl %%eax,(%0)", N)
CASE(pextrw_x, "pextrw $5,%%xmm1,%%eax\n\tmovl %%eax,(%0)", N) CASE(pextrw_mm, "pextrw $2,%%mm1,%%eax\n\tmovl %%eax,(%0)", N)
CASE(pinsrw_x, "movl 4(%1),%%eax\n\tpinsrw $6,%%eax,%%xmm0", X) CASE(pinsrw_xm, "pinsrw $1,6(%1),%%xmm0", X)
CASE(pinsrw_mm, "movl 4(%1),%%eax\n\tpinsrw $3,%%eax,%%mm0", M) CASE(pinsrw_mmm, "pinsrw $0,2(%1),%%mm0", M)
CASE(maskmovdqu, "movl %0,%%edi\n\tmaskmovdqu %%xmm1,%%xmm1", N) CASE(maskmovq, "movl %0,%%edi\n\tmaskmovq %%mm1,%%mm1", N)
CASE(prefetch, "prefetchnta (%1)\n\tprefetcht0 (%1)\n\tprefetcht1 (%1)\n\tprefetcht2 (%1)\n\tlfence\n\tsfence\n\tmfence\n\tpause\n\tclflush (%1)\n\tmovaps %%xmm1,%%xmm0", X)

struct form { const char *name; void (*fn)(v128 *, const v128 *); int group; };
#define I(n) { #n "_x", n##_x, 0 }, { #n "_xm", n##_xm, 0 }, { #n "_mm", n##_mm, 1 }, { #n "_mmm", n##_mmm, 1 }
#define XI(n) { #n "_x", n##_x, 0 }, { #n "_xm", n##_xm, 0 }
#define S1(n, c) { #n "_x" #c, n##_x##c, 0 }, { #n "_mm" #c, n##_mm##c, 1 }
#define SS(n) S1(n, 0), S1(n, 1), S1(n, 7), S1(n, 15), S1(n, 16), S1(n, 31), S1(n, 32), S1(n, 63), S1(n, 64), S1(n, 200)
#define D(n, g) { #n, n, g }
static const struct form forms[] = {
    I(paddb), I(paddw), I(paddd), I(paddq), I(psubb), I(psubw), I(psubd), I(psubq),
    I(paddsb), I(paddsw), I(paddusb), I(paddusw), I(psubsb), I(psubsw), I(psubusb), I(psubusw),
    I(pcmpeqb), I(pcmpeqw), I(pcmpeqd), I(pcmpgtb), I(pcmpgtw), I(pcmpgtd),
    I(pminub), I(pmaxub), I(pminsw), I(pmaxsw), I(pmullw), I(pmulhw), I(pmulhuw), I(pmuludq),
    I(pmaddwd), I(pavgb), I(pavgw), I(psadbw),
    I(punpcklbw), I(punpcklwd), I(punpckldq), I(punpckhbw), I(punpckhwd), I(punpckhdq),
    XI(punpcklqdq), XI(punpckhqdq), I(packsswb), I(packssdw), I(packuswb),
    I(pand), I(pandn), I(por), I(pxor), XI(andps), XI(andnps), XI(orps), XI(xorps), XI(andpd), XI(andnpd), XI(orpd), XI(xorpd),
    I(psllw), I(pslld), I(psllq), I(psrlw), I(psrld), I(psrlq), I(psraw), I(psrad),
    SS(psllwi), SS(pslldi), SS(psllqi), SS(psrlwi), SS(psrldi), SS(psrlqi), SS(psrawi), SS(psradi),
    D(pslldq0, 0), D(pslldq1, 0), D(pslldq7, 0), D(pslldq15, 0), D(pslldq16, 0), D(pslldq255, 0),
    D(psrldq0, 0), D(psrldq1, 0), D(psrldq8, 0), D(psrldq15, 0), D(psrldq16, 0), D(psrldq200, 0),
    D(shufps0, 0), D(shufps27, 0), D(shufps0xE4, 0), D(shufpd0, 0), D(shufpd1, 0), D(shufpd3, 0),
    D(pshufd0, 0), D(pshufd27, 0), D(pshufd0xB1, 0), D(pshuflw0, 0), D(pshuflw27, 0), D(pshuflw0x93, 0),
    D(pshufhw0, 0), D(pshufhw27, 0), D(pshufhw0x93, 0), D(pshufw27, 1), D(pshufwm, 1),
    XI(unpcklps), XI(unpckhps), XI(unpcklpd), XI(unpckhpd),
    D(movaps_rr, 2), D(movups_m, 2), D(movdqu_st, 2), D(movdqa_st, 2), D(movapd_m, 2), D(movupd_st, 2),
    D(movss_rr, 2), D(movss_m, 2), D(movss_st, 2), D(movsd_rr, 2), D(movsd_m, 2), D(movsd_st, 2),
    D(movlps_m, 2), D(movlps_st, 2), D(movhps_m, 2), D(movhps_st, 2), D(movlpd_m, 2), D(movhpd_st, 2),
    D(movlhps, 2), D(movhlps, 2), D(movq_rr, 2), D(movq_m, 2), D(movq_st, 2), D(movq_mm, 2), D(movq_mmst, 2),
    D(movd_x_r, 2), D(movd_x_m, 2), D(movd_r_x, 2), D(movd_m_x, 2), D(movd_mm_r, 2), D(movd_r_mm, 2),
    D(movq2dq, 2), D(movdq2q, 2), D(movntps, 2), D(movntdq, 2), D(movntpd, 2), D(movntq, 2), D(movnti, 2),
    D(pmovmskb_x, 2), D(pmovmskb_mm, 2), D(movmskps, 2), D(movmskpd, 2), D(pextrw_x, 2), D(pextrw_mm, 2),
    D(pinsrw_x, 2), D(pinsrw_xm, 2), D(pinsrw_mm, 2), D(pinsrw_mmm, 2), D(maskmovdqu, 2), D(maskmovq, 2),
    D(prefetch, 2),
};

/* Lane values: saturation and sign limits for every lane width, and small shift counts. */
static const u32 edges[] = {
    0x00000000, 0xFFFFFFFF, 0x7F7F7F7F, 0x80808080, 0x7FFF7FFF, 0x80008000, 0x7FFFFFFF, 0x80000000,
    0x01010101, 0xFEFEFEFE, 0x00FF00FF, 0xFF00FF00, 0x0000000F, 0x00000010, 0x0000001F, 0x00000020,
    0x0000003F, 0x00000040, 0x00000001, 0x00000008, 0x12345678, 0x9ABCDEF0, 0x8001FFFF, 0x7FFE0001,
};
#define NE (sizeof edges / sizeof edges[0])

static void run(int group)
{
    unsigned f, i, k;
    for (f = 0; f < sizeof forms / sizeof forms[0]; f++) {
        if (forms[f].group != group) continue;
        begin();
        rng = 4242 + f;
        for (i = 0; i < 400; i++) {
            v128 x, y;
            u32 in[8];
            for (k = 0; k < 4; k++) {
                x.w[k] = i < 200 ? edges[(i + k * 5) % NE] : rnd();
                y.w[k] = i < 200 ? edges[(i / NE + k * 3 + i) % NE] : rnd();
            }
            /* Shift counts as the vector count: small values in the low quadword half the time. */
            if (i & 1) { y.w[0] = i % 70; y.w[1] = i % 7 == 0; }
            memcpy(in, &x, 16);
            memcpy(in + 4, &y, 16);
            forms[f].fn(&x, &y);
            record(forms[f].name, in, 8, x.w, 4, 0);
        }
        end(forms[f].name);
    }
}

int main(int argc, char **argv)
{
    verbose = argc > 1 && !strcmp(argv[1], "-v");
    if (selected(argc, argv, "int")) run(0);
    if (selected(argc, argv, "mmx")) run(1);
    if (selected(argc, argv, "move")) run(2);
    return 0;
}
