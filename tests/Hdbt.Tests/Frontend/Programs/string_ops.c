/* String instructions (movs, stos, lods, cmps, scas) under every prefix, size and direction,
 * with counts 0/1/5/13, flags all clear and all set on entry, early exits of repe/repne,
 * overlapping copies, segment overrides on the source, the 16-bit address-size forms, lazy
 * flags read by setcc right after a rep loop, and long loops. Prints registers, EFLAGS and
 * the destination memory; string_ops.expected is the output of the real CPU.
 * Needs vm.mmap_min_addr <= 0x4000 when run natively (for the 16-bit address tests). */
#include "mini.h"

#define BUF 192
#define MID 96
#define DUMP_FROM 40
#define DUMP_LEN 112

static u8 src[BUF] __attribute__((aligned(16)));
static u8 dst[BUF] __attribute__((aligned(16)));

struct st { u32 eax, ecx, esi, edi, fl; };

/* Runs one instruction with EAX, ECX, ESI, EDI and EFLAGS (including DF) from *s, and stores
 * them back after it; DF is cleared again afterwards as the ABI requires. */
#define DEF(fn, text)                                                                 \
    static void fn(struct st *s)                                                      \
    {                                                                                 \
        u32 a = s->eax, c = s->ecx, si = s->esi, di = s->edi, f = s->fl;             \
        __asm__ volatile("pushl %[f]\n\tpopfl\n\t" text "\n\tpushfl\n\tpopl %[f]\n\tcld" \
                         : "+a"(a), "+c"(c), "+S"(si), "+D"(di), [f] "+r"(f)          \
                         :                                                            \
                         : "memory", "cc");                                           \
        s->eax = a; s->ecx = c; s->esi = si; s->edi = di; s->fl = f;                  \
    }

enum kind { MOVS, STOS, LODS, CMPS, SCAS };

#define OPS(X)                                                        \
    X(movsb, "movsb", MOVS) X(movsw, "movsw", MOVS) X(movsl, "movsl", MOVS) \
    X(stosb, "stosb", STOS) X(stosw, "stosw", STOS) X(stosl, "stosl", STOS) \
    X(lodsb, "lodsb", LODS) X(lodsw, "lodsw", LODS) X(lodsl, "lodsl", LODS) \
    X(cmpsb, "cmpsb", CMPS) X(cmpsw, "cmpsw", CMPS) X(cmpsl, "cmpsl", CMPS) \
    X(scasb, "scasb", SCAS) X(scasw, "scasw", SCAS) X(scasl, "scasl", SCAS) \
    X(rep_movsb, "rep movsb", MOVS) X(rep_movsw, "rep movsw", MOVS) X(rep_movsl, "rep movsl", MOVS) \
    X(rep_stosb, "rep stosb", STOS) X(rep_stosw, "rep stosw", STOS) X(rep_stosl, "rep stosl", STOS) \
    X(rep_lodsb, "rep lodsb", LODS) X(rep_lodsw, "rep lodsw", LODS) X(rep_lodsl, "rep lodsl", LODS) \
    X(repe_cmpsb, "repe cmpsb", CMPS) X(repe_cmpsw, "repe cmpsw", CMPS) X(repe_cmpsl, "repe cmpsl", CMPS) \
    X(repe_scasb, "repe scasb", SCAS) X(repe_scasw, "repe scasw", SCAS) X(repe_scasl, "repe scasl", SCAS) \
    X(repne_cmpsb, "repne cmpsb", CMPS) X(repne_cmpsw, "repne cmpsw", CMPS) X(repne_cmpsl, "repne cmpsl", CMPS) \
    X(repne_scasb, "repne scasb", SCAS) X(repne_scasw, "repne scasw", SCAS) X(repne_scasl, "repne scasl", SCAS) \
    X(repne_movsb, ".byte 0xf2, 0xa4", MOVS) X(repne_stosl, ".byte 0xf2, 0xab", STOS)

#define X_DEF(fn, text, kind) DEF(fn, text)
OPS(X_DEF)

struct op { const char *name; void (*fn)(struct st *); enum kind kind; };

#define X_TABLE(fn, text, kind) { #fn, fn, kind },
static const struct op ops[] = { OPS(X_TABLE) };

/* Fills src with a varied pattern and dst according to the kind and variant:
 * variant 0 makes dst match src (cmps) or AL/AX/EAX = 0x61.. (scas) except in the region R
 * (MID+8 .. MID+15 and MID-16 .. MID-9); variant 1 is the opposite. R is reached at a
 * different element index for each size and direction. */
