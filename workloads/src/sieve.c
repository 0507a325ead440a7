/* sieve: Sieve of Eratosthenes (byte array) plus a segmented bit sieve.
 * usage: sieve LIMIT [REPEAT]
 *   Counts primes <= LIMIT, their sum (mod 2^64) and the largest one, REPEAT
 *   times; the segmented bit-sieve result must agree. Written for hdbt bench. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static unsigned byte_sieve(unsigned limit, unsigned char *comp,
                           unsigned long long *sum, unsigned *largest)
{
    memset(comp, 0, limit + 1);
    unsigned count = 0;
    unsigned long long s = 0;
    unsigned last = 0;
    for (unsigned i = 2; i <= limit; i++) {
        if (comp[i]) continue;
        count++; s += i; last = i;
        if ((unsigned long long)i * i <= limit)
            for (unsigned j = i * i; j <= limit; j += i) comp[j] = 1;
    }
    *sum = s; *largest = last;
    return count;
}

/* odd-only bit sieve in segments of SEG numbers */
#define SEG 32768u
static unsigned seg_sieve(unsigned limit, unsigned long long *sum)
{
    if (limit < 2) { *sum = 0; return 0; }
    unsigned root = 1;
    while ((root + 1) * (root + 1) <= limit) root++;
    /* small primes up to root by trial division (cheap) */
    unsigned *small = malloc(sizeof(unsigned) * (root + 1));
    unsigned ns = 0;
    for (unsigned i = 3; i <= root; i += 2) {
        int p = 1;
        for (unsigned k = 0; k < ns && small[k] * small[k] <= i; k++)
            if (i % small[k] == 0) { p = 0; break; }
        if (p) small[ns++] = i;
    }
    uint32_t bits[SEG / 64];
    unsigned count = 1;
    unsigned long long s = 2;
    for (unsigned long long lo = 0; lo <= limit; lo += SEG) {
        memset(bits, 0, sizeof bits);
        unsigned long long hi = lo + SEG - 1;
        if (hi > limit) hi = limit;
        for (unsigned k = 0; k < ns; k++) {
            unsigned long long p = small[k];
            unsigned long long st = p * p;
            if (st > hi) break;
            if (st < lo) { st = (lo + p - 1) / p * p; if (!(st & 1)) st += p; }
            for (unsigned long long j = st; j <= hi; j += 2 * p) {
                unsigned idx = (unsigned)(j - lo) >> 1;
                bits[idx >> 5] |= 1u << (idx & 31);
            }
        }
        for (unsigned long long j = lo + 1; j <= hi; j += 2) {
            unsigned idx = (unsigned)(j - lo) >> 1;
            if (j >= 3 && !(bits[idx >> 5] & (1u << (idx & 31)))) { count++; s += j; }
        }
    }
    free(small);
    *sum = s;
    return count;
}

static unsigned round_limit(unsigned limit, unsigned r)
{
    return limit >= 100000 ? limit - (r % 7) * 1000 : limit;
}

int main(int argc, char **argv)
{
    unsigned limit = argc > 1 ? (unsigned)strtoul(argv[1], 0, 10) : 1000000;
    unsigned repeat = argc > 2 ? (unsigned)strtoul(argv[2], 0, 10) : 1;
    if (repeat == 0) repeat = 1;
    unsigned char *comp = malloc(limit + 1);
    if (!comp) { printf("out of memory\n"); return 1; }
    unsigned count = 0, largest = 0, acc = 0;
    unsigned long long sum = 0;
    for (unsigned r = 0; r < repeat; r++) {
        unsigned lim = round_limit(limit, r);   /* vary a little per round */
        count = byte_sieve(lim, comp, &sum, &largest);
        acc = acc * 31 + count + largest;
    }
    unsigned last = round_limit(limit, repeat - 1);
    printf("primes <= %u: %u, sum %llu, largest %u\n", last, count, sum, largest);
    unsigned long long sum2;
    unsigned count2 = seg_sieve(last, &sum2);
    printf("segmented sieve: %u, sum %llu (%s)\n", count2, sum2,
           (count2 == count && sum2 == sum) ? "agree" : "MISMATCH");
    printf("accumulator %08x over %u rounds\n", acc, repeat);
    free(comp);
    return (count2 == count && sum2 == sum) ? 0 : 1;
}
