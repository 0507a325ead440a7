/* faults: one of several guest crashes chosen by argv[1], each reported like Linux does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

int main(int argc, char **argv) {
    const char *what = argc > 1 ? argv[1] : "";
    fflush(stdout);
    if (!strcmp(what, "null-call")) { void (*f)(void) = 0; f(); }
    if (!strcmp(what, "write-ro")) { volatile char *p = (char *)main; *p = 0; }
    if (!strcmp(what, "exec-nx")) {
        unsigned char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        p[0] = 0xC3;
        ((void (*)(void))p)();
    }
    if (!strcmp(what, "hlt")) __asm__ volatile("hlt");
    if (!strcmp(what, "int3")) __asm__ volatile("int3");
    if (!strcmp(what, "stack-overflow")) { volatile char big[1 << 16]; big[0] = 1; return main(argc, argv) + big[0]; }
    puts("no fault");
    return 0;
}
