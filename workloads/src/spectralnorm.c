/* spectralnorm: the spectral norm of the infinite matrix A with
 * a(i,j) = 1/((i+j)(i+j+1)/2 + i + 1), truncated to N x N, by 10 power
 * iterations of A^T A. Division heavy. Prints the norm (%.9f) and the bit
 * pattern of u.v.  usage: spectralnorm N       Written for hdbt bench. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <math.h>

static double a(int i, int j) { return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1); }

static void mul_av(int n, const double *v, double *av)
{
    for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) s += a(i, j) * v[j];
        av[i] = s;
    }
}

static void mul_atv(int n, const double *v, double *atv)
{
    for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) s += a(j, i) * v[j];
        atv[i] = s;
    }
}

static void mul_atav(int n, const double *v, double *out, double *tmp)
{
    mul_av(n, v, tmp);
    mul_atv(n, tmp, out);
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 100;
    double *u = malloc(n * sizeof *u), *v = malloc(n * sizeof *v), *t = malloc(n * sizeof *t);
    if (!u || !v || !t) return 1;
    for (int i = 0; i < n; i++) u[i] = 1;
    for (int i = 0; i < 10; i++) { mul_atav(n, u, v, t); mul_atav(n, v, u, t); }
    double vbv = 0, vv = 0;
    for (int i = 0; i < n; i++) { vbv += u[i] * v[i]; vv += v[i] * v[i]; }
    double r = sqrt(vbv / vv);
    uint64_t bv; memcpy(&bv, &vbv, 8);
    printf("n=%d norm=%.9f\n", n, r);
    printf("u.v bits: %016llx\n", (unsigned long long)bv);
    /* The norm of the infinite matrix is 1.2742241...; any N >= 10 is within 1e-3. */
    if (n >= 10 && fabs(r - 1.2742241) > 1e-3) { printf("FAILED: norm out of range\n"); return 1; }
    return 0;
}
