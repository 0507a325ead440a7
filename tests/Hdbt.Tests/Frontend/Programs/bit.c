/* Bit tests and scans: bt/bts/btr/btc with register and memory destinations, register and imm8
 * offsets (a register offset into memory is a signed bit index that can leave the operand), and
 * bsf/bsr with zero and nonzero sources. Flags compared: all six (bt* keep the undefined ones, and
 * hdbt reproduces the host's undefined bsf/bsr flags). "rep bsf" is tzcnt on a host with BMI1, so
 * its cases compare only the result of nonzero sources, where tzcnt and bsf agree. */
#include "guest.h"

static const u32 edges[] = {
    0, 1, 2, 3, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x12345678,
    0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFE, 0xFFFFFFFF, 0xAAAAAAAA, 0x55555555,
    0x00F00000, 0x40000000,
};

#define NVALUES 48
static u32 values[NVALUES];

static void init_values(void)
{
    u32 i;
    for (i = 0; i < NVALUES; i++) values[i] = i < sizeof edges / sizeof edges[0] ? edges[i] : rnd();
}

/* Offsets for register bit offsets: small, at the width boundaries, large and negative. */
static const u32 offsets[] = {
    0, 1, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 100, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x7FFFFFFF,
    0x80000000, 0xFFFFFFFF, 0xFFFFFFF0, 0xFFFFFFE1, 0xFFFF8000, 0xFFFFFFC0,
};
#define NOFFSETS (sizeof offsets / sizeof offsets[0])

#define CASE_RR(insn, sz)                                                                          \
    __asm__ volatile("pushl %[fin]; popfl; " insn " %" sz "[o], %" sz "[v]; pushfl; popl %[f]"     \
                     : [v] "+r"(r), [f] "=&r"(f) : [fin] "r"(fin), [o] "r"(o) : "cc");

