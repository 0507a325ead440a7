/* 16- and 32-bit shifts and rotates (imm8, CL and implicit-1 forms; register, high-byte and memory
 * destinations), the sal alias encoding, and shld/shrd. Values: edge cases plus pseudo-random ones,
 * counts 0..33, CF clear and all arithmetic flags set before the instruction. Flags compared: all
 * six, except where hdbt does not reproduce the host's undefined results (16-bit shld/shrd counts
 * above 16, and OF of a 16-bit shld by 16); those cases are skipped or masked. */
#include "guest.h"

static const u32 edges[] = {
    0, 1, 2, 3, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x12345678,
    0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFE, 0xFFFFFFFF, 0xAAAAAAAA, 0x55555555,
};

#define NVALUES 40
static u32 values[NVALUES];

static void init_values(void)
{
    u32 i;
    for (i = 0; i < NVALUES; i++) values[i] = i < sizeof edges / sizeof edges[0] ? edges[i] : rnd();
}

/* insn with the count in CL and the destination a register of the given size ("w" or "k"). */
#define CASE_CL(insn, sz)                                                                          \
    __asm__ volatile("pushl %[fin]; popfl; " insn " %%cl, %" sz "[v]; pushfl; popl %[f]"           \
                     : [v] "+r"(r), [f] "=&r"(f) : [fin] "r"(fin), "c"(c) : "cc");

#define CASE_IMM(insn, sz, n)                                                                      \
    case n:                                                                                        \
        __asm__ volatile("pushl %[fin]; popfl; " insn " $" #n ", %" sz "[v]; pushfl; popl %[f]"    \
                         : [v] "+r"(r), [f] "=&r"(f) : [fin] "r"(fin) : "cc");                     \
        break;

#define SWITCH_IMM(insn, sz)                                                                       \
    switch (c) {                                                                                   \
        CASE_IMM(insn, sz, 0) CASE_IMM(insn, sz, 1) CASE_IMM(insn, sz, 2) CASE_IMM(insn, sz, 3)    \
        CASE_IMM(insn, sz, 4) CASE_IMM(insn, sz, 5) CASE_IMM(insn, sz, 6) CASE_IMM(insn, sz, 7)    \
        CASE_IMM(insn, sz, 8) CASE_IMM(insn, sz, 9) CASE_IMM(insn, sz, 10) CASE_IMM(insn, sz, 11)  \
        CASE_IMM(insn, sz, 12) CASE_IMM(insn, sz, 13) CASE_IMM(insn, sz, 14)                       \
        CASE_IMM(insn, sz, 15) CASE_IMM(insn, sz, 16) CASE_IMM(insn, sz, 17)                       \
        CASE_IMM(insn, sz, 18) CASE_IMM(insn, sz, 19) CASE_IMM(insn, sz, 20)                       \
        CASE_IMM(insn, sz, 21) CASE_IMM(insn, sz, 22) CASE_IMM(insn, sz, 23)                       \
        CASE_IMM(insn, sz, 24) CASE_IMM(insn, sz, 25) CASE_IMM(insn, sz, 26)                       \
        CASE_IMM(insn, sz, 27) CASE_IMM(insn, sz, 28) CASE_IMM(insn, sz, 29)                       \
        CASE_IMM(insn, sz, 30) CASE_IMM(insn, sz, 31) CASE_IMM(insn, sz, 32)                       \
        CASE_IMM(insn, sz, 33)                                                                     \
    }

/* One form: every value, counts 0..33, the two flag states. r is the full 32-bit register, so a
 * 16-bit form also checks that the upper half survives. */