/* Volatile so the compiler cannot turn the running sum into a multiply by shifts (the program
 * is meant to need only the string family besides the basic ones). */
static volatile u8 pattern_step = 37;
static const u32 df_bit[2] = { 0, 0x400 };

static void setup(enum kind kind, int variant)
{
    u8 v = 11;
    for (u32 i = 0; i < BUF; i++) {
        src[i] = v;
        v += pattern_step;
        int in_r = (i >= MID + 8 && i < MID + 16) || (i >= MID - 16 && i < MID - 8);
        switch (kind) {
        case CMPS: dst[i] = (in_r != variant) ? (u8)(src[i] ^ 0x55) : src[i]; break;
        case SCAS: dst[i] = (in_r != variant) ? src[i] : 0x61; break;
        default: dst[i] = (u8)(0xa0 ^ i); break;
        }
    }
}

static void report(const char *name, const struct st *in, int variant, const struct st *out, int dump)
{
    put_str(name);
    put_field("df", in->fl & 0x400);
    put_field("ecx", in->ecx);
    put_field("flin", in->fl & 0xfff);
    put_field("var", variant);
    put_str(" ->");
    put_field("eax", out->eax);
    put_field("ecx", out->ecx);
    put_field("esi", out->esi - in->esi);
    put_field("edi", out->edi - in->edi);
    put_field("fl", out->fl & 0xcd5);
    if (dump) {
        put_str(" mem=");
        put_bytes(dst + DUMP_FROM, DUMP_LEN);
    }
    put_char('\n');
}

static const u32 counts[] = { 0, 1, 5, 13 };
static const u32 flags_in[] = { 0x202, 0xad7 };

static void matrix(void)
{
    for (u32 o = 0; o < sizeof ops / sizeof ops[0]; o++) {
        const struct op *op = &ops[o];
        int variants = op->kind == CMPS || op->kind == SCAS ? 2 : 1;
        for (int df = 0; df < 2; df++)
            for (u32 c = 0; c < 4; c++) {
                if (op->name[0] != 'r' && c != 2) continue;
                for (u32 f = 0; f < 2; f++)
                    for (int var = 0; var < variants; var++) {
                        setup(op->kind, var);
                        struct st in, out;
                        in.eax = op->kind == SCAS ? 0x61616161 : 0xdeadbeef;
                        in.ecx = counts[c];
                        in.esi = (u32)(src + MID);
                        in.edi = (u32)(dst + MID);
                        in.fl = flags_in[f] | df_bit[df];
                        out = in;
                        op->fn(&out);
                        report(op->name, &in, var, &out, op->kind == MOVS || op->kind == STOS);
                    }
            }
    }
}

/* ---- lazy flags: setcc straight after a rep compare, whose count may be 0 ---- */

#define SETCC                                                                        \
    "\n\tseto 0(%%edx)\n\tsetb 1(%%edx)\n\tsete 2(%%edx)\n\tsetbe 3(%%edx)\n\tsets 4(%%edx)" \
    "\n\tsetp 5(%%edx)\n\tsetl 6(%%edx)\n\tsetle 7(%%edx)\n\tseta 8(%%edx)\n\tsetg 9(%%edx)" \
    "\n\tsetge 10(%%edx)\n\tsetae 11(%%edx)\n\tsetne 12(%%edx)\n\tsetns 13(%%edx)\n\tcld"

#define LAZY(fn, text)                                                               \
    static void fn(u32 c, u32 x, u8 *res)                                            \
    {                                                                                \
        u32 a = 0x61616161, si = (u32)(src + MID), di = (u32)(dst + MID);            \
        __asm__ volatile(text SETCC                                                  \
                         : "+a"(a), "+c"(c), "+S"(si), "+D"(di), "+b"(x)             \
                         : "d"(res)                                                  \
                         : "memory", "cc");                                          \
    }

LAZY(lazy_subb_cmpsb, "cmpb %%bh, %%bl\n\trepe cmpsb")
LAZY(lazy_subl_cmpsb, "cmpl $0x7fff8001, %%ebx\n\trepe cmpsb")
LAZY(lazy_subb_cmpsl, "cmpb %%bh, %%bl\n\trepne cmpsl")
LAZY(lazy_addw_scasw, "addw %%bx, %%bx\n\trepe scasw")
LAZY(lazy_stc_scasb, "testl %%ebx, %%ebx\n\tstc\n\trepne scasb")
LAZY(lazy_logic_cmpsw, "testb %%bl, %%bl\n\trepe cmpsw")
LAZY(lazy_inc_scasl, "incl %%ebx\n\trepne scasl")
LAZY(lazy_std_cmpsb, "cmpw %%bx, %%bx\n\tstd\n\trepe cmpsb")

