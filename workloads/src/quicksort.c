/* quicksort: hand-written introsort-style quicksort (median-of-three,
 * insertion sort for short ranges, recursion on the smaller half) over
 * LCG-generated 32-bit keys, plus a sort of (key,index) records with a
 * comparison function called through a pointer.
 * usage: quicksort N [ROUNDS]     Written for hdbt bench. Integer only. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

static uint32_t lcg_state;
static uint32_t lcg(void)
{
    lcg_state = lcg_state * 1664525u + 1013904223u;
    return lcg_state;
}

static void insertion(int32_t *a, int lo, int hi)
{
    for (int i = lo + 1; i <= hi; i++) {
        int32_t v = a[i];
        int j = i - 1;
        while (j >= lo && a[j] > v) { a[j + 1] = a[j]; j--; }
        a[j + 1] = v;
    }
}

static void qs(int32_t *a, int lo, int hi)
{
    while (hi - lo > 16) {
        int mid = lo + ((hi - lo) >> 1);
        /* median of three into a[mid] */
        if (a[mid] < a[lo]) { int32_t t = a[mid]; a[mid] = a[lo]; a[lo] = t; }
        if (a[hi] < a[lo])  { int32_t t = a[hi];  a[hi] = a[lo];  a[lo] = t; }
        if (a[hi] < a[mid]) { int32_t t = a[hi];  a[hi] = a[mid]; a[mid] = t; }
        int32_t pivot = a[mid];
        int i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) { int32_t t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
        }
        if (j - lo < hi - i) { qs(a, lo, j); lo = i; }
        else                 { qs(a, i, hi); hi = j; }
    }
    insertion(a, lo, hi);
}

typedef struct { uint32_t key; uint32_t idx; } rec;
typedef int (*cmp_fn)(const rec *, const rec *);

static int cmp_rec(const rec *x, const rec *y)
{
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return x->idx < y->idx ? -1 : (x->idx > y->idx);
}

static void qs_rec(rec *a, int lo, int hi, cmp_fn cmp)
{
    while (lo < hi) {
        rec pivot = a[lo + ((hi - lo) >> 1)];
        int i = lo, j = hi;
        while (i <= j) {
            while (cmp(&a[i], &pivot) < 0) i++;
            while (cmp(&a[j], &pivot) > 0) j--;
            if (i <= j) { rec t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
        }
        if (j - lo < hi - i) { qs_rec(a, lo, j, cmp); lo = i; }
        else                 { qs_rec(a, i, hi, cmp); hi = j; }
    }
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 100000;
    int rounds = argc > 2 ? atoi(argv[2]) : 1;
    if (n < 2) n = 2;
    int32_t *a = malloc(sizeof(int32_t) * n);
    rec *r = malloc(sizeof(rec) * n);
    if (!a || !r) { printf("out of memory\n"); return 1; }
    uint32_t chk = 0;
    lcg_state = 42;
    for (int round = 0; round < rounds; round++) {
        int mode = round % 4;
        for (int i = 0; i < n; i++) {
            uint32_t v = lcg();
            switch (mode) {
            case 0: a[i] = (int32_t)v; break;                 /* random */
            case 1: a[i] = (int32_t)(v % 1000); break;        /* many dups */
            case 2: a[i] = i * 3 - (int32_t)(v & 7); break;   /* nearly sorted */
            default: a[i] = n - i + (int32_t)(v & 15); break; /* nearly reversed */
            }
        }
        qs(a, 0, n - 1);
        for (int i = 1; i < n; i++)
            if (a[i - 1] > a[i]) { printf("round %d: not sorted at %d\n", round, i); return 1; }
        uint32_t h = 2166136261u;
        for (int i = 0; i < n; i += 7) h = (h ^ (uint32_t)a[i]) * 16777619u;
        chk = chk * 33 + h;
        if (round < 4) printf("round %d mode %d: min %d max %d median %d hash %08x\n",
                              round, mode, a[0], a[n - 1], a[n / 2], h);
    }
    /* record sort through a function pointer */
    for (int i = 0; i < n; i++) { r[i].key = lcg() % (unsigned)(n / 2 + 1); r[i].idx = (uint32_t)i; }
    qs_rec(r, 0, n - 1, cmp_rec);
    uint32_t h = 0;
    for (int i = 1; i < n; i++) {
        if (cmp_rec(&r[i - 1], &r[i]) >= 0) { printf("records not sorted at %d\n", i); return 1; }
        h = h * 31 + r[i].idx;
    }
    printf("records: first key %u idx %u, last key %u idx %u, hash %08x\n",
           r[0].key, r[0].idx, r[n - 1].key, r[n - 1].idx, h);
    printf("quicksort n=%d rounds=%d checksum %08x\n", n, rounds, chk);
    free(a); free(r);
    return 0;
}
