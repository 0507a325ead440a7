/* mandelbrot: the Mandelbrot set on an N x N grid over [-2,0.5]x[-1.25,1.25],
 * up to 50 iterations per point (escape radius 2) as in the benchmarks
 * game, plus a smooth escape-time sum. Prints the number of points in the
 * set, a CRC-like hash of the packed bitmap and the iteration-count sum.
 * usage: mandelbrot N [REPEAT]       Written for hdbt bench. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 200;
    int rep = argc > 2 ? atoi(argv[2]) : 1;
    uint32_t hash = 0, inside = 0;
    uint64_t iters = 0;
    double esc = 0;
    for (int r = 0; r < rep; r++) {
        hash = 2166136261u; inside = 0; iters = 0; esc = 0;
        for (int y = 0; y < n; y++) {
            double ci = 2.5 * y / n - 1.25;
            unsigned byte = 0; int bitn = 0;
            for (int x = 0; x < n; x++) {
                double cr = 2.5 * x / n - 2.0;
                double zr = 0, zi = 0, tr = 0, ti = 0;
                int i = 0;
                while (i < 50 && tr + ti <= 4.0) {
                    zi = 2.0 * zr * zi + ci;
                    zr = tr - ti + cr;
                    tr = zr * zr;
                    ti = zi * zi;
                    i++;
                }
                iters += i;
                int in = tr + ti <= 4.0;
                if (in) inside++; else esc += (tr + ti) / (double)i;
                byte = (byte << 1) | in;
                if (++bitn == 8 || x == n - 1) {
                    hash = (hash ^ byte) * 16777619u;
                    byte = 0; bitn = 0;
                }
            }
        }
    }
    printf("n=%d inside=%u iterations=%llu\n", n, inside, (unsigned long long)iters);
    printf("bitmap hash=%08x escape sum=%.9e\n", hash, esc);
    return 0;
}
