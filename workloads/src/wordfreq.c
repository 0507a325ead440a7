/* wordfreq: word frequency count. Generates a text of NWORDS words from an
 * LCG-built vocabulary (Zipf-like skew, mixed case, punctuation), then
 * tokenizes it, lower-cases, and counts words in a chained hash table with
 * string keys (strlen/memcpy/strcmp heavy). Finally sorts the distinct words
 * by (count desc, word asc) with a hand-written merge sort and prints the
 * top 15 and checksums.
 * usage: wordfreq NWORDS [VOCAB]   Written for hdbt bench. Integer only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

/* xorshift32 (the low bits of a power-of-two LCG are too regular for % small) */
static uint32_t rng = 20240601u;
static uint32_t lcg(void) { rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5; return rng; }

typedef struct entry {
    struct entry *next;
    uint32_t hash;
    uint32_t count;
    char *word;
} entry;

static entry **table;
static uint32_t tsize, nentries;

static uint32_t hash_str(const char *s, size_t len)
{
    uint32_t h = 5381;
    for (size_t i = 0; i < len; i++) h = h * 33 ^ (unsigned char)s[i];
    return h;
}

static void grow(void)
{
    uint32_t ns = tsize * 2;
    entry **nt = calloc(ns, sizeof *nt);
    for (uint32_t i = 0; i < tsize; i++) {
        entry *e = table[i];
        while (e) {
            entry *nx = e->next;
            uint32_t b = e->hash & (ns - 1);
            e->next = nt[b]; nt[b] = e;
            e = nx;
        }
    }
    free(table);
    table = nt; tsize = ns;
}

static void add_word(const char *w, size_t len)
{
    char buf[64];
    if (len >= sizeof buf) len = sizeof buf - 1;
    memcpy(buf, w, len);
    buf[len] = 0;
    uint32_t h = hash_str(buf, len);
    for (entry *e = table[h & (tsize - 1)]; e; e = e->next)
        if (e->hash == h && strcmp(e->word, buf) == 0) { e->count++; return; }
    entry *e = malloc(sizeof *e);
    e->word = malloc(len + 1);
    strcpy(e->word, buf);
    e->hash = h; e->count = 1;
    e->next = table[h & (tsize - 1)];
    table[h & (tsize - 1)] = e;
    if (++nentries > tsize * 3 / 4) grow();
}

static int cmp_entry(const entry *a, const entry *b)
{
    if (a->count != b->count) return a->count > b->count ? -1 : 1;
    return strcmp(a->word, b->word);
}

static void msort(entry **a, entry **tmp, size_t n)
{
    if (n < 2) return;
    size_t m = n / 2;
    msort(a, tmp, m);
    msort(a + m, tmp, n - m);
    size_t i = 0, j = m, k = 0;
    while (i < m && j < n) tmp[k++] = cmp_entry(a[j], a[i]) < 0 ? a[j++] : a[i++];
    while (i < m) tmp[k++] = a[i++];
    while (j < n) tmp[k++] = a[j++];
    memcpy(a, tmp, n * sizeof *a);
}

int main(int argc, char **argv)
{
    unsigned nwords = argc > 1 ? (unsigned)strtoul(argv[1], 0, 10) : 100000;
    unsigned nvocab = argc > 2 ? (unsigned)strtoul(argv[2], 0, 10) : 20000;
    if (nvocab < 16) nvocab = 16;

    /* vocabulary */
    char **vocab = malloc(nvocab * sizeof *vocab);
    static const char syll[][4] = { "ka", "lo", "mi", "ne", "tra", "po", "qu", "ish",
                                    "en", "or", "st", "ba", "ze", "ru", "chi", "y" };
    for (unsigned i = 0; i < nvocab; i++) {
        char w[40]; w[0] = 0;
        int ns = 2 + (int)(lcg() % 4);
        for (int k = 0; k < ns; k++) strcat(w, syll[lcg() % 16]);
        if (lcg() % 5 == 0) { size_t l = strlen(w); w[l] = (char)('0' + i % 10); w[l + 1] = 0; }
        vocab[i] = strdup(w);
    }
    /* text is generated and counted in chunks so memory stays bounded */
    tsize = 1024; nentries = 0;
    table = calloc(tsize, sizeof *table);
    const unsigned chunk_words = 65536;
    size_t cap = (size_t)chunk_words * 48 + 16, tl = 0, text_total = 0;
    char *text = malloc(cap);
    unsigned total = 0, done = 0;
    while (done < nwords) {
        unsigned cw = nwords - done < chunk_words ? nwords - done : chunk_words;
        done += cw;
        tl = 0;
        for (unsigned i = 0; i < cw; i++) {
            uint32_t r = lcg() % nvocab;
            r = (uint32_t)((uint64_t)r * (lcg() % nvocab) / nvocab);   /* skew */
            const char *w = vocab[r];
            size_t l = strlen(w);
            memcpy(text + tl, w, l);
            if (lcg() % 7 == 0) text[tl] = (char)(text[tl] - 'a' + 'A');   /* capitalize */
            tl += l;
            uint32_t p = lcg() % 20;
            if (p == 0) { text[tl++] = '.'; text[tl++] = ' '; }
            else if (p == 1) { text[tl++] = ','; text[tl++] = ' '; }
            else if (p == 2) text[tl++] = '\n';
            else if (p == 3) { text[tl++] = ' '; text[tl++] = '-'; text[tl++] = ' '; }
            else text[tl++] = ' ';
        }
        text[tl] = 0;
        text_total += tl;

        /* count */
        const char *p = text;
        while (*p) {
            while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))) p++;
            if (!*p) break;
            char w[64]; size_t l = 0;
            while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')) {
                char ch = *p++;
                if (ch >= 'A' && ch <= 'Z') ch = (char)(ch - 'A' + 'a');
                if (l < sizeof w - 1) w[l++] = ch;
            }
            add_word(w, l);
            total++;
        }
    }

    /* sort */
    entry **all = malloc(nentries * sizeof *all), **tmp = malloc(nentries * sizeof *tmp);
    size_t k = 0;
    for (uint32_t i = 0; i < tsize; i++)
        for (entry *e = table[i]; e; e = e->next) all[k++] = e;
    msort(all, tmp, nentries);
    printf("text %lu bytes, %u words, %u distinct, table %u buckets\n",
           (unsigned long)text_total, total, nentries, tsize);
    for (unsigned i = 0; i < 15 && i < nentries; i++)
        printf("%2u %-16s %u\n", i + 1, all[i]->word, all[i]->count);
    uint32_t h = 0, sum = 0;
    for (uint32_t i = 0; i < nentries; i++) {
        h = h * 131 + hash_str(all[i]->word, strlen(all[i]->word)) + all[i]->count;
        sum += all[i]->count;
    }
    printf("sum %u (%s), order hash %08x, least frequent: %s\n",
           sum, sum == total ? "ok" : "MISMATCH", h, nentries ? all[nentries - 1]->word : "-");
    /* cleanup */
    for (uint32_t i = 0; i < nentries; i++) { free(all[i]->word); free(all[i]); }
    free(all); free(tmp); free(table); free(text);
    for (unsigned i = 0; i < nvocab; i++) free(vocab[i]);
    free(vocab);
    return sum == total ? 0 : 1;
}
