/* blackscholes: prices N generated European call/put options with the
 * Black-Scholes formula (log, sqrt, exp, erfc), checks put-call parity,
 * recovers implied volatilities by bisection for some (the
 * recovered volatility must reprice the option), and tabulates a few
 * special functions (pow, atan2, sin, cos, tanh, cbrt) over a grid.
 * libm heavy. Results are printed to 10 significant digits: libm may pick
 * different (equally correct) code paths on different CPUs, which can move
 * the last bit of a sum, not the tenth digit.
 * usage: blackscholes N [REPEAT]      Written for hdbt bench. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <math.h>

static uint32_t seed = 2463534242u;
static double uni(void)
{
    seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5;
    return (seed >> 8) / 16777216.0;
}

static double cnd(double x) { return 0.5 * erfc(-x / sqrt(2.0)); }

static void price(double s, double k, double r, double v, double t, double *call, double *put)
{
    double sq = v * sqrt(t);
    double d1 = (log(s / k) + (r + 0.5 * v * v) * t) / sq, d2 = d1 - sq;
    double disc = exp(-r * t);
    *call = s * cnd(d1) - k * disc * cnd(d2);
    *put = k * disc * cnd(-d2) - s * cnd(-d1);
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 1000;
    int rep = argc > 2 ? atoi(argv[2]) : 1;
    double csum = 0, psum = 0, ivsum = 0, parity = 0, fsum = 0;
    for (int rr = 0; rr < rep; rr++) {
        seed = 2463534242u + rr;
        csum = psum = ivsum = parity = 0;
        for (int i = 0; i < n; i++) {
            double s = 50 + 100 * uni(), k = 50 + 100 * uni(), r = 0.01 + 0.09 * uni();
            double v = 0.05 + 0.6 * uni(), t = 0.1 + 2.9 * uni(), c, p;
            price(s, k, r, v, t, &c, &p);
            csum += c; psum += p;
            double e = fabs(c - p - (s - k * exp(-r * t)));
            if (e > parity) parity = e;
            if (i % 16 == 0) {          /* implied volatility of the call, bisection */
                double lo = 0.001, hi = 3.0;
                for (int it = 0; it < 60; it++) {
                    double mid = 0.5 * (lo + hi), cm, pm;
                    price(s, k, r, mid, t, &cm, &pm);
                    if (cm > c) hi = mid; else lo = mid;
                }
                double civ, piv;
                price(s, k, r, 0.5 * (lo + hi), t, &civ, &piv);
                /* the volatility itself is ill-conditioned far from the money; the price is not */
                if (fabs(civ - c) > ivsum) ivsum = fabs(civ - c);
            }
        }
        fsum = 0;
        for (int i = 1; i <= n / 4; i++) {
            double x = i * 0.37 - 20.0, y = i * 0.011 + 0.1;
            fsum += atan2(x, y) + pow(y, 1.7) + sin(x) * cos(y) + tanh(x * 0.1) + cbrt(x) + exp(-fabs(x)) * log1p(y);
        }
    }
    if (parity > 1e-9 * 150) { printf("FAILED: put-call parity off by %g\n", parity); return 1; }
    if (ivsum > 1e-9 * 150) { printf("FAILED: implied volatility error %g\n", ivsum); return 1; }
    printf("n=%d calls=%.10g puts=%.10g\n", n, csum, psum);
    printf("special functions=%.10g parity ok, implied vol ok\n", fsum);
    return 0;
}
