/* mallocstress: many malloc/calloc/realloc/free calls of varied sizes
 * (tiny to several MiB, so both brk-heap and mmap-backed chunks are used),
 * filling every block with a pattern and verifying it before release.
 * Prints deterministic counters and a checksum. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define SLOTS 1024
static unsigned char *blk[SLOTS];
static size_t len[SLOTS];
static unsigned char tag[SLOTS];
static uint32_t rng = 7;
static uint32_t rnd(void) { rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5; return rng; }

static size_t pick_size(void)
{
    uint32_t r = rnd() % 1000;
    if (r < 600) return 1 + rnd() % 64;
    if (r < 900) return 64 + rnd() % 4096;
    if (r < 997) return 4096 + rnd() % 65536;
    return 128 * 1024 + rnd() % (1u << 20);      /* mmap threshold territory */
}

static int verify(int i)
{
    for (size_t k = 0; k < len[i]; k += (len[i] > 4096 ? 61 : 1))
        if (blk[i][k] != (unsigned char)(tag[i] + k)) return 0;
    return 1;
}

static void fill(int i, size_t from)
{
    for (size_t k = from; k < len[i]; k++) blk[i][k] = (unsigned char)(tag[i] + k);
}

int main(int argc, char **argv)
{
    unsigned ops = argc > 1 ? (unsigned)strtoul(argv[1], 0, 10) : 30000;
    unsigned n_malloc = 0, n_calloc = 0, n_realloc = 0, n_free = 0, bad = 0;
    unsigned long long bytes = 0;
    uint32_t chk = 0;
    for (unsigned op = 0; op < ops; op++) {
        int i = (int)(rnd() % SLOTS);
        uint32_t what = rnd() % 10;
        if (blk[i] == NULL) {
            len[i] = pick_size();
            tag[i] = (unsigned char)rnd();
            if (what < 2) {
                blk[i] = calloc(1, len[i]); n_calloc++;
                if (blk[i]) for (size_t k = 0; k < len[i]; k += 7) if (blk[i][k]) { bad++; break; }
            } else {
                blk[i] = malloc(len[i]); n_malloc++;
            }
            if (!blk[i]) { printf("allocation of %lu failed\n", (unsigned long)len[i]); return 1; }
            if ((uintptr_t)blk[i] % 8 != 0) bad++;      /* i386 malloc alignment is 16, at least 8 */
            fill(i, 0);
            bytes += len[i];
        } else if (what < 4) {
            if (!verify(i)) bad++;
            size_t nl = pick_size();
            unsigned char *nb = realloc(blk[i], nl);
            if (!nb) { printf("realloc failed\n"); return 1; }
            n_realloc++;
            size_t keep = nl < len[i] ? nl : len[i];
            blk[i] = nb;
            len[i] = keep;
            if (!verify(i)) bad++;
            len[i] = nl;
            fill(i, keep);
            bytes += nl;
        } else {
            if (!verify(i)) bad++;
            chk = chk * 31 + blk[i][len[i] - 1] + (uint32_t)len[i];
            free(blk[i]); blk[i] = NULL; n_free++;
        }
    }
    unsigned live = 0;
    for (int i = 0; i < SLOTS; i++)
        if (blk[i]) { if (!verify(i)) bad++; chk = chk * 31 + (uint32_t)len[i]; free(blk[i]); live++; }
    /* a few special cases */
    void *z = malloc(0);
    printf("malloc(0) %s\n", z ? "returned a pointer" : "returned NULL");
    free(z);
    free(NULL);
    char *s = realloc(NULL, 10);
    strcpy(s, "realloc");
    s = realloc(s, 100000);
    printf("realloc(NULL)+grow kept: %s\n", s);
    free(s);
    printf("ops %u: malloc %u calloc %u realloc %u free %u, live at end %u\n",
           ops, n_malloc, n_calloc, n_realloc, n_free, live);
    printf("bytes requested %llu, checksum %08x, errors %u\n", bytes, chk, bad);
    return bad ? 1 : 0;
}
