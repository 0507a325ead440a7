/* setjmp: setjmp/longjmp, including nested jump buffers, jumping out of
 * deep recursion, values 0 (must become 1) and negative, volatile locals
 * preserved, and sigsetjmp/siglongjmp without signal masks. */
#include <stdio.h>
#include <setjmp.h>

static jmp_buf outer, inner;
static int depth_reached;

static void recurse(int d, int target)
{
    volatile char pad[100];     /* real stack frames, no tail call */
    pad[0] = (char)d;
    depth_reached = pad[0];
    if (d >= target) longjmp(outer, d * 10);
    if (d > 100000) return;     /* never: keeps -Winfinite-recursion quiet */
    recurse(d + 1, target);
    pad[1] = 0;     /* not reached */
}

static int nested(int x)
{
    int r = setjmp(inner);
    if (r == 0) {
        if (x > 2) longjmp(inner, x * 2);
        return -1;
    }
    if (r > 10) longjmp(outer, r + 1000);   /* escape to outer */
    return r;
}

int main(void)
{
    volatile int counter = 0;
    int r = setjmp(outer);
    counter++;
    if (r == 0) {
        printf("setjmp returned 0 first time\n");
        recurse(0, 50);
    }
    printf("came back from recursion: r=%d depth=%d counter=%d\n", r, depth_reached, counter);

    r = setjmp(outer);
    if (r == 0) longjmp(outer, 0);
    printf("longjmp(0) delivers %d\n", r);

    r = setjmp(outer);
    if (r == 0) longjmp(outer, -7);
    printf("longjmp(-7) delivers %d\n", r);

    printf("nested(1)=%d nested(3)=%d nested(5)=%d\n", nested(1), nested(3), nested(5));
    r = setjmp(outer);
    if (r == 0) {
        nested(9);
        printf("not reached\n");
    } else {
        printf("nested(9) escaped to outer with %d\n", r);
    }

    volatile int loops = 0;
    jmp_buf loop;
    if (setjmp(loop) < 5) {
        loops++;
        if (loops < 5) longjmp(loop, loops);
    }
    printf("loop via longjmp ran %d times\n", loops);

    sigjmp_buf sj;
    r = sigsetjmp(sj, 0);
    if (r == 0) siglongjmp(sj, 77);
    printf("siglongjmp delivered %d\n", r);
    return 0;
}
