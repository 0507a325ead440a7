/* divzero: integer division by zero through volatile operands (an x86 #DE
 * fault, delivered by Linux as SIGFPE). Expected: the first line on stdout
 * (flushed) and death by SIGFPE (shell status 136 = 128 + 8). */
#include <stdio.h>

int main(void)
{
    volatile int a = 1234, b = 0;
    printf("dividing %d by %d\n", a, b);
    fflush(stdout);
    int c = a / b;
    printf("not reached: %d\n", c);
    return 0;
}