static void lazy(void)
{
    static const struct { const char *name; void (*fn)(u32, u32, u8 *); int kind; } cases[] = {
        { "lazy_subb_cmpsb", lazy_subb_cmpsb, CMPS }, { "lazy_subl_cmpsb", lazy_subl_cmpsb, CMPS },
        { "lazy_subb_cmpsl", lazy_subb_cmpsl, CMPS }, { "lazy_addw_scasw", lazy_addw_scasw, SCAS },
        { "lazy_stc_scasb", lazy_stc_scasb, SCAS }, { "lazy_logic_cmpsw", lazy_logic_cmpsw, CMPS },
        { "lazy_inc_scasl", lazy_inc_scasl, SCAS }, { "lazy_std_cmpsb", lazy_std_cmpsb, CMPS },
    };
    static const u32 xs[] = { 0x80007fff, 0x00008080, 0x7fff0001, 0xffffffff };
    for (u32 i = 0; i < sizeof cases / sizeof cases[0]; i++)
        for (u32 c = 0; c < 4; c++)
            for (u32 x = 0; x < 4; x++)
                for (int var = 0; var < 2; var++) {
                    u8 res[14];
                    setup(cases[i].kind, var);
                    cases[i].fn(counts[c], xs[x], res);
                    put_str(cases[i].name);
                    put_field("ecx", counts[c]);
                    put_field("x", xs[x]);
                    put_field("var", var);
                    put_str(" setcc=");
                    put_bytes(res, 14);
                    put_char('\n');
                }
}

/* ---- overlapping copies inside one buffer ---- */

static void overlap(void)
{
    static const struct {
        const char *name; void (*fn)(struct st *); u32 from, to, count, df;
    } cases[] = {
        { "fwd movsb +1", rep_movsb, 40, 41, 20, 0 },
        { "fwd movsb +3", rep_movsb, 40, 43, 30, 0 },
        { "fwd movsw +1", rep_movsw, 40, 41, 20, 0 },
        { "fwd movsl +2", rep_movsl, 40, 42, 12, 0 },
        { "fwd movsl -1", rep_movsl, 41, 40, 12, 0 },
        { "bwd movsb +1", rep_movsb, 100, 101, 20, 1 },
        { "bwd movsb -1", rep_movsb, 100, 99, 20, 1 },
        { "bwd movsw +3", rep_movsw, 100, 103, 20, 1 },
        { "bwd movsl +1", rep_movsl, 100, 101, 12, 1 },
        { "bwd movsl -2", rep_movsl, 100, 98, 12, 1 },
    };
    for (u32 i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        setup(MOVS, 0);
        struct st s;
        s.eax = 0; s.ecx = cases[i].count;
        s.esi = (u32)(src + cases[i].from);
        s.edi = (u32)(src + cases[i].to);
        s.fl = 0x202 | df_bit[cases[i].df];
        cases[i].fn(&s);
        put_str(cases[i].name);
        put_field("ecx", s.ecx);
        put_field("esi", s.esi - (u32)src);
        put_field("edi", s.edi - (u32)src);
        put_str(" mem=");
        put_bytes(src + 20, 120);
        put_char('\n');
    }
}

/* ---- segment overrides and the 16-bit address size ---- */

#define LOW 0x4000u
#define LOW_LEN 0x11000u

