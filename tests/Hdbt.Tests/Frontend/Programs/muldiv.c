/* mul, imul (one, two and three operands; register and memory sources), div and idiv. Results
 * compared: EAX and EDX (and the destination of the truncating imul forms); the flags before each
 * multiplication alternate between clear and all set. Flags compared: CF and
 * OF for the multiplications (SF, ZF, AF and PF are undefined, and hdbt does not reproduce what the
 * host leaves there); none for the divisions (all undefined). The groups "div0", "divovf" and
 * "idivovf" end with a divide error (SIGFPE) without printing anything. */
#include "guest.h"

#define CFOF 0x801u

static const u32 edges[] = {
    0, 1, 2, 3, 0x7F, 0x80, 0x81, 0xFF, 0x100, 0x7FFF, 0x8000, 0x8001, 0xFFFF, 0x10000,
    0x12345678, 0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFE, 0xFFFFFFFF, 0xAAAAAAAA, 0x55555555,
    0x0000B505, 0xFFFF4AFB, 0x00010001,
};

#define NVALUES 56
static u32 values[NVALUES];

static void init_values(void)
{
    u32 i;
    for (i = 0; i < NVALUES; i++) values[i] = i < sizeof edges / sizeof edges[0] ? edges[i] : rnd();
}

static u32 cell[3];

/* One-operand forms: EAX = a, EDX = marker, source s in a register or memory. */
#define ONE_REG(insn, sz)                                                                          \
    __asm__ volatile("pushl %[fin]; popfl; " insn " %" sz "[s]; pushfl; popl %[f]"                 \
                     : "+a"(a), "+d"(d), [f] "=&r"(f) : [fin] "r"(fin), [s] "q"(s) : "cc");
#define ONE_MEM(insn)                                                                              \
    cell[1] = s;                                                                                   \
    __asm__ volatile("pushl %[fin]; popfl; " insn " %[m]; pushfl; popl %[f]"                       \
                     : "+a"(a), "+d"(d), [f] "=&r"(f) : [fin] "r"(fin), [m] "m"(cell[1]) : "cc");
/* The high-byte source AH (of EAX itself) for the byte forms. */
#define ONE_AH(insn)                                                                               \
    __asm__ volatile("pushl %[fin]; popfl; " insn " %%ah; pushfl; popl %[f]"                       \
                     : "+a"(a), "+d"(d), [f] "=&r"(f) : [fin] "r"(fin) : "cc");