#define FORM(name, body)                                                                           \
    static void name(void)                                                                         \
    {                                                                                              \
        u32 i, c, k;                                                                               \
        begin();                                                                                   \
        for (i = 0; i < NVALUES; i++)                                                              \
            for (c = 0; c < 34; c++)                                                               \
                for (k = 0; k < 2; k++) {                                                          \
                    u32 fin = k ? ARITH : 0, f = 0, r = values[i];                                 \
                    body                                                                           \
                    record(#name, values[i], c, fin, r, f & ARITH);                                \
                }                                                                                  \
        end(#name);                                                                                \
    }

FORM(shlw_cl, CASE_CL("shlw", "w")) FORM(shrw_cl, CASE_CL("shrw", "w")) FORM(sarw_cl, CASE_CL("sarw", "w"))
FORM(rolw_cl, CASE_CL("rolw", "w")) FORM(rorw_cl, CASE_CL("rorw", "w")) FORM(rclw_cl, CASE_CL("rclw", "w"))
FORM(rcrw_cl, CASE_CL("rcrw", "w"))
FORM(shll_cl, CASE_CL("shll", "k")) FORM(shrl_cl, CASE_CL("shrl", "k")) FORM(sarl_cl, CASE_CL("sarl", "k"))
FORM(roll_cl, CASE_CL("roll", "k")) FORM(rorl_cl, CASE_CL("rorl", "k")) FORM(rcll_cl, CASE_CL("rcll", "k"))
FORM(rcrl_cl, CASE_CL("rcrl", "k"))
FORM(shlw_imm, SWITCH_IMM("shlw", "w")) FORM(shrw_imm, SWITCH_IMM("shrw", "w"))
FORM(sarw_imm, SWITCH_IMM("sarw", "w")) FORM(rolw_imm, SWITCH_IMM("rolw", "w"))
FORM(rorw_imm, SWITCH_IMM("rorw", "w")) FORM(rclw_imm, SWITCH_IMM("rclw", "w"))
FORM(rcrw_imm, SWITCH_IMM("rcrw", "w"))
FORM(shll_imm, SWITCH_IMM("shll", "k")) FORM(shrl_imm, SWITCH_IMM("shrl", "k"))
FORM(sarl_imm, SWITCH_IMM("sarl", "k")) FORM(roll_imm, SWITCH_IMM("roll", "k"))
FORM(rorl_imm, SWITCH_IMM("rorl", "k")) FORM(rcll_imm, SWITCH_IMM("rcll", "k"))
FORM(rcrl_imm, SWITCH_IMM("rcrl", "k"))

/* High-byte registers: the shifted byte is bits 8..15 of EAX. */
#define CASE_AH_CL(insn)                                                                           \
    __asm__ volatile("pushl %[fin]; popfl; " insn " %%cl, %%ah; pushfl; popl %[f]"                 \
                     : "+a"(r), [f] "=&r"(f) : [fin] "r"(fin), "c"(c) : "cc");
#define CASE_AH_IMM(insn)                                                                          \
    __asm__ volatile("pushl %[fin]; popfl; " insn " $5, %%ah; pushfl; popl %[f]"                   \
                     : "+a"(r), [f] "=&r"(f) : [fin] "r"(fin) : "cc");
FORM(shlb_ah_cl, CASE_AH_CL("shlb")) FORM(sarb_ah_cl, CASE_AH_CL("sarb")) FORM(rorb_ah_cl, CASE_AH_CL("rorb"))
FORM(rclb_ah_cl, CASE_AH_CL("rclb")) FORM(shrb_ah_imm, CASE_AH_IMM("shrb")) FORM(rolb_ah_imm, CASE_AH_IMM("rolb"))

/* The implicit-1 encodings (D0/D1) and the imm8 encoding (C0/C1) with a count of 1, spelled as
 * bytes so the assembler cannot pick the other one; operand EAX/AX/AL. */
#define CASE_BYTES(bytes)                                                                          \
    __asm__ volatile("pushl %[fin]; popfl; .byte " bytes "; pushfl; popl %[f]"                     \
                     : "+a"(r), [f] "=&r"(f) : [fin] "r"(fin) : "cc");
FORM(shll_1, CASE_BYTES("0xD1, 0xE0")) FORM(shrw_1, CASE_BYTES("0x66, 0xD1, 0xE8"))
FORM(sarb_1, CASE_BYTES("0xD0, 0xF8")) FORM(roll_1, CASE_BYTES("0xD1, 0xC0"))
FORM(rorb_1, CASE_BYTES("0xD0, 0xC8")) FORM(rclw_1, CASE_BYTES("0x66, 0xD1, 0xD0"))
FORM(rcrl_1, CASE_BYTES("0xD1, 0xD8")) FORM(shll_c1_1, CASE_BYTES("0xC1, 0xE0, 0x01"))
FORM(sarb_c0_1, CASE_BYTES("0xC0, 0xF8, 0x01"))
/* sal is shl's /6 alias: D3 /6 (sal %cl, %eax), C0 /6 (sal $3, %al), D1 /6 (sal %eax). */
#define CASE_BYTES_CL(bytes)                                                                       \
    __asm__ volatile("pushl %[fin]; popfl; .byte " bytes "; pushfl; popl %[f]"                     \
                     : "+a"(r), [f] "=&r"(f) : [fin] "r"(fin), "c"(c) : "cc");
FORM(sall_cl_alias, CASE_BYTES_CL("0xD3, 0xF0")) FORM(salb_imm_alias, CASE_BYTES("0xC0, 0xF0, 0x03"))
FORM(sall_1_alias, CASE_BYTES("0xD1, 0xF0"))

/* Memory destinations. */
static u32 cell[3];
#define CASE_MEM_CL(insn)                                                                          \
    cell[1] = r;                                                                                   \
    __asm__ volatile("pushl %[fin]; popfl; " insn " %%cl, %[m]; pushfl; popl %[f]"                 \
                     : [m] "+m"(cell[1]), [f] "=&r"(f) : [fin] "r"(fin), "c"(c) : "cc");           \
    r = cell[1];
#define CASE_MEM_IMM(insn, n)                                                                      \
    cell[1] = r;                                                                                   \
    __asm__ volatile("pushl %[fin]; popfl; " insn " $" #n ", %[m]; pushfl; popl %[f]"              \
                     : [m] "+m"(cell[1]), [f] "=&r"(f) : [fin] "r"(fin) : "cc");                   \
    r = cell[1];
FORM(shlb_mem_cl, CASE_MEM_CL("shlb")) FORM(sarw_mem_cl, CASE_MEM_CL("sarw"))
FORM(shrl_mem_cl, CASE_MEM_CL("shrl")) FORM(rolw_mem_cl, CASE_MEM_CL("rolw"))
FORM(rorl_mem_cl, CASE_MEM_CL("rorl")) FORM(rclb_mem_cl, CASE_MEM_CL("rclb"))
FORM(rcrl_mem_cl, CASE_MEM_CL("rcrl")) FORM(shll_mem_0, CASE_MEM_IMM("shll", 0))
FORM(roll_mem_7, CASE_MEM_IMM("roll", 7)) FORM(rcrw_mem_3, CASE_MEM_IMM("rcrw", 3))

/* shld/shrd: destination r, source s, count 0..33 in CL or as imm8. */
static u32 s;
static u32 mask_flags;
#define CASE_DS_CL(insn, sz)                                                                       \
    __asm__ volatile("pushl %[fin]; popfl; " insn " %%cl, %" sz "[s], %" sz "[v]; pushfl; popl %[f]" \
                     : [v] "+r"(r), [f] "=&r"(f) : [fin] "r"(fin), "c"(c), [s] "r"(s) : "cc");
#define CASE_DS_IMM(insn, sz, n)                                                                   \
    case n:                                                                                        \
        __asm__ volatile("pushl %[fin]; popfl; " insn " $" #n ", %" sz "[s], %" sz "[v]; pushfl; popl %[f]" \
                         : [v] "+r"(r), [f] "=&r"(f) : [fin] "r"(fin), [s] "r"(s) : "cc");         \
        break;
#define SWITCH_DS_IMM(insn, sz)                                                                    \
    switch (c) {                                                                                   \
        CASE_DS_IMM(insn, sz, 0) CASE_DS_IMM(insn, sz, 1) CASE_DS_IMM(insn, sz, 2)                 \
        CASE_DS_IMM(insn, sz, 3) CASE_DS_IMM(insn, sz, 4) CASE_DS_IMM(insn, sz, 5)                 \
        CASE_DS_IMM(insn, sz, 6) CASE_DS_IMM(insn, sz, 7) CASE_DS_IMM(insn, sz, 8)                 \
        CASE_DS_IMM(insn, sz, 9) CASE_DS_IMM(insn, sz, 10) CASE_DS_IMM(insn, sz, 11)               \
        CASE_DS_IMM(insn, sz, 12) CASE_DS_IMM(insn, sz, 13) CASE_DS_IMM(insn, sz, 14)             \
        CASE_DS_IMM(insn, sz, 15) CASE_DS_IMM(insn, sz, 16) CASE_DS_IMM(insn, sz, 17)             \
        CASE_DS_IMM(insn, sz, 18) CASE_DS_IMM(insn, sz, 19) CASE_DS_IMM(insn, sz, 20)             \
        CASE_DS_IMM(insn, sz, 21) CASE_DS_IMM(insn, sz, 22) CASE_DS_IMM(insn, sz, 23)             \
        CASE_DS_IMM(insn, sz, 24) CASE_DS_IMM(insn, sz, 25) CASE_DS_IMM(insn, sz, 26)             \
        CASE_DS_IMM(insn, sz, 27) CASE_DS_IMM(insn, sz, 28) CASE_DS_IMM(insn, sz, 29)             \
        CASE_DS_IMM(insn, sz, 30) CASE_DS_IMM(insn, sz, 31) CASE_DS_IMM(insn, sz, 32)             \
        CASE_DS_IMM(insn, sz, 33)                                                                  \
    }
#define CASE_DS_MEM(insn, sz)                                                                      \
    cell[1] = r;                                                                                   \
    __asm__ volatile("pushl %[fin]; popfl; " insn " %%cl, %" sz "[s], %[m]; pushfl; popl %[f]"    \
                     : [m] "+m"(cell[1]), [f] "=&r"(f) : [fin] "r"(fin), "c"(c), [s] "r"(s) : "cc"); \
    r = cell[1];

/* A double-shift form; wide = 0 for 16 bits, where counts above 16 are skipped. */
#define DFORM(name, wide, body)                                                                    \
    static void name(void)                                                                         \
    {                                                                                              \
        u32 i, j, c, k;                                                                            \
        begin();                                                                                   \
        for (i = 0; i < NVALUES; i += 2)                                                           \
            for (j = 1; j < NVALUES; j += 3)                                                       \
                for (c = 0; c < 34; c++)                                                           \
                    for (k = 0; k < 2; k++) {                                                      \
                        u32 fin = k ? ARITH : 0, f = 0, r = values[i];                             \
                        if (!wide && (c & 31) > 16) continue;                                      \
                        s = values[j];                                                             \
                        mask_flags = !wide && (c & 31) == 16 ? ARITH & ~0x800u : ARITH;            \
                        body                                                                       \
                        record(#name, values[i], s, c | fin << 8, r, f & mask_flags);              \
                    }                                                                              \
        end(#name);                                                                                \
    }
DFORM(shldw_cl, 0, CASE_DS_CL("shldw", "w")) DFORM(shrdw_cl, 0, CASE_DS_CL("shrdw", "w"))
DFORM(shldl_cl, 1, CASE_DS_CL("shldl", "k")) DFORM(shrdl_cl, 1, CASE_DS_CL("shrdl", "k"))
DFORM(shldw_imm, 0, SWITCH_DS_IMM("shldw", "w")) DFORM(shrdw_imm, 0, SWITCH_DS_IMM("shrdw", "w"))
DFORM(shldl_imm, 1, SWITCH_DS_IMM("shldl", "k")) DFORM(shrdl_imm, 1, SWITCH_DS_IMM("shrdl", "k"))
DFORM(shldl_mem_cl, 1, CASE_DS_MEM("shldl", "k")) DFORM(shrdw_mem_cl, 0, CASE_DS_MEM("shrdw", "w"))

int main(int argc, char **argv)
{
    (void)argc; (void)argv;
    init_values();
    if (want("reg")) {
        shlw_cl(); shrw_cl(); sarw_cl(); rolw_cl(); rorw_cl(); rclw_cl(); rcrw_cl();
        shll_cl(); shrl_cl(); sarl_cl(); roll_cl(); rorl_cl(); rcll_cl(); rcrl_cl();
        shlw_imm(); shrw_imm(); sarw_imm(); rolw_imm(); rorw_imm(); rclw_imm(); rcrw_imm();
        shll_imm(); shrl_imm(); sarl_imm(); roll_imm(); rorl_imm(); rcll_imm(); rcrl_imm();
    }
    if (want("other")) {
        shlb_ah_cl(); sarb_ah_cl(); rorb_ah_cl(); rclb_ah_cl(); shrb_ah_imm(); rolb_ah_imm();
        shll_1(); shrw_1(); sarb_1(); roll_1(); rorb_1(); rclw_1(); rcrl_1(); shll_c1_1(); sarb_c0_1();
        sall_cl_alias(); salb_imm_alias(); sall_1_alias();
        shlb_mem_cl(); sarw_mem_cl(); shrl_mem_cl(); rolw_mem_cl(); rorl_mem_cl(); rclb_mem_cl(); rcrl_mem_cl();
        shll_mem_0(); roll_mem_7(); rcrw_mem_3();
    }
    if (want("double")) {
        shldw_cl(); shrdw_cl(); shldl_cl(); shrdl_cl(); shldw_imm(); shrdw_imm(); shldl_imm(); shrdl_imm();
        shldl_mem_cl(); shrdw_mem_cl();
    }
    return 0;
}
