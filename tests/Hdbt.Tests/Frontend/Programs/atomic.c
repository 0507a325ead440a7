/* xchg, cmpxchg, cmpxchg8b and xadd in every size, register and memory forms, with and
 * without lock, on operand vectors that make the compares succeed and fail and the adds carry
 * and overflow; flags in all clear and all set. Prints registers, memory and EFLAGS (and a few
 * setcc results read straight after the instruction); atomic.expected is the real CPU's output.
 * With an argument it instead runs one instruction against a read-only page, which must fault
 * (SIGSEGV) even when the comparison fails: "ro-cmpxchg", "ro-cmpxchg8b", "ro-xadd". */
#include "mini.h"

struct st { u32 eax, ebx, ecx, edx, fl; u32 mem[4]; };

/* EDI points at mem: mem[0..1] are the memory operand, mem[2..3] receive setcc bytes. */
#define DEF(fn, text)                                                                 \
    static void fn(struct st *s)                                                      \
    {                                                                                 \
        u32 a = s->eax, b = s->ebx, c = s->ecx, d = s->edx, f = s->fl;               \
        __asm__ volatile("pushl %[f]\n\tpopfl\n\t" text "\n\tpushfl\n\tpopl %[f]"      \
                         : "+a"(a), "+b"(b), "+c"(c), "+d"(d), [f] "+S"(f)            \
                         : "D"(s->mem)                                                \
                         : "memory", "cc");                                           \
        s->eax = a; s->ebx = b; s->ecx = c; s->edx = d; s->fl = f;                    \
    }

#define SETCC_AFTER "\n\tsetl 8(%%edi)\n\tsetb 9(%%edi)\n\tsete 10(%%edi)\n\tsetg 11(%%edi)" \
    "\n\tseto 12(%%edi)\n\tsets 13(%%edi)\n\tsetp 14(%%edi)\n\tsetbe 15(%%edi)"

#define OPS(X)                                                           \
    X(xchg_al_ah, "xchgb %%al, %%ah")                                    \
    X(xchg_bl_cl, "xchgb %%bl, %%cl")                                    \
    X(xchg_dh_bl, "xchgb %%dh, %%bl")                                    \
    X(xchg_ah_ah, ".byte 0x86, 0xe4")                                    \
    X(xchg_ax_dx, "xchgw %%ax, %%dx")                                    \
    X(xchg_bx_cx, "xchgw %%bx, %%cx")                                    \
    X(xchg_bx_bx, ".byte 0x66, 0x87, 0xdb")                              \
    X(xchg_eax_edx, "xchgl %%eax, %%edx")                                \
    X(xchg_ebx_ecx, "xchgl %%ebx, %%ecx")                                \
    X(xchg_eax_eax_long, ".byte 0x87, 0xc0")                             \
    X(xchg_nop, ".byte 0x90")                                            \
    X(xchg_cl_m, "xchgb %%cl, (%%edi)")                                  \
    X(xchg_m_dx, "xchgw (%%edi), %%dx")                                  \
    X(xchg_eax_m, "xchgl %%eax, (%%edi)")                                \
    X(lock_xchg_ebx_m4, "lock xchgl %%ebx, 4(%%edi)")                   \
    X(cmpxchg_bl_cl, "cmpxchgb %%bl, %%cl")                              \
    X(cmpxchg_ah_al, "cmpxchgb %%ah, %%al")                              \
    X(cmpxchg_al_bl, "cmpxchgb %%al, %%bl")                              \
    X(cmpxchg_bh_m, "cmpxchgb %%bh, (%%edi)")                            \
    X(lock_cmpxchg_dl_m1, "lock cmpxchgb %%dl, 1(%%edi)")               \
    X(cmpxchg_bx_cx, "cmpxchgw %%bx, %%cx")                              \
    X(cmpxchg_dx_m, "cmpxchgw %%dx, (%%edi)")                            \
    X(cmpxchg_bx_ax, "cmpxchgw %%bx, %%ax")                              \
    X(cmpxchg_ebx_ecx, "cmpxchgl %%ebx, %%ecx")                          \
    X(cmpxchg_edx_eax, "cmpxchgl %%edx, %%eax")                          \
    X(cmpxchg_eax_ecx, "cmpxchgl %%eax, %%ecx")                          \
    X(cmpxchg_eax_eax, "cmpxchgl %%eax, %%eax")                          \
    X(lock_cmpxchg_ebx_m, "lock cmpxchgl %%ebx, (%%edi)")               \
    X(cmpxchg_ecx_m4, "cmpxchgl %%ecx, 4(%%edi)")                        \
    X(cmpxchg_ebx_ecx_setcc, "cmpxchgl %%ebx, %%ecx" SETCC_AFTER)        \
    X(cmpxchg_dl_m_setcc, "cmpxchgb %%dl, (%%edi)" SETCC_AFTER)          \
    X(cmpxchg8b_m, "cmpxchg8b (%%edi)")                                  \
    X(lock_cmpxchg8b_m, "lock cmpxchg8b (%%edi)")                        \
    X(cmpxchg8b_m_setcc, "cmpxchg8b (%%edi)" SETCC_AFTER)                \
    X(xadd_bl_cl, "xaddb %%bl, %%cl")                                    \
    X(xadd_al_al, "xaddb %%al, %%al")                                    \
    X(xadd_ah_al, "xaddb %%ah, %%al")                                    \
    X(xadd_dl_m, "xaddb %%dl, (%%edi)")                                  \
    X(xadd_bx_cx, "xaddw %%bx, %%cx")                                    \
    X(xadd_ax_m2, "xaddw %%ax, 2(%%edi)")                                \
    X(xadd_ebx_ecx, "xaddl %%ebx, %%ecx")                                \
    X(xadd_eax_eax, "xaddl %%eax, %%eax")                                \
    X(lock_xadd_edx_m, "lock xaddl %%edx, (%%edi)")                      \
    X(xadd_ecx_m4, "xaddl %%ecx, 4(%%edi)")                              \
    X(xadd_ebx_ecx_setcc, "xaddl %%ebx, %%ecx" SETCC_AFTER)

