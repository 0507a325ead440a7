/* fft: iterative radix-2 decimation-in-time complex FFT (bit-reversal
 * permutation, twiddle table from sin/cos) on a generated signal of 2^K
 * points, forward and inverse, repeated. The round trip must reproduce the
 * input to 1e-9; a direct DFT checks a few bins. Prints checksums of the
 * spectrum.  usage: fft K [REPEAT]       Written for hdbt bench. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <math.h>

typedef struct { double re, im; } cplx;

static void fft(cplx *x, const cplx *w, int n, int inverse)
{
    for (int i = 1, j = 0; i < n; i++) {
        int bit = n >> 1;
        for (; j & bit; bit >>= 1) j ^= bit;
        j ^= bit;
        if (i < j) { cplx t = x[i]; x[i] = x[j]; x[j] = t; }
    }
    for (int len = 2; len <= n; len <<= 1) {
        int step = n / len, half = len / 2;
        for (int s = 0; s < n; s += len)
            for (int k = 0; k < half; k++) {
                cplx tw = w[k * step];
                if (inverse) tw.im = -tw.im;
                cplx a = x[s + k], b = x[s + k + half];
                double br = b.re * tw.re - b.im * tw.im, bi = b.re * tw.im + b.im * tw.re;
                x[s + k].re = a.re + br; x[s + k].im = a.im + bi;
                x[s + k + half].re = a.re - br; x[s + k + half].im = a.im - bi;
            }
    }
    if (inverse)
        for (int i = 0; i < n; i++) { x[i].re /= n; x[i].im /= n; }
}

int main(int argc, char **argv)
{
    int k = argc > 1 ? atoi(argv[1]) : 10;
    int rep = argc > 2 ? atoi(argv[2]) : 1;
    if (k < 2 || k > 24) { printf("bad K\n"); return 2; }
    int n = 1 << k;
    const double pi = 3.14159265358979323846;
    cplx *x = malloc(n * sizeof *x), *in = malloc(n * sizeof *in), *w = malloc(n / 2 * sizeof *w);
    if (!x || !in || !w) return 1;
    for (int i = 0; i < n / 2; i++) { w[i].re = cos(-2 * pi * i / n); w[i].im = sin(-2 * pi * i / n); }
    uint32_t s = 1;
    for (int i = 0; i < n; i++) {
        s ^= s << 13; s ^= s >> 17; s ^= s << 5;
        in[i].re = sin(2 * pi * 5 * i / n) + 0.5 * cos(2 * pi * 37 * i / n) + (double)(s & 0xFFF) / 4096.0 - 0.5;
        in[i].im = 0.25 * ((double)((s >> 12) & 0xFFF) / 4096.0 - 0.5);
    }
    double energy = 0, peak = 0, maxerr = 0;
    int peakbin = 0;
    uint64_t h = 0;
    for (int r = 0; r < rep; r++) {
        memcpy(x, in, n * sizeof *x);
        fft(x, w, n, 0);
        energy = 0; peak = 0; h = 0;
        for (int i = 0; i < n; i++) {
            double m2 = x[i].re * x[i].re + x[i].im * x[i].im;
            energy += m2;
            if (m2 > peak) { peak = m2; peakbin = i; }
            uint64_t u; memcpy(&u, &x[i].re, 8);
            h = (h ^ u ^ (u >> 29)) * 0x100000001b3ull; h ^= h >> 31;
        }
        for (int t = 0; t < 3; t++) {   /* direct DFT of bins 0, 5, 37 */
            int bin = t == 0 ? 0 : t == 1 ? 5 : 37;
            if (bin >= n) continue;
            double re = 0, im = 0;
            for (int i = 0; i < n; i++) {
                cplx tw = w[(int)(((int64_t)i * bin) % n) % (n / 2)];
                if ((((int64_t)i * bin) % n) >= n / 2) { tw.re = -tw.re; tw.im = -tw.im; }
                re += in[i].re * tw.re - in[i].im * tw.im;
                im += in[i].re * tw.im + in[i].im * tw.re;
            }
            if (fabs(re - x[bin].re) > 1e-6 * n || fabs(im - x[bin].im) > 1e-6 * n) {
                printf("MISMATCH: DFT bin %d\n", bin);
                return 1;
            }
        }
        fft(x, w, n, 1);
        maxerr = 0;
        for (int i = 0; i < n; i++) {
            double e = fabs(x[i].re - in[i].re) + fabs(x[i].im - in[i].im);
            if (e > maxerr) maxerr = e;
        }
        if (maxerr > 1e-9) { printf("MISMATCH: round trip error %g\n", maxerr); return 1; }
        in[r % n].re += 1e-3;   /* perturb so repeats differ */
    }
    printf("n=%d energy=%.9e peak bin=%d |X|^2=%.9e\n", n, energy, peakbin, peak);
    printf("spectrum hash=%016llx round trip ok\n", (unsigned long long)h);
    return 0;
}
