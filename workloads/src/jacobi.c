/* jacobi: Jacobi iteration for the Poisson equation -lap(u) = f on the unit
 * square, N x N interior grid, zero boundary, f = 1 plus a point source,
 * five-point stencil, two grids swapped per sweep. Prints the residual
 * norm and u at a few points after ITERS sweeps.
 * usage: jacobi N ITERS          Written for hdbt bench. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <math.h>

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 64;
    int iters = argc > 2 ? atoi(argv[2]) : 100;
    int m = n + 2;
    double h = 1.0 / (n + 1), h2 = h * h;
    double *u = calloc((size_t)m * m, 8), *v = calloc((size_t)m * m, 8), *f = calloc((size_t)m * m, 8);
    if (!u || !v || !f) return 1;
    for (int i = 1; i <= n; i++)
        for (int j = 1; j <= n; j++) f[i * m + j] = 1.0;
    f[(m / 3) * m + m / 3] += 100.0 / h2 * 1e-3;
    double diff = 0;
    for (int it = 0; it < iters; it++) {
        diff = 0;
        for (int i = 1; i <= n; i++) {
            const double *up = u + (i - 1) * m, *uc = u + i * m, *un = u + (i + 1) * m, *fc = f + i * m;
            double *vc = v + i * m;
            for (int j = 1; j <= n; j++) {
                double nv = 0.25 * (up[j] + un[j] + uc[j - 1] + uc[j + 1] + h2 * fc[j]);
                double d = nv - uc[j];
                diff += d * d;
                vc[j] = nv;
            }
        }
        double *t = u; u = v; v = t;
    }
    double res = 0;
    for (int i = 1; i <= n; i++)
        for (int j = 1; j <= n; j++) {
            int k = i * m + j;
            double r = f[k] - (4 * u[k] - u[k - 1] - u[k + 1] - u[k - m] - u[k + m]) / h2;
            res += r * r;
        }
    uint64_t bits; memcpy(&bits, &u[(m / 2) * m + m / 2], 8);
    printf("n=%d iters=%d last update=%.9e residual=%.9e\n", n, iters, sqrt(diff), sqrt(res) * h);
    printf("u(center)=%.12f u(source)=%.12f u(1,1)=%.12e\n", u[(m / 2) * m + m / 2], u[(m / 3) * m + m / 3], u[m + 1]);
    printf("center bits=%016llx\n", (unsigned long long)bits);
    return 0;
}
