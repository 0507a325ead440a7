/* fannkuch: pancake-flipping permutation benchmark. Enumerates all n!
 * permutations of 0..n-1 (Heap-like counting-array order), counts the
 * number of prefix reversals until the first element is 0, and reports
 * the maximum flip count and an alternating-sign checksum.
 * usage: fannkuch N [REPEAT]   (3 <= N <= 12)  Written for hdbt bench. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static void fannkuch(int n, int32_t *checksum, int *maxflips, uint32_t *nperm)
{
    int perm[16], perm1[16], count[16];
    int maxf = 0, sign = 1;
    int32_t chk = 0;
    uint32_t np = 0;
    for (int i = 0; i < n; i++) perm1[i] = i;
    int r = n;
    for (;;) {
        while (r != 1) { count[r - 1] = r; r--; }
        memcpy(perm, perm1, sizeof(int) * n);
        int flips = 0, k;
        while ((k = perm[0]) != 0) {
            for (int i = 0, j = k; i < j; i++, j--) { int t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
            flips++;
        }
        if (flips > maxf) maxf = flips;
        chk += sign > 0 ? flips : -flips;
        sign = -sign;
        np++;
        /* next permutation: rotate prefixes */
        for (;;) {
            if (r == n) { *checksum = chk; *maxflips = maxf; *nperm = np; return; }
            int p0 = perm1[0];
            for (int i = 0; i < r; i++) perm1[i] = perm1[i + 1];
            perm1[r] = p0;
            if (--count[r] > 0) break;
            r++;
        }
    }
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 7;
    int repeat = argc > 2 ? atoi(argv[2]) : 1;
    if (n < 3) n = 3;
    if (n > 12) n = 12;
    if (repeat < 1) repeat = 1;
    int32_t chk = 0; int maxf = 0; uint32_t np = 0;
    uint32_t acc = 0;
    for (int r = 0; r < repeat; r++) {
        fannkuch(n, &chk, &maxf, &np);
        acc = acc * 33 + (uint32_t)chk + (uint32_t)maxf;
    }
    printf("%d\nPfannkuchen(%d) = %d\n", chk, n, maxf);
    printf("permutations %u, repeat %d, acc %08x\n", np, repeat, acc);
    return 0;
}