/* Register destination, register offset: every value and offset, the two flag states. */
#define RFORM(name, body)                                                                          \
    static void name(void)                                                                         \
    {                                                                                              \
        u32 i, j, k;                                                                               \
        begin();                                                                                   \
        for (i = 0; i < NVALUES; i++)                                                              \
            for (j = 0; j < NOFFSETS; j++)                                                         \
                for (k = 0; k < 2; k++) {                                                          \
                    u32 fin = k ? ARITH : 0, f = 0, r = values[i], o = offsets[j];                 \
                    body                                                                           \
                    record(#name, values[i], o, fin, r, f & ARITH);                                \
                }                                                                                  \
        end(#name);                                                                                \
    }
RFORM(btw_rr, CASE_RR("btw", "w")) RFORM(btsw_rr, CASE_RR("btsw", "w"))
RFORM(btrw_rr, CASE_RR("btrw", "w")) RFORM(btcw_rr, CASE_RR("btcw", "w"))
RFORM(btl_rr, CASE_RR("btl", "k")) RFORM(btsl_rr, CASE_RR("btsl", "k"))
RFORM(btrl_rr, CASE_RR("btrl", "k")) RFORM(btcl_rr, CASE_RR("btcl", "k"))

/* Register and memory destinations with an imm8 offset (masked to the width). */
static u32 cell[3];
#define CASE_IMM(insn, sz, n)                                                                      \
    __asm__ volatile("pushl %[fin]; popfl; " insn " $" #n ", %" sz "[v]; pushfl; popl %[f]"        \
                     : [v] "+r"(r), [f] "=&r"(f) : [fin] "r"(fin) : "cc");                         \
    record(#insn "_imm" #n, values[i], n, fin, r, f & ARITH);                                      \
    r = values[i];                                                                                 \
    cell[1] = r;                                                                                   \
    __asm__ volatile("pushl %[fin]; popfl; " insn " $" #n ", %[m]; pushfl; popl %[f]"              \
                     : [m] "+m"(cell[1]), [f] "=&r"(f) : [fin] "r"(fin) : "cc");                   \
    record(#insn "_mem_imm" #n, values[i], n, fin, cell[1], f & ARITH);                            \
    r = values[i];
#define IMM_ALL(insn, sz)                                                                          \
    CASE_IMM(insn, sz, 0) CASE_IMM(insn, sz, 5) CASE_IMM(insn, sz, 15) CASE_IMM(insn, sz, 16)      \
    CASE_IMM(insn, sz, 17) CASE_IMM(insn, sz, 31) CASE_IMM(insn, sz, 32) CASE_IMM(insn, sz, 45)    \
    CASE_IMM(insn, sz, 127) CASE_IMM(insn, sz, 200) CASE_IMM(insn, sz, 255)

static void imm_forms(void)
{
    u32 i, k;
    begin();
    for (i = 0; i < NVALUES; i++)
        for (k = 0; k < 2; k++) {
            u32 fin = k ? ARITH : 0, f = 0, r = values[i];
            IMM_ALL("btw", "w") IMM_ALL("btsw", "w") IMM_ALL("btrw", "w") IMM_ALL("btcw", "w")
            IMM_ALL("btl", "k") IMM_ALL("btsl", "k") IMM_ALL("btrl", "k") IMM_ALL("btcl", "k")
        }
    end("bt_imm");
}

/* Memory destination, register offset: the bit string starts in the middle of a buffer, and bit
 * offsets -256..255 reach 32 bytes either side of it (a 16-bit offset register holds the same
 * signed value). */
static u32 buf[24];
#define CASE_MR(insn, sz)                                                                          \
    __asm__ volatile("pushl %[fin]; popfl; " insn " %" sz "[o], %[m]; pushfl; popl %[f]"           \
                     : [m] "+m"(buf[12]), [f] "=&r"(f) : [fin] "r"(fin), [o] "r"(o) : "cc", "memory");
#define CASE_MR_BASE(insn, sz)                                                                     \
    __asm__ volatile("pushl %[fin]; popfl; " insn " %" sz "[o], -4(%[p]); pushfl; popl %[f]"       \
                     : [f] "=&r"(f) : [fin] "r"(fin), [o] "r"(o), [p] "r"(&buf[13]) : "cc", "memory");

#define MFORM(name, body)                                                                          \
    static void name(void)                                                                         \
    {                                                                                              \
        u32 i, k, w;                                                                               \
        i32 bit;                                                                                   \
        begin();                                                                                   \
        for (i = 0; i < 4; i++)                                                                    \
            for (bit = -256; bit < 256; bit += 5)                                                  \
                for (k = 0; k < 2; k++) {                                                          \
                    u32 fin = k ? ARITH : 0, f = 0, sum = 0, o = (u32)bit;                         \
                    for (w = 0; w < 24; w++) buf[w] = values[(i + w) % NVALUES];                   \
                    body                                                                           \
                    for (w = 0; w < 24; w++) sum = sum * 31 + buf[w];                              \
                    record(#name, i, o, fin, sum, f & ARITH);                                      \
                }                                                                                  \
        end(#name);                                                                                \
    }
MFORM(btw_mr, CASE_MR("btw", "w")) MFORM(btsw_mr, CASE_MR("btsw", "w"))
MFORM(btrw_mr, CASE_MR("btrw", "w")) MFORM(btcw_mr, CASE_MR("btcw", "w"))
MFORM(btl_mr, CASE_MR("btl", "k")) MFORM(btsl_mr, CASE_MR("btsl", "k"))
MFORM(btrl_mr, CASE_MR("btrl", "k")) MFORM(btcl_mr, CASE_MR("btcl", "k"))
MFORM(btsl_mr_base, CASE_MR_BASE("btsl", "k")) MFORM(btcw_mr_base, CASE_MR_BASE("btcw", "w"))

/* bsf/bsr: destination preset to a marker (kept for a zero source). */
#define CASE_SCAN(insn, sz)                                                                        \
    __asm__ volatile("pushl %[fin]; popfl; " insn " %" sz "[s], %" sz "[v]; pushfl; popl %[f]"     \
                     : [v] "+r"(r), [f] "=&r"(f) : [fin] "r"(fin), [s] "r"(src) : "cc");
#define CASE_SCAN_MEM(insn, sz)                                                                    \
    cell[1] = src;                                                                                 \
    __asm__ volatile("pushl %[fin]; popfl; " insn " %[m], %" sz "[v]; pushfl; popl %[f]"           \
                     : [v] "+r"(r), [f] "=&r"(f) : [fin] "r"(fin), [m] "m"(cell[1]) : "cc");
#define SFORM(name, body, fmask, nonzero_only)                                                     \
    static void name(void)                                                                         \
    {                                                                                              \
        u32 i, b, k;                                                                               \
        begin();                                                                                   \
        for (i = 0; i < NVALUES; i++)                                                              \
            for (b = 0; b < 33; b++)                                                               \
                for (k = 0; k < 2; k++) {                                                          \
                    u32 fin = k ? ARITH : 0, f = 0, r = 0xDEADBEEF;                                \
                    /* sources: each value, and each value cut below or above bit b */             \
                    u32 src = b == 32 ? values[i] : (k ? values[i] >> b : values[i] << b);         \
                    if (nonzero_only && (src & 0xFFFF) == 0) continue;                             \
                    body                                                                           \
                    record(#name, src, b, fin, r, f & (fmask));                                    \
                }                                                                                  \
        end(#name);                                                                                \
    }
SFORM(bsfw, CASE_SCAN("bsfw", "w"), ARITH, 0) SFORM(bsrw, CASE_SCAN("bsrw", "w"), ARITH, 0)
SFORM(bsfl, CASE_SCAN("bsfl", "k"), ARITH, 0) SFORM(bsrl, CASE_SCAN("bsrl", "k"), ARITH, 0)
SFORM(bsfl_mem, CASE_SCAN_MEM("bsfl", "k"), ARITH, 0) SFORM(bsrw_mem, CASE_SCAN_MEM("bsrw", "w"), ARITH, 0)
SFORM(rep_bsfl, CASE_SCAN("rep; bsfl", "k"), 0, 1) SFORM(rep_bsfw, CASE_SCAN("rep; bsfw", "w"), 0, 1)

int main(int argc, char **argv)
{
    (void)argc; (void)argv;
    init_values();
    if (want("bt")) {
        btw_rr(); btsw_rr(); btrw_rr(); btcw_rr(); btl_rr(); btsl_rr(); btrl_rr(); btcl_rr();
        imm_forms();
        btw_mr(); btsw_mr(); btrw_mr(); btcw_mr(); btl_mr(); btsl_mr(); btrl_mr(); btcl_mr();
        btsl_mr_base(); btcw_mr_base();
    }
    if (want("scan")) {
        bsfw(); bsrw(); bsfl(); bsrl(); bsfl_mem(); bsrw_mem(); rep_bsfl(); rep_bsfw();
    }
    return 0;
}
