/* Exhaustive 8-bit shifts and rotates: every value, counts 0..33 (imm8 and CL forms), with CF clear
 * and with all arithmetic flags set before the instruction. Flags compared: all six. AF and OF are
 * undefined for some counts; hdbt reproduces what the AMD host did when the expected output was
 * generated (shl/shr/sar set AF; OF is the count-1 formula applied to the result). */
#include "guest.h"

#define CASE_CL(insn)                                                                              \
    __asm__ volatile("pushl %[fin]; popfl; " insn " %%cl, %b[v]; pushfl; popl %[f]"                \
                     : [v] "+q"(r), [f] "=&r"(f) : [fin] "r"(fin), "c"(c) : "cc");

#define CASE_IMM(insn, n)                                                                          \
    case n:                                                                                        \
        __asm__ volatile("pushl %[fin]; popfl; " insn " $" #n ", %b[v]; pushfl; popl %[f]"         \
                         : [v] "+q"(r), [f] "=&r"(f) : [fin] "r"(fin) : "cc");                     \
        break;

#define SWITCH_IMM(insn)                                                                           \
    switch (c) {                                                                                   \
        CASE_IMM(insn, 0) CASE_IMM(insn, 1) CASE_IMM(insn, 2) CASE_IMM(insn, 3)                    \
        CASE_IMM(insn, 4) CASE_IMM(insn, 5) CASE_IMM(insn, 6) CASE_IMM(insn, 7)                    \
        CASE_IMM(insn, 8) CASE_IMM(insn, 9) CASE_IMM(insn, 10) CASE_IMM(insn, 11)                  \
        CASE_IMM(insn, 12) CASE_IMM(insn, 13) CASE_IMM(insn, 14) CASE_IMM(insn, 15)                \
        CASE_IMM(insn, 16) CASE_IMM(insn, 17) CASE_IMM(insn, 18) CASE_IMM(insn, 19)                \
        CASE_IMM(insn, 20) CASE_IMM(insn, 21) CASE_IMM(insn, 22) CASE_IMM(insn, 23)                \
        CASE_IMM(insn, 24) CASE_IMM(insn, 25) CASE_IMM(insn, 26) CASE_IMM(insn, 27)                \
        CASE_IMM(insn, 28) CASE_IMM(insn, 29) CASE_IMM(insn, 30) CASE_IMM(insn, 31)                \
        CASE_IMM(insn, 32) CASE_IMM(insn, 33)                                                      \
    }

/* One form: all values, counts and the two flag states, the instruction inline in the loop. */
#define FORM(name, body)                                                                           \
    static void name(void)                                                                         \
    {                                                                                              \
        u32 v, c, k;                                                                               \
        begin();                                                                                   \
        for (v = 0; v < 256; v++)                                                                  \
            for (c = 0; c < 34; c++)                                                               \
                for (k = 0; k < 2; k++) {                                                          \
                    u32 fin = k ? ARITH : 0, f = 0, r = v;                                         \
                    body                                                                           \
                    record(#name, v, c, fin, r & 0xFF, f & ARITH);                                 \
                }                                                                                  \
        end(#name);                                                                                \
    }

FORM(shlb_cl, CASE_CL("shlb")) FORM(shrb_cl, CASE_CL("shrb")) FORM(sarb_cl, CASE_CL("sarb"))
FORM(rolb_cl, CASE_CL("rolb")) FORM(rorb_cl, CASE_CL("rorb")) FORM(rclb_cl, CASE_CL("rclb"))
FORM(rcrb_cl, CASE_CL("rcrb"))
FORM(shlb_imm, SWITCH_IMM("shlb")) FORM(shrb_imm, SWITCH_IMM("shrb")) FORM(sarb_imm, SWITCH_IMM("sarb"))
FORM(rolb_imm, SWITCH_IMM("rolb")) FORM(rorb_imm, SWITCH_IMM("rorb")) FORM(rclb_imm, SWITCH_IMM("rclb"))
FORM(rcrb_imm, SWITCH_IMM("rcrb"))

int main(int argc, char **argv)
{
    (void)argc; (void)argv;
    if (want("cl")) { shlb_cl(); shrb_cl(); sarb_cl(); rolb_cl(); rorb_cl(); rclb_cl(); rcrb_cl(); }
    if (want("imm")) { shlb_imm(); shrb_imm(); sarb_imm(); rolb_imm(); rorb_imm(); rclb_imm(); rcrb_imm(); }
    return 0;
}
