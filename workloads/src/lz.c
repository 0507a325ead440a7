/* lz: LZ77-style compressor (hash chains, greedy with one-step lazy
 * matching, 64 KiB window) and decompressor, with a round-trip check.
 * Input is generated "text": words from an LCG-built vocabulary, with
 * occasional random bytes and long repeats, so it compresses moderately.
 * Token format: a control byte with 8 flags (1 = match); literal = 1 byte;
 * match = 3 bytes: 16-bit offset (little endian) and (length - 3) as one
 * byte, i.e. lengths 3..258.
 * usage: lz KIB [ROUNDS]           Written for hdbt bench. Integer only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define WBITS 16
#define WSIZE (1u << WBITS)
#define HBITS 15
#define HSIZE (1u << HBITS)
#define MINM 3
#define MAXM 258
#define MAXCHAIN 48

static uint32_t rng;
static uint32_t lcg(void) { rng = rng * 1103515245u + 12345u; return rng >> 8; }

static size_t gen_input(unsigned char *out, size_t n)
{
    static char vocab[256][12];
    for (int i = 0; i < 256; i++) {
        int len = 2 + (int)(lcg() % 9);
        for (int k = 0; k < len; k++) vocab[i][k] = (char)('a' + lcg() % 26);
        vocab[i][len] = 0;
    }
    size_t p = 0;
    while (p < n) {
        uint32_t r = lcg() % 100;
        if (r < 3 && p > 1000) {                   /* long repeat of earlier text */
            size_t len = 20 + lcg() % 300, from = lcg() % (p - 500);
            for (size_t k = 0; k < len && p < n; k++) out[p++] = out[from + k];
        } else if (r < 5) {                        /* noise */
            for (int k = 0; k < 4 && p < n; k++) out[p++] = (unsigned char)lcg();
        } else {
            /* skewed word choice: smaller indices are more frequent */
            uint32_t w = lcg() % 256;
            w = (w * (lcg() % 256)) >> 8;
            const char *s = vocab[w];
            while (*s && p < n) out[p++] = (unsigned char)*s++;
            if (p < n) out[p++] = (lcg() % 13 == 0) ? '\n' : ' ';
        }
    }
    return p;
}

static int32_t head[HSIZE];
static int32_t prev[WSIZE];

static inline uint32_t hash3(const unsigned char *p)
{
    return ((uint32_t)p[0] << 16 ^ (uint32_t)p[1] << 8 ^ p[2]) * 2654435761u >> (32 - HBITS);
}

static void find(const unsigned char *in, size_t n, size_t pos, int *bestlen, int *bestoff)
{
    int bl = 0, bo = 0;
    if (pos + MINM <= n) {
        int32_t cand = head[hash3(in + pos)];
        int chain = MAXCHAIN;
        size_t maxl = n - pos < MAXM ? n - pos : MAXM;
        while (cand >= 0 && chain-- > 0 && pos - (size_t)cand < WSIZE) {
            const unsigned char *a = in + cand, *b = in + pos;
            if (a[bl] == b[bl] && a[0] == b[0]) {
                size_t l = 0;
                while (l < maxl && a[l] == b[l]) l++;
                if ((int)l > bl) { bl = (int)l; bo = (int)(pos - (size_t)cand); if (l == maxl) break; }
            }
            cand = prev[cand & (WSIZE - 1)];
        }
    }
    *bestlen = bl; *bestoff = bo;
}

static void insert(const unsigned char *in, size_t n, size_t pos)
{
    if (pos + MINM > n) return;
    uint32_t h = hash3(in + pos);
    prev[pos & (WSIZE - 1)] = head[h];
    head[h] = (int32_t)pos;
}

