/* smcstress: self-modifying code in the ways a translator's code cache must notice.
 *  1. one address rewritten many times with code of different lengths and immediates, each
 *     version called twice (the second call finds a cached translation if nothing invalidated it);
 *  2. a loop that patches the immediate of an instruction it has already executed, in the block
 *     that is running (the back edge re-enters a modified block);
 *  3. a loop that patches the immediate of the next instruction of the running block;
 *  4. two functions on one page, only one of them rewritten: the other must keep working;
 *  5. an instruction whose immediate straddles a page boundary, rewritten on the second page;
 *  6. code written while the page is RW, run after mprotect RX, rewritten after mprotect RW, again.
 * Generated functions are cdecl and use only eax, ecx, edx. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

typedef int (*fn0)(void);
typedef int (*fn2)(int, void *);

static unsigned char *emit_u8(unsigned char *p, int v) { *p = (unsigned char)v; return p + 1; }
static unsigned char *emit_u32(unsigned char *p, unsigned v) { memcpy(p, &v, 4); return p + 4; }

/* Writes one of three functions of different lengths at p; returns its length. */
static int emit_variant(unsigned char *p, int variant, unsigned imm) {
    unsigned char *q = p;
    switch (variant) {
    case 0: /* mov eax, imm32; ret */
        q = emit_u8(q, 0xB8); q = emit_u32(q, imm); q = emit_u8(q, 0xC3);
        break;
    case 1: /* mov eax, imm32; add eax, imm8; shl eax, 1; ret */
        q = emit_u8(q, 0xB8); q = emit_u32(q, imm);
        q = emit_u8(q, 0x83); q = emit_u8(q, 0xC0); q = emit_u8(q, (int)(imm & 0x3F));
        q = emit_u8(q, 0xD1); q = emit_u8(q, 0xE0); q = emit_u8(q, 0xC3);
        break;
    default: /* xor eax, eax; nop; lea eax, [eax + imm32]; not eax; ret */
        q = emit_u8(q, 0x31); q = emit_u8(q, 0xC0); q = emit_u8(q, 0x90);
        q = emit_u8(q, 0x8D); q = emit_u8(q, 0x80); q = emit_u32(q, imm);
        q = emit_u8(q, 0xF7); q = emit_u8(q, 0xD0); q = emit_u8(q, 0xC3);
        break;
    }
    return (int)(q - p);
}

static void rewrite_same_address(unsigned char *code) {
    unsigned sums[3] = {0, 0, 0};
    int lengths[3] = {0, 0, 0};
    for (int i = 0; i < 3000; i++) {
        int v = i % 3;
        lengths[v] = emit_variant(code, v, (unsigned)i * 2654435761u);
        sums[v] += (unsigned)((fn0)code)();
        sums[v] += (unsigned)((fn0)code)() * 3u;
    }
    printf("rewrite same address: lengths %d %d %d, sums %08x %08x %08x\n",
           lengths[0], lengths[1], lengths[2], sums[0], sums[1], sums[2]);
}

/* loop: add eax, imm32 / inc dword [edx] (edx = &imm32 of that add) / dec ecx / jnz loop / ret */
static void patch_executed_insn_in_loop(unsigned char *code) {
    unsigned char *q = code;
    q = emit_u8(q, 0x8B); q = emit_u8(q, 0x4C); q = emit_u8(q, 0x24); q = emit_u8(q, 0x04); /* mov ecx, [esp+4] */
    q = emit_u8(q, 0x8B); q = emit_u8(q, 0x54); q = emit_u8(q, 0x24); q = emit_u8(q, 0x08); /* mov edx, [esp+8] */
    q = emit_u8(q, 0x31); q = emit_u8(q, 0xC0);                                             /* xor eax, eax */
    unsigned char *loop = q;
    q = emit_u8(q, 0x05); unsigned char *imm = q; q = emit_u32(q, 1000);                     /* add eax, imm32 */
    q = emit_u8(q, 0xFF); q = emit_u8(q, 0x02);                                             /* inc dword [edx] */
    q = emit_u8(q, 0x49);                                                                   /* dec ecx */
    q = emit_u8(q, 0x75); q = emit_u8(q, (int)(loop - (q + 1)));                            /* jnz loop */
    q = emit_u8(q, 0xC3);
    for (int round = 0; round < 3; round++) {
        int n = 500 + 250 * round;
        unsigned start = 1000 + 7 * (unsigned)round;
        memcpy(imm, &start, 4);
        int r = ((fn2)code)(n, imm);
        unsigned after;
        memcpy(&after, imm, 4);
        printf("patch executed insn, %d iterations: eax %d, immediate now %u\n", n, r, after);
    }
}

