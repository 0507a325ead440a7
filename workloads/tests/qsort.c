/* qsort: libc qsort() on ints (including duplicates, INT_MIN/INT_MAX),
 * on strings via strcmp, on structs with a two-key comparator, and
 * bsearch() lookups. Deterministic output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <stdint.h>

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct { int group; unsigned id; char name[12]; } item;
static int cmp_item(const void *a, const void *b)
{
    const item *x = a, *y = b;
    if (x->group != y->group) return x->group < y->group ? -1 : 1;
    return x->id < y->id ? -1 : (x->id > y->id);
}

static uint32_t rng = 12345;
static uint32_t rnd(void) { rng = rng * 1103515245u + 12345u; return rng >> 1; }

int main(void)
{
    int small[] = { 5, -3, INT_MAX, 0, 7, INT_MIN, 7, -3, 42, 1, -1000000, 999 };
    int ns = sizeof small / sizeof small[0];
    qsort(small, ns, sizeof(int), cmp_int);
    printf("small:");
    for (int i = 0; i < ns; i++) printf(" %d", small[i]);
    printf("\n");

    enum { N = 20000 };
    static int big[N];
    for (int i = 0; i < N; i++) big[i] = (int)(rnd() % 5000) - 2500;
    qsort(big, N, sizeof(int), cmp_int);
    int sorted = 1; uint32_t h = 0;
    for (int i = 0; i < N; i++) { if (i && big[i - 1] > big[i]) sorted = 0; h = h * 31 + (uint32_t)big[i]; }
    printf("big: sorted=%d min=%d max=%d median=%d hash=%08x\n", sorted, big[0], big[N - 1], big[N / 2], h);
    int key = 1234;
    int *found = bsearch(&key, big, N, sizeof(int), cmp_int);
    printf("bsearch %d: %s\n", key, found ? "found" : "not found");
    key = 99999;
    found = bsearch(&key, big, N, sizeof(int), cmp_int);
    printf("bsearch %d: %s\n", key, found ? "found" : "not found");

    const char *words[] = { "pear", "apple", "fig", "banana", "Cherry", "apricot", "", "date",
                            "applesauce", "app", "zucchini", "Apple", "kiwi", "fig" };
    int nw = sizeof words / sizeof words[0];
    qsort(words, nw, sizeof(char *), cmp_str);
    printf("words:");
    for (int i = 0; i < nw; i++) printf(" [%s]", words[i]);
    printf("\n");

    enum { M = 3000 };
    static item items[M];
    for (int i = 0; i < M; i++) {
        items[i].group = (int)(rnd() % 17);
        items[i].id = (unsigned)i * 7919u % 3001u;
        snprintf(items[i].name, sizeof items[i].name, "it%05u", items[i].id);
    }
    qsort(items, M, sizeof(item), cmp_item);
    h = 0; sorted = 1;
    for (int i = 0; i < M; i++) {
        if (i && cmp_item(&items[i - 1], &items[i]) > 0) sorted = 0;
        h = h * 131 + (uint32_t)items[i].group * 7 + items[i].id + (uint32_t)items[i].name[6];
    }
    printf("items: sorted=%d first=%d/%s last=%d/%s hash=%08x\n", sorted,
           items[0].group, items[0].name, items[M - 1].group, items[M - 1].name, h);
    return 0;
}