DEF(fs_rep_movsb, "rep movsb %%fs:(%%esi), %%es:(%%edi)")
DEF(gs_rep_movsl, "rep movsl %%gs:(%%esi), %%es:(%%edi)")
DEF(fs_lodsl, "lodsl %%fs:(%%esi), %%eax")
DEF(gs_lodsw, "lodsw %%gs:(%%esi), %%ax")
DEF(fs_repe_cmpsb, "repe cmpsb %%es:(%%edi), %%fs:(%%esi)")
DEF(ss_movsw, "movsw %%ss:(%%esi), %%es:(%%edi)")
DEF(es_lodsb, "lodsb %%es:(%%esi), %%al")
DEF(ds_rep_movsb, "rep movsb %%ds:(%%esi), %%es:(%%edi)")
/* 0x67: SI, DI and CX instead of ESI, EDI and ECX. */
DEF(a16_rep_movsb, ".byte 0x67, 0xf3, 0xa4")
DEF(a16_rep_movsw, ".byte 0x67, 0xf3, 0x66, 0xa5")
DEF(a16_rep_stosl, ".byte 0x67, 0xf3, 0xab")
DEF(a16_lodsb, ".byte 0x67, 0xac")
DEF(a16_repe_cmpsb, ".byte 0x67, 0xf3, 0xa6")
DEF(a16_repne_scasw, ".byte 0x67, 0xf2, 0x66, 0xaf")
DEF(a16_fs_rep_lodsb, ".byte 0x67, 0x64, 0xf3, 0xac")
DEF(a16_fs_rep_movsl, ".byte 0x67, 0x64, 0xf3, 0xa5")

static u32 load_tls_selector(u32 base)
{
    /* struct user_desc: entry -1 (any free), base, limit 0xfffff pages, 32-bit, usable. */
    u32 desc[4] = { 0xffffffffu, base, 0xfffff, 0x51 };
    long r = sys6(243, (long)desc, 0, 0, 0, 0, 0);
    if (r != 0) return 0;
    u32 sel;
    __asm__("leal 3(,%1,8), %0" : "=r"(sel) : "r"(desc[0]));
    return sel;
}

static void segments(void)
{
    long m = sys6(192, LOW, LOW_LEN, 3, 0x32, -1, 0);
    if ((u32)m != LOW) { put_str("mmap at 0x4000 failed\n"); return; }
    u8 *low = (u8 *)LOW;
    u8 v = 3;
    for (u32 i = 0; i < LOW_LEN; i++) { low[i] = v; v += pattern_step - 8; }
    u32 sel = load_tls_selector(LOW);
    if (!sel) { put_str("set_thread_area failed\n"); return; }
    __asm__ volatile("movw %w0, %%fs\n\tmovw %w0, %%gs" : : "r"(sel));

    /* ESI_PLAIN: esi becomes src+MID (a segment with base 0); EDI_DST: edi is an offset into dst;
     * EQUAL5: dst starts with the 5 bytes at FS:0x100, so repe cmps stops at the sixth. */
    enum { ESI_PLAIN = 1, EDI_DST = 2, EQUAL5 = 4 };
    static const struct {
        const char *name; void (*fn)(struct st *); u32 eax, ecx, esi, edi, df, how;
    } cases[] = {
        /* esi is an offset into the FS/GS segment (base 0x4000) */
        { "fs rep movsb", fs_rep_movsb, 0, 9, 0x100, MID, 0, EDI_DST },
        { "fs rep movsb std", fs_rep_movsb, 0, 9, 0x100, MID, 1, EDI_DST },
        { "gs rep movsl", gs_rep_movsl, 0, 7, 0x203, MID, 0, EDI_DST },
        { "fs lodsl", fs_lodsl, 0x11111111, 0, 0x305, 0, 0, EDI_DST },
        { "gs lodsw std", gs_lodsw, 0x22222222, 0, 0x407, 0, 1, EDI_DST },
        { "fs repe cmpsb", fs_repe_cmpsb, 0, 12, 0x100, MID, 0, EDI_DST | EQUAL5 },
        /* segments with base 0 */
        { "ss movsw", ss_movsw, 0, 0, 0, MID, 0, ESI_PLAIN | EDI_DST },
        { "es lodsb", es_lodsb, 0x33333333, 0, 0, 0, 0, ESI_PLAIN | EDI_DST },
        { "ds rep movsb std", ds_rep_movsb, 0, 5, 0, MID, 1, ESI_PLAIN | EDI_DST },
        /* 16-bit addresses (absolute, in the mapping at 0x4000): the high halves of ESI, EDI
         * and ECX are ignored and kept. */
        { "a16 rep movsb", a16_rep_movsb, 0, 0xffff0007, 0xabcd4100, 0x12345200, 0, 0 },
        { "a16 rep movsb cx=0", a16_rep_movsb, 0, 0x00050000, 0xabcd4100, 0x12345200, 0, 0 },
        { "a16 rep movsw std", a16_rep_movsw, 0, 0x00010006, 0x00014100, 0x77775200, 1, 0 },
        { "a16 rep stosl", a16_rep_stosl, 0xcafef00d, 0x80000005, 0, 0xffff6002, 0, 0 },
        { "a16 lodsb", a16_lodsb, 0x44444444, 0x12345678, 0x99994123, 0, 0, 0 },
        { "a16 repe cmpsb", a16_repe_cmpsb, 0, 0x12340010, 0x00004100, 0x00004100, 0, 0 },
        { "a16 repne scasw", a16_repne_scasw, 0x00000000, 0xaaaa0100, 0, 0x55554800, 0, 0 },
        /* SI wraps between 0xffff and 0 within the FS segment. */
        { "a16 fs rep lodsb wrap", a16_fs_rep_lodsb, 0x55555555, 0x00000004, 0x7777fffe, 0, 0, 0 },
        { "a16 fs rep lodsb wrap std", a16_fs_rep_lodsb, 0x55555555, 0x00000004, 0x77770001, 0, 1, 0 },
        { "a16 fs rep movsl wrap", a16_fs_rep_movsl, 0, 0x00000003, 0x0000fff8, 0x00005000, 0, 0 },
    };
    for (u32 i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        setup(MOVS, 0);
        struct st in, s;
        u32 how = cases[i].how;
        in.eax = cases[i].eax; in.ecx = cases[i].ecx; in.esi = cases[i].esi; in.edi = cases[i].edi;
        in.fl = 0x202 | df_bit[cases[i].df];
        if (how & ESI_PLAIN) in.esi = (u32)(src + MID);
        if (how & EDI_DST) in.edi += (u32)dst;
        if (how & EQUAL5)
            for (u32 k = 0; k < 5; k++) dst[MID + k] = low[0x100 + k];
        s = in;
        cases[i].fn(&s);
        put_str(cases[i].name);
        put_str(" ->");
        put_field("eax", s.eax);
        put_field("ecx", s.ecx);
        put_field("esi", how & ESI_PLAIN ? s.esi - (u32)src : s.esi);
        put_field("edi", how & EDI_DST ? s.edi - (u32)dst : s.edi);
        put_field("fl", s.fl & 0xcd5);
        put_str(" dst=");
        put_bytes(dst + MID - 40, 80);
        put_str(" low=");
        put_bytes(low + 0x11f0, 32);
        put_bytes(low + 0x2000, 24);
        put_bytes(low + 0x1000, 16);
        put_char('\n');
    }
}