#define X_DEF(fn, text) DEF(fn, text)
OPS(X_DEF)

struct op { const char *name; void (*fn)(struct st *); };
#define X_TABLE(fn, text) { #fn, fn },
static const struct op ops[] = { OPS(X_TABLE) };

/* eax, ebx, ecx, edx, mem[0], mem[1]: chosen so that cmpxchg's accumulator equals and differs
 * from the destination in each size, cmpxchg8b's halves match in each combination, and xadd
 * carries, overflows and produces zero. */
static const u32 vectors[][6] = {
    { 0x12345678, 0x9abcdef0, 0x12345678, 0x80000000, 0x12345678, 0x7fffffff },
    { 0x7fff80ff, 0x01010101, 0x80017f00, 0xffffffff, 0x00000001, 0x80000000 },
    { 0xffffffff, 0x00000001, 0xfffffffe, 0x00000000, 0xffffffff, 0x00000000 },
    { 0x80000000, 0x80000000, 0x7fffffff, 0x00000001, 0x7fffffff, 0x00000001 },
    { 0x00000080, 0x0000ff80, 0x00008080, 0x12345678, 0x12345678, 0x00000080 },
    { 0xcafe1234, 0x0000ffff, 0xcafe1234, 0x00000000, 0xcafe1234, 0x00000000 },
    { 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000 },
};

static const u32 flags_in[] = { 0x202, 0xad7 };

static void matrix(void)
{
    for (u32 o = 0; o < sizeof ops / sizeof ops[0]; o++)
        for (u32 v = 0; v < sizeof vectors / sizeof vectors[0]; v++)
            for (u32 f = 0; f < 2; f++) {
                struct st s;
                s.eax = vectors[v][0]; s.ebx = vectors[v][1]; s.ecx = vectors[v][2]; s.edx = vectors[v][3];
                s.mem[0] = vectors[v][4]; s.mem[1] = vectors[v][5]; s.mem[2] = 0; s.mem[3] = 0;
                s.fl = flags_in[f];
                ops[o].fn(&s);
                put_str(ops[o].name);
                put_field("v", v);
                put_field("flin", flags_in[f]);
                put_str(" ->");
                put_field("eax", s.eax);
                put_field("ebx", s.ebx);
                put_field("ecx", s.ecx);
                put_field("edx", s.edx);
                put_field("m0", s.mem[0]);
                put_field("m1", s.mem[1]);
                put_str(" setcc=");
                put_bytes((const u8 *)&s.mem[2], 8);
                put_field("fl", s.fl & 0xcd5);
                put_char('\n');
            }
}

/* A failing compare still writes the destination back, so a read-only page faults. */
static int read_only(const char *what)
{
    long m = sys6(192, 0, 4096, 1 /* PROT_READ */, 0x22, -1, 0);
    if ((u32)m >= 0xfffff000u) { put_str("mmap failed\n"); return 1; }
    u32 *p = (u32 *)m;
    u32 a = 1, d = 2, b = 3, c = 4;
    if (str_eq(what, "ro-cmpxchg"))
        __asm__ volatile("lock cmpxchgl %%ebx, (%%edi)" : "+a"(a) : "b"(b), "D"(p) : "memory", "cc");
    else if (str_eq(what, "ro-cmpxchg8b"))
        __asm__ volatile("lock cmpxchg8b (%%edi)" : "+a"(a), "+d"(d) : "b"(b), "c"(c), "D"(p) : "memory", "cc");
    else if (str_eq(what, "ro-xadd"))
        __asm__ volatile("xaddl %%ebx, (%%edi)" : "+b"(b) : "D"(p) : "memory", "cc");
    else { put_str("unknown mode\n"); return 2; }
    put_str("no fault\n");
    return 0;
}

int main(int argc, char **argv)
{
    int r = 0;
    if (argc > 1) r = read_only(argv[1]);
    else matrix();
    flush();
    return r;
}
