/* abort: prints a line, flushes stdout explicitly (glibc's abort() does not
 * flush stdio), then calls abort(). Expected: that line on stdout and death
 * by SIGABRT (shell status 134 = 128 + 6). */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    printf("about to abort\n");
    fflush(stdout);
    abort();
}
