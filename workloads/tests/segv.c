/* segv: writes through a wild pointer (address 0x10, never mapped). Expected:
 * the first line on stdout (flushed) and death by SIGSEGV (shell status
 * 139 = 128 + 11). */
#include <stdio.h>

int main(void)
{
    int *volatile p = (int *)0x10;
    printf("writing to %#x\n", 0x10);
    fflush(stdout);
    *p = 42;
    printf("not reached\n");
    return 0;
}
