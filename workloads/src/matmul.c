/* matmul: dense double-precision matrix multiply C = A*B, N x N, with a
 * cache-blocked i-k-j kernel (block 32), repeated; one row block of the
 * result is recomputed with the naive i-j-k loop and must agree to 1e-9
 * relative. Prints the trace, a sum of all entries and an xor-hash of the
 * entries' bit patterns.  usage: matmul N [REPEAT]   Written for hdbt bench. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <math.h>

#define BS 32

static uint32_t seed = 12345;
static double rnd(void)
{
    seed = seed * 1103515245u + 12345u;
    return (double)((seed >> 8) & 0xFFFF) / 32768.0 - 1.0;
}

static void blocked(int n, const double *a, const double *b, double *c)
{
    memset(c, 0, (size_t)n * n * sizeof *c);
    for (int ii = 0; ii < n; ii += BS)
        for (int kk = 0; kk < n; kk += BS)
            for (int jj = 0; jj < n; jj += BS) {
                int ie = ii + BS < n ? ii + BS : n, ke = kk + BS < n ? kk + BS : n, je = jj + BS < n ? jj + BS : n;
                for (int i = ii; i < ie; i++)
                    for (int k = kk; k < ke; k++) {
                        double aik = a[i * n + k];
                        const double *br = b + k * n;
                        double *cr = c + i * n;
                        for (int j = jj; j < je; j++) cr[j] += aik * br[j];
                    }
            }
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 64;
    int rep = argc > 2 ? atoi(argv[2]) : 1;
    double *a = malloc((size_t)n * n * 8), *b = malloc((size_t)n * n * 8), *c = malloc((size_t)n * n * 8);
    if (!a || !b || !c) return 1;
    for (int i = 0; i < n * n; i++) a[i] = rnd();
    for (int i = 0; i < n * n; i++) b[i] = rnd();
    double tr = 0, sum = 0;
    uint64_t h = 0;
    for (int r = 0; r < rep; r++) {
        blocked(n, a, b, c);
        /* feed the result back into A (scaled) so repeats are not redundant */
        tr = 0; sum = 0; h = 0;
        for (int i = 0; i < n; i++) tr += c[i * n + i];
        for (int i = 0; i < n * n; i++) {
            uint64_t u; memcpy(&u, &c[i], 8);
            sum += c[i];
            h = (h ^ u ^ (u >> 29)) * 0x100000001b3ull; h ^= h >> 31;
        }
        if (r + 1 < rep)
            for (int i = 0; i < n * n; i++) a[i] = c[i] / (double)n;
    }
    for (int i = 0; i < (n < 8 ? n : 8); i++)
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int k = 0; k < n; k++) s += a[i * n + k] * b[k * n + j];
            if (fabs(s - c[i * n + j]) > 1e-9 * (1 + fabs(s))) {
                printf("MISMATCH at (%d,%d): %.17g vs %.17g\n", i, j, s, c[i * n + j]);
                return 1;
            }
        }
    printf("n=%d trace=%.9e sum=%.9e\n", n, tr, sum);
    printf("bits hash=%016llx\n", (unsigned long long)h);
    return 0;
}
