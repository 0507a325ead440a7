#define _GNU_SOURCE
extern char _start[];
/* auxv: prints the initial process state the loader built: argc/argv/envp layout and the
 * auxiliary vector entries glibc reads (values that vary per run are printed as checks). */
#include <elf.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char **environ;

/* The first object dl_iterate_phdr reports is the program itself (natively a vDSO may follow). */
static int count_phdrs(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    *(int *)data = info->dlpi_phnum;
    return 1;
}

int main(int argc, char **argv) {
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
    printf("argv[argc]==NULL: %d\n", argv[argc] == NULL);
    printf("environ follows argv: %d\n", environ == argv + argc + 1);
    printf("AT_PAGESZ=%lu\n", getauxval(AT_PAGESZ));
    printf("AT_CLKTCK=%lu\n", getauxval(AT_CLKTCK));
    printf("AT_HWCAP=0x%lx\n", getauxval(AT_HWCAP));
    printf("AT_PLATFORM=%s\n", (const char *)getauxval(AT_PLATFORM));
    printf("AT_EXECFN=%s\n", (const char *)getauxval(AT_EXECFN));
    printf("AT_SECURE=%lu\n", getauxval(AT_SECURE));
    printf("AT_UID==getuid: %d\n", getauxval(AT_UID) == getuid());
    printf("AT_EGID==getegid: %d\n", getauxval(AT_EGID) == getegid());
    printf("AT_ENTRY is _start: %d\n", getauxval(AT_ENTRY) == (unsigned long)&_start);
    unsigned char *rnd = (unsigned char *)getauxval(AT_RANDOM);
    int nonzero = 0;
    for (int i = 0; i < 16; i++) nonzero |= rnd[i];
    printf("AT_RANDOM has 16 bytes: %d\n", rnd != NULL && nonzero != 0);
    Elf32_Phdr *ph = (Elf32_Phdr *)getauxval(AT_PHDR);
    unsigned long n = getauxval(AT_PHNUM);
    int loads = 0;
    for (unsigned long i = 0; i < n; i++) loads += ph[i].p_type == PT_LOAD;
    printf("AT_PHENT=%lu, PT_LOAD segments: %d\n", getauxval(AT_PHENT), loads);
    int total = 0;
    dl_iterate_phdr(count_phdrs, &total);
    printf("dl_iterate_phdr sees AT_PHNUM headers in the program: %d\n", total == (int)n);
    printf("stack aligned: %d\n", ((unsigned long)__builtin_frame_address(0) & 3) == 0);
    return 0;
}