static size_t compress(const unsigned char *in, size_t n, unsigned char *out)
{
    for (unsigned i = 0; i < HSIZE; i++) head[i] = -1;
    size_t op = 0, pos = 0;
    size_t ctrl = 0;
    int bit = 8;
    while (pos < n) {
        if (bit == 8) { ctrl = op++; out[ctrl] = 0; bit = 0; }
        int len, off;
        find(in, n, pos, &len, &off);
        if (len >= MINM && len < MAXM && pos + 1 < n) {
            /* lazy: is the match at pos+1 clearly better? */
            int len2, off2;
            insert(in, n, pos);
            find(in, n, pos + 1, &len2, &off2);
            if (len2 > len + 1) {
                out[op++] = in[pos++];              /* emit literal, take next */
                bit++;
                if (bit == 8) { ctrl = op++; out[ctrl] = 0; bit = 0; }
                len = len2; off = off2;
            } else {
                /* undo not needed: pos already inserted, skip re-insert below */
                out[ctrl] |= (unsigned char)(1u << bit);
                out[op++] = (unsigned char)off; out[op++] = (unsigned char)(off >> 8);
                out[op++] = (unsigned char)(len - MINM);
                for (int k = 1; k < len; k++) insert(in, n, pos + k);
                pos += len; bit++;
                continue;
            }
        }
        if (len >= MINM) {
            out[ctrl] |= (unsigned char)(1u << bit);
            out[op++] = (unsigned char)off; out[op++] = (unsigned char)(off >> 8);
            out[op++] = (unsigned char)(len - MINM);
            for (int k = 0; k < len; k++) insert(in, n, pos + k);
            pos += len;
        } else {
            insert(in, n, pos);
            out[op++] = in[pos++];
        }
        bit++;
    }
    return op;
}

static long decompress(const unsigned char *in, size_t n, unsigned char *out, size_t cap)
{
    size_t ip = 0, op = 0;
    while (ip < n) {
        unsigned ctrl = in[ip++];
        for (int b = 0; b < 8 && ip < n; b++) {
            if (ctrl & (1u << b)) {
                if (ip + 3 > n) return -1;
                size_t off = in[ip] | (size_t)in[ip + 1] << 8;
                size_t len = (size_t)in[ip + 2] + MINM;
                ip += 3;
                if (off == 0 || off > op || op + len > cap) return -1;
                unsigned char *d = out + op; const unsigned char *s = d - off;
                for (size_t k = 0; k < len; k++) d[k] = s[k];   /* may overlap */
                op += len;
            } else {
                if (op >= cap) return -1;
                out[op++] = in[ip++];
            }
        }
    }
    return (long)op;
}

static uint32_t fnv(const unsigned char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
    return h;
}

int main(int argc, char **argv)
{
    unsigned kib = argc > 1 ? (unsigned)strtoul(argv[1], 0, 10) : 64;
    unsigned rounds = argc > 2 ? (unsigned)strtoul(argv[2], 0, 10) : 1;
    size_t n = (size_t)kib * 1024;
    unsigned char *in = malloc(n), *c = malloc(n + n / 8 + 16), *d = malloc(n);
    if (!in || !c || !d) { printf("out of memory\n"); return 1; }
    uint64_t tin = 0, tout = 0;
    uint32_t acc = 0;
    for (unsigned r = 0; r < rounds; r++) {
        rng = 0xC0FFEEu + r;
        gen_input(in, n);
        size_t cn = compress(in, n, c);
        long dn = decompress(c, cn, d, n);
        if (dn != (long)n || memcmp(in, d, n) != 0) {
            printf("round %u: round trip FAILED (%ld of %lu)\n", r, dn, (unsigned long)n);
            return 1;
        }
        uint32_t hc = fnv(c, cn);
        acc = acc * 31 + hc;
        tin += n; tout += cn;
        if (r < 4 || r + 1 == rounds)
            printf("round %u: %lu -> %lu bytes (%lu per mille), input %08x, packed %08x\n",
                   r, (unsigned long)n, (unsigned long)cn, (unsigned long)(cn * 1000 / n),
                   fnv(in, n), hc);
    }
    printf("lz: %llu -> %llu bytes total, acc %08x, round trips ok\n",
           (unsigned long long)tin, (unsigned long long)tout, acc);
    free(in); free(c); free(d);
    return 0;
}
