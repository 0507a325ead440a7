/* smc: self-modifying code. Writes "mov eax, imm32; ret" into an RWX mapping, calls it,
 * rewrites the immediate, calls again; then the same through a mapping that is
 * rewritten while read-only-executable after mprotect. */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

typedef int (*fn)(void);

static void emit(unsigned char *p, int value) {
    p[0] = 0xB8;
    memcpy(p + 1, &value, 4);
    p[5] = 0xC3;
}

int main(void) {
    unsigned char *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int total = 0;
    for (int i = 0; i < 100; i++) {
        emit(code, i * 3);
        int r = ((fn)code)();
        total += r;
    }
    printf("rewritten 100 times: total %d\n", total);

    /* a loop in generated code that patches its own next instruction's immediate */
    /* mov byte [ecx], 0x2A ; (next insn) mov eax, 0x00000001 ; ret  -- ecx points at the imm's low byte */
    unsigned char self[] = {0xC6, 0x01, 0x2A, 0xB8, 0x01, 0x00, 0x00, 0x00, 0xC3};
    memcpy(code + 64, self, sizeof self);
    int r;
    __asm__ volatile("call *%1" : "=a"(r) : "r"(code + 64), "c"(code + 64 + 4) : "memory");
    printf("self-patching code returned %d\n", r);

    mprotect(code, 4096, PROT_READ | PROT_EXEC);
    mprotect(code, 4096, PROT_READ | PROT_WRITE | PROT_EXEC);
    emit(code, 777);
    printf("after mprotect round trip: %d\n", ((fn)code)());
    return 0;
}