#define MFORM(name, body)                                                                          \
    static void name(void)                                                                         \
    {                                                                                              \
        u32 i, j, k;                                                                               \
        begin();                                                                                   \
        for (i = 0; i < NVALUES; i++)                                                              \
            for (j = 0; j < NVALUES; j++)                                                          \
                for (k = (i ^ j) & 1; k < 2; k += 2) {                                             \
                    u32 fin = k ? ARITH : 0, f = 0, a = values[i], s = values[j], d = 0x5A5A5A5A;  \
                    body                                                                           \
                    mix(d);                                                                        \
                    record(#name, values[i], s, fin, a, f & CFOF);                                 \
                }                                                                                  \
        end(#name);                                                                                \
    }
MFORM(mulb, ONE_REG("mulb", "b")) MFORM(mulw, ONE_REG("mulw", "w")) MFORM(mull, ONE_REG("mull", "k"))
MFORM(imulb, ONE_REG("imulb", "b")) MFORM(imulw, ONE_REG("imulw", "w")) MFORM(imull, ONE_REG("imull", "k"))
MFORM(mulb_mem, ONE_MEM("mulb")) MFORM(imulw_mem, ONE_MEM("imulw")) MFORM(mull_mem, ONE_MEM("mull"))
MFORM(imull_mem, ONE_MEM("imull")) MFORM(mulb_ah, ONE_AH("mulb")) MFORM(imulb_ah, ONE_AH("imulb"))

/* Two- and three-operand imul: destination r (upper half of a 16-bit register kept). */
#define TWO_REG(sz)                                                                                \
    __asm__ volatile("pushl %[fin]; popfl; imul %" sz "[s], %" sz "[v]; pushfl; popl %[f]"         \
                     : [v] "+r"(a), [f] "=&r"(f) : [fin] "r"(fin), [s] "r"(s) : "cc");
#define TWO_MEM(sz)                                                                                \
    cell[1] = s;                                                                                   \
    __asm__ volatile("pushl %[fin]; popfl; imul %[m], %" sz "[v]; pushfl; popl %[f]"               \
                     : [v] "+r"(a), [f] "=&r"(f) : [fin] "r"(fin), [m] "m"(cell[1]) : "cc");
#define THREE(sz, imm)                                                                             \
    __asm__ volatile("pushl %[fin]; popfl; imul $" #imm ", %" sz "[s], %" sz "[v]; pushfl; popl %[f]" \
                     : [v] "+r"(a), [f] "=&r"(f) : [fin] "r"(fin), [s] "r"(s) : "cc");             \
    mix(a);                                                                                        \
    a = values[i];
#define THREE_MEM(sz, imm)                                                                         \
    cell[1] = s;                                                                                   \
    __asm__ volatile("pushl %[fin]; popfl; imul $" #imm ", %[m], %" sz "[v]; pushfl; popl %[f]"    \
                     : [v] "+r"(a), [f] "=&r"(f) : [fin] "r"(fin), [m] "m"(cell[1]) : "cc");       \
    mix(a);                                                                                        \
    a = values[i];
MFORM(imulw_rr, TWO_REG("w")) MFORM(imull_rr, TWO_REG("k")) MFORM(imulw_rm, TWO_MEM("w"))
MFORM(imull_rm, TWO_MEM("k"))
MFORM(imulw_imm, THREE("w", 3) THREE("w", -1) THREE("w", 127) THREE("w", -128) THREE("w", 0x7FFF)
      THREE("w", -32768) THREE("w", 0x1234) THREE_MEM("w", -7) THREE_MEM("w", 0x4321))
MFORM(imull_imm, THREE("k", 3) THREE("k", -1) THREE("k", 127) THREE("k", -128) THREE("k", 0x7FFFFFFF)
      THREE("k", -2147483648) THREE("k", 0x12345) THREE_MEM("k", -7) THREE_MEM("k", 0x10001))

/* Divisions: EDX:EAX (or AX) = dividend, chosen so the quotient fits. */
#define DIV_REG(insn, sz)                                                                          \
    __asm__ volatile(insn " %" sz "[s]" : "+a"(a), "+d"(d) : [s] "q"(s) : "cc");
#define DIV_MEM(insn)                                                                              \
    cell[1] = s;                                                                                   \
    __asm__ volatile(insn " %[m]" : "+a"(a), "+d"(d) : [m] "m"(cell[1]) : "cc");

/* bits: the operand size; the dividend's high part is (a value below the divisor), so the quotient
 * fits for div; for idiv the dividend is a sign-extended value and the divisor avoids -1 with the
 * most negative dividend. */
#define DFORM(name, bits, is_signed, body)                                                         \
    static void name(void)                                                                         \
    {                                                                                              \
        u32 i, j;                                                                                  \
        begin();                                                                                   \
        for (i = 0; i < NVALUES; i++)                                                              \
            for (j = 0; j < NVALUES; j++) {                                                        \
                u32 mask = bits == 32 ? 0xFFFFFFFFu : (1u << bits) - 1;                            \
                u32 s = values[j] & mask, lo = values[i] & mask, hi, a, d;                         \
                if (s == 0) s = 7;                                                                 \
                if (is_signed) {                                                                   \
                    i32 sd = bits == 8 ? (signed char)s : bits == 16 ? (short)s : (i32)s;          \
                    i32 sl = bits == 8 ? (signed char)lo : bits == 16 ? (short)lo : (i32)lo;       \
                    if (sd == -1 && (u32)sl == (bits == 32 ? 0x80000000u : 1u << (bits - 1) | ~mask)) \
                        s = 3;                                                                     \
                    hi = sl < 0 ? mask : 0;                                                        \
                } else {                                                                           \
                    hi = (values[(i + j) % NVALUES] & mask) % s;                                   \
                }                                                                                  \
                if (bits == 8) { a = 0xABCD0000u | hi << 8 | lo; d = 0x5A5A5A5A; }                 \
                else if (bits == 16) { a = 0xABCD0000u | lo; d = 0x5A5A0000u | hi; }               \
                else { a = lo; d = hi; }                                                           \
                body                                                                               \
                mix(d);                                                                            \
                record(#name, lo, hi, s, a, 0);                                                    \
            }                                                                                      \
        end(#name);                                                                                \
    }
DFORM(divb, 8, 0, DIV_REG("divb", "b")) DFORM(divw, 16, 0, DIV_REG("divw", "w"))
DFORM(divl, 32, 0, DIV_REG("divl", "k")) DFORM(idivb, 8, 1, DIV_REG("idivb", "b"))
DFORM(idivw, 16, 1, DIV_REG("idivw", "w")) DFORM(idivl, 32, 1, DIV_REG("idivl", "k"))
DFORM(divl_mem, 32, 0, DIV_MEM("divl")) DFORM(idivw_mem, 16, 1, DIV_MEM("idivw"))
DFORM(idivb_mem, 8, 1, DIV_MEM("idivb"))

static void fault(const char *what)
{
    u32 a, d;
    if (str_eq(what, "div0")) {
        a = 5; d = 0;
        __asm__ volatile("divl %%ecx" : "+a"(a), "+d"(d) : "c"(0) : "cc");
    } else if (str_eq(what, "divovf")) {
        a = 0x100; d = 0;
        __asm__ volatile("divb %%cl" : "+a"(a), "+d"(d) : "c"(1) : "cc");
    } else {
        a = 0x80000000u; d = 0xFFFFFFFFu;
        __asm__ volatile("idivl %%ecx" : "+a"(a), "+d"(d) : "c"(0xFFFFFFFFu) : "cc");
    }
    put_str("not reached\n");
}

int main(int argc, char **argv)
{
    if (argc > 1 && (str_eq(argv[1], "div0") || str_eq(argv[1], "divovf") || str_eq(argv[1], "idivovf"))) {
        fault(argv[1]);
        return 1;
    }
    init_values();
    if (want("mul")) {
        mulb(); mulw(); mull(); imulb(); imulw(); imull(); mulb_mem(); imulw_mem(); mull_mem(); imull_mem();
        mulb_ah(); imulb_ah();
        imulw_rr(); imull_rr(); imulw_rm(); imull_rm(); imulw_imm(); imull_imm();
    }
    if (want("div")) {
        divb(); divw(); divl(); idivb(); idivw(); idivl(); divl_mem(); idivw_mem(); idivb_mem();
    }
    return 0;
}