/* loop: mov byte [edx], cl (edx = &imm8 of the next add) / add eax, imm8 / dec ecx / jnz loop / ret */
static void patch_next_insn_in_loop(unsigned char *code) {
    unsigned char *q = code;
    q = emit_u8(q, 0x8B); q = emit_u8(q, 0x4C); q = emit_u8(q, 0x24); q = emit_u8(q, 0x04); /* mov ecx, [esp+4] */
    q = emit_u8(q, 0x8B); q = emit_u8(q, 0x54); q = emit_u8(q, 0x24); q = emit_u8(q, 0x08); /* mov edx, [esp+8] */
    q = emit_u8(q, 0x31); q = emit_u8(q, 0xC0);                                             /* xor eax, eax */
    unsigned char *loop = q;
    q = emit_u8(q, 0x88); q = emit_u8(q, 0x0A);                                             /* mov [edx], cl */
    q = emit_u8(q, 0x83); q = emit_u8(q, 0xC0); unsigned char *imm = q; q = emit_u8(q, 0x01); /* add eax, imm8 */
    q = emit_u8(q, 0x49);                                                                   /* dec ecx */
    q = emit_u8(q, 0x75); q = emit_u8(q, (int)(loop - (q + 1)));                            /* jnz loop */
    q = emit_u8(q, 0xC3);
    for (int round = 0; round < 3; round++) {
        int n = 100 + 100 * round;   /* cl goes above 0x7F: the imm8 is sign-extended */
        int r = ((fn2)code)(n, imm);
        printf("patch next insn, %d iterations: eax %d, immediate now %d\n", n, r, *imm);
    }
}

static void rewrite_neighbour(unsigned char *page) {
    unsigned char *f = page, *g = page + 512;
    emit_variant(g, 0, 0x600D);
    unsigned fsum = 0, gsum = 0;
    for (int i = 0; i < 400; i++) {
        emit_variant(f, i & 1, (unsigned)i);
        fsum += (unsigned)((fn0)f)();
        gsum += (unsigned)((fn0)g)();
    }
    printf("rewrite neighbour: f sum %u, g sum %u\n", fsum, gsum);
}

static void straddle_page(unsigned char *two_pages) {
    unsigned char *f = two_pages + 4096 - 3; /* B8 and two immediate bytes on page 0, two bytes + C3 on page 1 */
    unsigned sum = 0;
    for (unsigned i = 0; i < 300; i++) {
        unsigned imm = 0x11110000u + i * 0x00010001u;
        f[0] = 0xB8;
        memcpy(f + 1, &imm, 4);
        f[5] = 0xC3;
        sum = sum * 31 + (unsigned)((fn0)f)();
        /* now change only the bytes on the second page */
        f[3] = (unsigned char)(i * 5);
        f[4] = (unsigned char)(i * 3);
        sum = sum * 31 + (unsigned)((fn0)f)();
    }
    printf("straddling page boundary: sum %08x\n", sum);
}

static void mprotect_rounds(void) {
    unsigned char *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) { perror("mmap"); return; }
    unsigned sum = 0;
    for (int i = 0; i < 60; i++) {
        if (mprotect(code, 4096, PROT_READ | PROT_WRITE) != 0) { perror("mprotect rw"); return; }
        emit_variant(code, i % 3, (unsigned)i * 1000003u);
        if (mprotect(code, 4096, PROT_READ | PROT_EXEC) != 0) { perror("mprotect rx"); return; }
        sum = sum * 33 + (unsigned)((fn0)code)();
        sum = sum * 33 + (unsigned)((fn0)code)();
    }
    printf("mprotect RW->RX rounds: sum %08x\n", sum);
    munmap(code, 4096);
}

/* usage: smcstress [PART]  (PART 1..6 runs only that part; default all) */
int main(int argc, char **argv) {
    int only = argc > 1 ? atoi(argv[1]) : 0;
    setvbuf(stdout, NULL, _IOLBF, 0); /* a line per part even when a later part hangs */
    unsigned char *code = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) { perror("mmap"); return 1; }
    if (!only || only == 1) rewrite_same_address(code);
    if (!only || only == 2) patch_executed_insn_in_loop(code + 1024);
    if (!only || only == 3) patch_next_insn_in_loop(code + 2048);
    if (!only || only == 4) rewrite_neighbour(code + 4096 + 1024);
    if (!only || only == 5) straddle_page(code + 4096);
    if (!only || only == 6) mprotect_rounds();
    return 0;
}
