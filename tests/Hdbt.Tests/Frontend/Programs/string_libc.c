/* glibc's string functions over many sizes and alignments, each checked against a plain loop.
 * Natively glibc picks SSE/AVX versions; under hdbt (CPUID: i686, cmov, cx8, tsc) it picks the
 * generic i386/i686 ones, which use rep movs/stos and friends. The output therefore prints
 * only results every correct implementation shares: mismatch counts against the reference,
 * result signs, offsets, and a hash of the memory. string_libc.expected is the native run. */
#include <stdio.h>
#include <string.h>

#define N 1024
static unsigned char a[N + 64], b[N + 64], ref[N + 64];
static unsigned hash;
static unsigned bad;

static const size_t sizes[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 15, 16, 17, 24, 31, 32, 33, 47, 63, 64, 65,
                                100, 127, 128, 129, 255, 256, 257, 600 };
#define NSIZES (sizeof sizes / sizeof sizes[0])

static void mix(unsigned v) { hash = (hash ^ v) * 16777619u; }

static void mix_bytes(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) mix(p[i]);
}

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++) p[i] = (unsigned char)(seed + i * 7 + (i >> 3));
}

static void check(const unsigned char *x, const unsigned char *y, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (x[i] != y[i]) { bad++; return; }
}

static int sign(int v) { return v < 0 ? -1 : v > 0; }

static void line(const char *name, size_t n)
{
    printf("%-8s n=%-4zu bad=%u hash=%08x\n", name, n, bad, hash);
    bad = 0;
    hash = 2166136261u;
}

static void test_memcpy(void)
{
    for (size_t k = 0; k < NSIZES; k++) {
        size_t n = sizes[k];
        for (int sa = 0; sa < 8; sa++)
            for (int da = 0; da < 8; da++) {
                size_t len = n + 16;
                fill(a, len, sa * 3 + 1);
                fill(b, len, 99);
                for (size_t i = 0; i < len; i++) ref[i] = b[i];
                for (size_t i = 0; i < n; i++) ref[da + i] = a[sa + i];
                void *r = memcpy(b + da, a + sa, n);
                if (r != b + da) bad++;
                check(b, ref, len);
                mix_bytes(b, da + n + 8);
            }
        line("memcpy", n);
    }
}

static void test_memmove(void)
{
    for (size_t k = 0; k < NSIZES; k++) {
        size_t n = sizes[k];
        if (n > N - 40) continue;
        for (int s = 0; s < 20; s += 3)
            for (int d = 0; d < 20; d++) {
                size_t len = n + 40;
                fill(a, len, s + d);
                for (size_t i = 0; i < len; i++) ref[i] = a[i];
                /* reference copy through a separate buffer */
                for (size_t i = 0; i < n; i++) b[i] = ref[s + i];
                for (size_t i = 0; i < n; i++) ref[d + i] = b[i];
                void *r = memmove(a + d, a + s, n);
                if (r != a + d) bad++;
                check(a, ref, len);
                mix_bytes(a, n + 24);
            }
        line("memmove", n);
    }
}

static void test_memset(void)
{
    static const int values[] = { 0, 0x5a, 0xff, 0x1234 };
    for (size_t k = 0; k < NSIZES; k++) {
        size_t n = sizes[k];
        for (int al = 0; al < 16; al++)
            for (int v = 0; v < 4; v++) {
                size_t len = n + 24;
                fill(b, len, al);
                for (size_t i = 0; i < len; i++) ref[i] = b[i];
                for (size_t i = 0; i < n; i++) ref[al + i] = (unsigned char)values[v];
                void *r = memset(b + al, values[v], n);
                if (r != b + al) bad++;
                check(b, ref, len);
                mix_bytes(b, al + n + 8);
            }
        line("memset", n);
    }
}

static void make_string(unsigned char *p, size_t len, unsigned seed)
{
    /* bytes 1 .. 0xfd: 0xfe and 0xff never occur unless a test puts them there */
    for (size_t i = 0; i < len; i++) p[i] = (unsigned char)(1 + (seed + i * 13) % 253);
    p[len] = 0;
    p[len + 1] = 'x';
}

static void test_strlen(void)
{
    for (size_t k = 0; k < NSIZES; k++) {
        size_t n = sizes[k];
        for (int al = 0; al < 16; al++) {
            make_string(a + al, n, al);
            size_t r = strlen((char *)a + al);
            if (r != n) bad++;
            mix(r);
        }
        line("strlen", n);
    }
}

