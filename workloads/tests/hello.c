/* hello: the smallest meaningful test. Expected stdout "hello, world\n", status 0. */
#include <stdio.h>

int main(void)
{
    printf("hello, world\n");
    return 0;
}