/* ---- long loops: 256 KiB ---- */

DEF(big_rep_stosl, "rep stosl")
DEF(big_rep_movsb, "rep movsb")
DEF(big_repe_cmpsl, "repe cmpsl")
DEF(big_repne_scasb, "repne scasb")

static void big(void)
{
    const u32 size = 1u << 18;
    long m = sys6(192, 0, 2 * size, 3, 0x22, -1, 0);
    if ((u32)m >= 0xfffff000u) { put_str("mmap failed\n"); return; }
    u8 *p = (u8 *)m;
    struct st s;
    s.eax = 0x01020304; s.ecx = size / 4; s.esi = 0; s.edi = (u32)p; s.fl = 0x202;
    big_rep_stosl(&s);
    put_field("stos ecx", s.ecx); put_field("edi", s.edi - (u32)p);
    s.ecx = size; s.esi = (u32)p; s.edi = (u32)p + size; s.fl = 0x202;
    big_rep_movsb(&s);
    put_field("movs ecx", s.ecx); put_field("esi", s.esi - (u32)p); put_field("edi", s.edi - (u32)p);
    p[size + 0x12345] = 9;
    s.ecx = size / 4; s.esi = (u32)p; s.edi = (u32)p + size; s.fl = 0x202;
    big_repe_cmpsl(&s);
    put_field("cmps ecx", s.ecx); put_field("esi", s.esi - (u32)p); put_field("fl", s.fl & 0xcd5);
    s.eax = 9; s.ecx = 0xffffffffu; s.edi = (u32)p; s.fl = 0x202;
    big_repne_scasb(&s);
    put_field("scas ecx", s.ecx); put_field("edi", s.edi - (u32)p); put_field("fl", s.fl & 0xcd5);
    put_str(" tail=");
    put_bytes(p + size - 8, 16);
    put_bytes(p + 2 * size - 8, 8);
    put_char('\n');
}

int main(int argc, char **argv)
{
    (void)argc; (void)argv;
    matrix();
    lazy();
    overlap();
    segments();
    big();
    flush();
    return 0;
}