static void test_strcmp(void)
{
    for (size_t k = 0; k < NSIZES; k++) {
        size_t n = sizes[k];
        for (int sa = 0; sa < 8; sa++)
            for (int da = 0; da < 8; da += 3)
                for (int where = -1; where < (int)n && where < 40; where += 1 + (int)n / 8) {
                    make_string(a + sa, n, 5);
                    make_string(b + da, n, 5);
                    int expect = 0;
                    if (where >= 0) {
                        /* differ at 'where': make the byte larger or smaller, including >= 0x80 */
                        unsigned char c = b[da + where];
                        b[da + where] = (where & 1) ? (unsigned char)(c | 0x80) : 1;
                        if (b[da + where] == c) b[da + where] = (unsigned char)(c ^ 0x40);
                        expect = a[sa + where] < b[da + where] ? -1 : 1;
                    }
                    int r = sign(strcmp((char *)a + sa, (char *)b + da));
                    if (r != expect) bad++;
                    mix((unsigned)r);
                    size_t lim = where < 0 ? n : (size_t)where;
                    int rn = sign(strncmp((char *)a + sa, (char *)b + da, lim));
                    if (rn != 0) bad++;
                    rn = sign(strncmp((char *)a + sa, (char *)b + da, lim + 1));
                    if (rn != (where < 0 ? 0 : expect)) bad++;
                    int rm = sign(memcmp(a + sa, b + da, where < 0 ? n : (size_t)where + 1));
                    if (rm != expect) bad++;
                    mix((unsigned)(rn * 3 + rm));
                }
        line("strcmp", n);
    }
}

static void test_search(void)
{
    for (size_t k = 0; k < NSIZES; k++) {
        size_t n = sizes[k];
        for (int al = 0; al < 16; al++) {
            make_string(a + al, n, 11);
            char *s = (char *)a + al;
            /* a byte present once near the end, twice, and absent */
            for (size_t pos = 0; pos < n; pos += 1 + n / 5) {
                unsigned char save = a[al + pos];
                a[al + pos] = 0xfe;
                char *r1 = strchr(s, 0xfe);
                char *r2 = strrchr(s, 0xfe);
                void *r3 = memchr(s, 0xfe, n);
                void *r4 = memchr(s, 0xfe, pos);
                if (r1 != s + pos || r3 != s + pos || r4 != NULL) bad++;
                size_t last = pos;
                for (size_t i = 0; i < n; i++) if ((unsigned char)s[i] == 0xfe) last = i;
                if (r2 != s + last) bad++;
                mix((unsigned)(r1 - s)); mix((unsigned)(r2 - s));
                a[al + pos] = save;
            }
            if (strchr(s, 0xff) != NULL || strrchr(s, 0xff) != NULL || memchr(s, 0xff, n) != NULL) bad++;
            if (strchr(s, 0) != s + n) bad++;
            if (strrchr(s, 0) != s + n) bad++;
            if (memchr(s, 0, n + 1) != s + n) bad++;
        }
        line("search", n);
    }
}

static void test_copy(void)
{
    for (size_t k = 0; k < NSIZES; k++) {
        size_t n = sizes[k];
        if (n > N / 2 - 40) continue;
        for (int sa = 0; sa < 8; sa++)
            for (int da = 0; da < 8; da += 1) {
                make_string(a + sa, n, sa);
                fill(b, 2 * n + 24, 3);
                char *r = strcpy((char *)b + da, (char *)a + sa);
                if (r != (char *)b + da || strcmp(r, (char *)a + sa) != 0) bad++;
                char *e = stpcpy((char *)b + da + n + 1, (char *)a + sa);
                if (e != (char *)b + da + n + 1 + n) bad++;
                strcat((char *)b + da, "tail");
                if (strlen((char *)b + da) != n + 4) bad++;
                strncpy((char *)b + da, (char *)a + sa, n + 6);
                mix_bytes(b, da + 2 * n + 12);
            }
        line("copy", n);
    }
}

int main(void)
{
    hash = 2166136261u;
    test_memcpy();
    test_memmove();
    test_memset();
    test_strlen();
    test_strcmp();
    test_search();
    test_copy();
    return 0;
}
