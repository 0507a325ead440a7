/* strings: exercises glibc's string/memory functions (on i386 these are
 * IFUNC-selected, hand-optimized assembly variants) over many source and
 * destination alignments and lengths, comparing against naive reference
 * loops and checking that guard bytes around destinations are untouched.
 * Also places strings so they end exactly at a page boundary followed by a
 * PROT_NONE page (optimized routines read whole aligned words/vectors and
 * must never cross into the next page).
 * Output: one line per function with the number of checks; status 0 iff
 * no failures. Build with -fno-builtin so every call really reaches libc. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

static unsigned fails, checks;
static const char *cur;
static void check(int ok, int a, int b, int c)
{
    checks++;
    if (!ok) {
        if (fails < 20) printf("FAIL %s (%d,%d,%d)\n", cur, a, b, c);
        fails++;
    }
}
static void report(void)
{
    printf("%-10s %6u checks\n", cur, checks);
    checks = 0;
}

static uint32_t rng = 99;
static unsigned char rnd8(void) { rng = rng * 1103515245u + 12345u; return (unsigned char)(rng >> 16); }
static unsigned char rnd_nz(void) { unsigned char c; do c = rnd8(); while (!c); return c; }
static int sgn(int x) { return (x > 0) - (x < 0); }

#define BUF 9000
static unsigned char src[BUF], dst[BUF], ref[BUF];
static const int lens[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
                            23, 24, 25, 31, 32, 33, 47, 48, 49, 63, 64, 65, 79, 80, 95, 96, 127, 128,
                            129, 255, 256, 257, 513, 4097 };
#define NLENS ((int)(sizeof lens / sizeof lens[0]))

static void fill_random(unsigned char *p, size_t n, int nonzero)
{
    for (size_t i = 0; i < n; i++) p[i] = nonzero ? rnd_nz() : rnd8();
}

static int naive_eq(const unsigned char *a, const unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) if (a[i] != b[i]) return 0;
    return 1;
}

static void test_memcpy(void)
{
    cur = "memcpy";
    for (int sa = 0; sa < 4; sa++)
        for (int da = 0; da < 4; da++)
            for (int li = 0; li < NLENS; li++) {
                int len = lens[li];
                if (len > 4096 && (sa | da) > 3) continue;
                fill_random(src, (size_t)len + 64, 0);
                memset(dst, 0xA5, (size_t)len + 64);
                for (int i = 0; i < len + 64; i++) ref[i] = 0xA5;
                for (int i = 0; i < len; i++) ref[da + i] = src[sa + i];
                void *r = memcpy(dst + da, src + sa, (size_t)len);
                check(r == dst + da && naive_eq(dst, ref, (size_t)len + 64), sa, da, len);
            }
    report();
}

static void test_memmove(void)
{
    cur = "memmove";
    for (int off = -40; off <= 40; off++)
        for (int li = 0; li < NLENS; li++) {
            int len = lens[li];
            if (len > 4096 && (off & 7)) continue;
            int base = 100, s = base, d = base + off;
            if (d + len + 64 > BUF || s + len + 64 > BUF) continue;
            fill_random(dst, BUF, 0);
            memcpy(ref, dst, BUF);
            for (int i = 0; i < len; i++) ref[d + i] = dst[s + i];   /* dst untouched until here */
            /* naive reference that handles overlap by copying src first */
            static unsigned char tmp[BUF];
            for (int i = 0; i < len; i++) tmp[i] = dst[s + i];
            for (int i = 0; i < len; i++) ref[d + i] = tmp[i];
            void *r = memmove(dst + d, dst + s, (size_t)len);
            check(r == dst + d && naive_eq(dst, ref, BUF), off, len, 0);
        }
    report();
}

static void test_memset(void)
{
    cur = "memset";
    static const int vals[] = { 0, 0xff, 0x5a, 0x1a5, -1 };
    for (int a = 0; a < 8; a++)
        for (int li = 0; li < NLENS; li++)
            for (int v = 0; v < 5; v++) {
                int len = lens[li];
                memset(ref, 0x33, (size_t)len + 64);
                for (int i = 0; i < len + 64; i++) dst[i] = 0x33;
                for (int i = 0; i < len; i++) ref[a + i] = (unsigned char)vals[v];
                void *r = memset(dst + a, vals[v], (size_t)len);
                check(r == dst + a && naive_eq(dst, ref, (size_t)len + 64), a, len, v);
            }
    report();
}

static void test_memcmp(void)
{
    cur = "memcmp";
    for (int sa = 0; sa < 4; sa++)
        for (int da = 0; da < 4; da++)
            for (int li = 0; li < NLENS; li++) {
                int len = lens[li];
                if (len > 2048) continue;
                fill_random(src + sa, (size_t)len, 0);
                for (int i = 0; i < len; i++) dst[da + i] = src[sa + i];
                check(memcmp(src + sa, dst + da, (size_t)len) == 0, sa, da, len);
                if (len == 0) continue;
                int pos = (int)(rnd8() * 257u) % len;
                unsigned char o = dst[da + pos];
                dst[da + pos] = (unsigned char)(o + 0x80);   /* high-bit difference */
                int want = sgn((int)src[sa + pos] - (int)dst[da + pos]);
                check(sgn(memcmp(src + sa, dst + da, (size_t)len)) == want, sa, da, len);
                check(sgn(memcmp(dst + da, src + sa, (size_t)len)) == -want, sa, da, len);
                check(memcmp(src + sa, dst + da, (size_t)pos) == 0, sa, da, pos);
                dst[da + pos] = o;
            }
    report();
}

static size_t naive_strlen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }

static void test_strlen_strnlen(void)
{
    cur = "strlen";
    for (int a = 0; a < 8; a++)
        for (int li = 0; li < NLENS; li++) {
            int len = lens[li];
            if (a + len + 40 > BUF) continue;
            fill_random(src + a, (size_t)len, 1);
            src[a + len] = 0;
            fill_random(src + a + len + 1, 32, 1);   /* junk after terminator */
            check(strlen((char *)src + a) == (size_t)len, a, len, 0);
        }
    report();
    cur = "strnlen";
    for (int a = 0; a < 8; a++)
        for (int li = 0; li < NLENS; li++) {
            int len = lens[li];
            fill_random(src + a, (size_t)len, 1);
            src[a + len] = 0;
            check(strnlen((char *)src + a, (size_t)len + 5) == (size_t)len, a, len, 0);
            check(strnlen((char *)src + a, (size_t)(len / 2)) == (size_t)(len / 2), a, len, 1);
        }
    report();
}

static void test_strcpy_family(void)
{
    cur = "strcpy";
    for (int sa = 0; sa < 4; sa++)
        for (int da = 0; da < 4; da++)
            for (int li = 0; li < NLENS; li++) {
                int len = lens[li];
                if (len > 2048 && (sa | da)) continue;
                fill_random(src + sa, (size_t)len, 1);
                src[sa + len] = 0;
                memset(dst, 0xEE, (size_t)len + 64);
                char *r = strcpy((char *)dst + da, (char *)src + sa);
                int ok = r == (char *)dst + da && naive_eq(dst + da, src + sa, (size_t)len + 1);
                for (int i = 0; i < da; i++) ok &= dst[i] == 0xEE;
                for (int i = da + len + 1; i < len + 64; i++) ok &= dst[i] == 0xEE;
                check(ok, sa, da, len);
            }
    report();
    cur = "stpcpy";
    for (int a = 0; a < 8; a++)
        for (int li = 0; li < NLENS; li++) {
            int len = lens[li];
            fill_random(src, (size_t)len, 1);
            src[len] = 0;
            char *e = stpcpy((char *)dst + a, (char *)src);
            check(e == (char *)dst + a + len && *e == 0 && naive_eq(dst + a, src, (size_t)len), a, len, 0);
        }
    report();
    cur = "strncpy";
    for (int a = 0; a < 8; a++)
        for (int li = 0; li < NLENS; li++) {
            int len = lens[li];
            if (len > 1024) continue;
            fill_random(src, (size_t)len, 1);
            src[len] = 0;
            for (int n = len - 2; n <= len + 20; n += 3) {
                if (n < 0) continue;
                memset(dst, 0xEE, (size_t)n + 64);
                strncpy((char *)dst + a, (char *)src, (size_t)n);
                int ok = 1;
                for (int i = 0; i < n; i++) ok &= dst[a + i] == (i < len ? src[i] : 0);
                ok &= dst[a + n] == 0xEE;
                check(ok, a, len, n);
            }
        }
    report();
    cur = "strcat";
    for (int a = 0; a < 8; a++)
        for (int l1 = 0; l1 < 40; l1 += 3)
            for (int li = 0; li < NLENS; li++) {
                int len = lens[li];
                if (len > 1024) continue;
                fill_random(dst + a, (size_t)l1, 1); dst[a + l1] = 0;
                fill_random(src, (size_t)len, 1); src[len] = 0;
                memcpy(ref, dst + a, (size_t)l1); memcpy(ref + l1, src, (size_t)len + 1);
                char *r = strcat((char *)dst + a, (char *)src);
                check(r == (char *)dst + a && naive_eq(dst + a, ref, (size_t)(l1 + len + 1)), a, l1, len);
                fill_random(dst + a, (size_t)l1, 1); dst[a + l1] = 0;
                memcpy(ref, dst + a, (size_t)l1);
                int n = len / 2; memcpy(ref + l1, src, (size_t)n); ref[l1 + n] = 0;
                strncat((char *)dst + a, (char *)src, (size_t)n);
                check(naive_eq(dst + a, ref, (size_t)(l1 + n + 1)), a, l1, -len);
            }
    report();
}

static void test_strcmp_family(void)
{
    cur = "strcmp";
    for (int sa = 0; sa < 4; sa++)
        for (int da = 0; da < 4; da++)
            for (int li = 0; li < NLENS; li++) {
                int len = lens[li];
                if (len > 1024 && (sa | da)) continue;
                fill_random(src + sa, (size_t)len, 1); src[sa + len] = 0;
                memcpy(dst + da, src + sa, (size_t)len + 1);
                check(strcmp((char *)src + sa, (char *)dst + da) == 0, sa, da, len);
                if (len == 0) continue;
                int pos = (int)(rnd8() * 131u) % len;
                unsigned char o = dst[da + pos];
                unsigned char nc = (unsigned char)(o ^ 0x80); if (!nc) nc = 1;
                dst[da + pos] = nc;
                int want = sgn((int)src[sa + pos] - (int)nc);
                check(sgn(strcmp((char *)src + sa, (char *)dst + da)) == want, sa, da, len);
                check(sgn(strncmp((char *)src + sa, (char *)dst + da, (size_t)len)) == want, sa, da, len);
                check(strncmp((char *)src + sa, (char *)dst + da, (size_t)pos) == 0, sa, da, pos);
                dst[da + pos] = o;
                /* prefix: shorter string compares less */
                dst[da + len - 1] = 0;
                check(strcmp((char *)src + sa, (char *)dst + da) > 0, sa, da, len);
                check(strcmp((char *)dst + da, (char *)src + sa) < 0, sa, da, len);
            }
    report();
    cur = "strcasecmp";
    static const char *const pairs[][2] = { { "Hello", "hELLO" }, { "abc", "ABD" }, { "ABD", "abc" },
        { "", "" }, { "a", "" }, { "Zebra", "zebra!" }, { "MiXeD CaSe 123", "mixed case 123" } };
    static const int want[] = { 0, -1, 1, 0, 1, -1, 0 };
    for (int i = 0; i < 7; i++) {
        check(sgn(strcasecmp(pairs[i][0], pairs[i][1])) == want[i], i, 0, 0);
        check(sgn(strncasecmp(pairs[i][0], pairs[i][1], 3)) == (i == 1 || i == 2 ? want[i] : (i == 4 ? 1 : 0)), i, 1, 0);
    }
    report();
}

static void test_search(void)
{
    cur = "strchr";
    for (int a = 0; a < 8; a++)
        for (int li = 0; li < NLENS; li++) {
            int len = lens[li];
            if (a + len + 1 > BUF) continue;
            for (int i = 0; i < len; i++) { unsigned char c = rnd_nz(); if (c == 0xC7 || c == 'q') c = 'z'; src[a + i] = c; }
            src[a + len] = 0;
            src[a + len + 1] = 'q';       /* beyond the end: must not be found */
            char *s = (char *)src + a;
            check(strchr(s, 'q') == NULL, a, len, 0);
            check(strchr(s, 0) == s + len, a, len, 1);
            check(strrchr(s, 'q') == NULL, a, len, 2);
            if (len > 0) {
                int p1 = len / 3, p2 = (len * 2) / 3;
                src[a + p1] = 0xC7; src[a + p2] = 0xC7;
                check(strchr(s, 0xC7) == s + p1, a, len, 3);
                check(strchr(s, 0xC7 + 0x100) == s + p1, a, len, 4);   /* converted to char */
                check(strrchr(s, 0xC7) == s + p2, a, len, 5);
                check(memchr(s, 0xC7, (size_t)len) == s + p1, a, len, 6);
                check(memrchr(s, 0xC7, (size_t)len) == s + p2, a, len, 7);
                check(memchr(s, 0xC7, (size_t)p1) == NULL, a, len, 8);
                check(rawmemchr(s, 0xC7) == s + p1, a, len, 9);
            }
        }
    report();
    cur = "strstr";
    static char hay[6000];
    for (int i = 0; i < 5999; i++) hay[i] = (char)('a' + (i * 7 + i / 13) % 3);
    hay[5999] = 0;
    static const char *const needles[] = { "", "a", "abc", "cab", "aab", "bbb", "abcabcabd", "ccc",
                                           "acbacb", "bcabcabcabca" };
    for (unsigned k = 0; k < sizeof needles / sizeof needles[0]; k++) {
        const char *nd = needles[k];
        size_t nl = naive_strlen(nd);
        const char *want = NULL;
        for (size_t i = 0; i + nl <= 5999; i++) {
            size_t j = 0;
            while (j < nl && hay[i + j] == nd[j]) j++;
            if (j == nl) { want = hay + i; break; }
        }
        check(strstr(hay, nd) == want, (int)k, 0, 0);
    }
    /* long needles (glibc switches to the two-way algorithm) */
    for (int nl = 1; nl < 600; nl += 37) {
        static char nd[700];
        int start = 4000 + nl % 50;
        memcpy(nd, hay + start, (size_t)nl); nd[nl] = 0;
        char *got = strstr(hay, nd);
        const char *want = NULL;
        for (int i = 0; i + nl <= 5999; i++)
            if (naive_eq((unsigned char *)hay + i, (unsigned char *)nd, (size_t)nl)) { want = hay + i; break; }
        check(got == want && got != NULL, nl, 0, 0);
        nd[nl - 1] = 'x';
        check(strstr(hay, nd) == NULL, nl, 1, 0);
    }
    /* periodic needle in periodic haystack */
    static char h2[3000], n2[300];
    for (int i = 0; i < 2999; i++) h2[i] = (i % 100 == 99) ? 'b' : 'a';
    h2[2999] = 0;
    for (int i = 0; i < 299; i++) n2[i] = (i % 100 == 99) ? 'b' : 'a';
    n2[299] = 0;
    check(strstr(h2, n2) == h2, 0, 2, 0);
    n2[0] = 'b';          /* b a^98 b ...: never matches (periods differ by one) */
    check(strstr(h2, n2) == NULL, 0, 3, 0);
    n2[0] = 'a'; n2[1] = 'b';
    check(strstr(h2, n2) == NULL, 0, 5, 0);
    memcpy(n2, h2 + 150, 200); n2[200] = 0;
    check(strstr(h2, n2) == h2 + 50, 0, 6, 0);
    check(memmem(h2, 2999, "ab", 2) == h2 + 98, 0, 4, 0);
    report();
    cur = "strspn";
    const char *t = "  \t hello, world; foo=bar";
    check(strspn(t, " \t") == 4, 0, 0, 0);
    check(strcspn(t, ",;") == 9, 0, 0, 1);
    check(strpbrk(t, "=;") == t + 16, 0, 0, 2);
    check(strspn(t, "") == 0 && strcspn(t, "") == naive_strlen(t), 0, 0, 3);
    char tok[] = "a,b,,c;;d";
    char *save, *p; unsigned ntok = 0, tsum = 0;
    for (p = strtok_r(tok, ",;", &save); p; p = strtok_r(NULL, ",;", &save)) { ntok++; tsum = tsum * 31 + (unsigned char)*p; }
    check(ntok == 4 && tsum == (((('a' * 31u) + 'b') * 31u + 'c') * 31u + 'd'), (int)ntok, 0, 4);
    report();
}

/* strings that end exactly at the end of a readable page */
static void test_page_end(void)
{
    cur = "pageedge";
    long pg = sysconf(_SC_PAGESIZE);
    unsigned char *m = mmap(NULL, (size_t)pg * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) { check(0, 0, 0, 0); report(); return; }
    if (mprotect(m + pg, (size_t)pg, PROT_NONE) != 0) { check(0, 1, 0, 0); report(); return; }
    unsigned char *end = m + pg;
    static char copy[5000];
    for (int len = 0; len < 300; len++) {
        char *s = (char *)end - len - 1;
        for (int i = 0; i < len; i++) s[i] = (char)('A' + (i % 26));
        s[len] = 0;
        check(strlen(s) == (size_t)len, len, 0, 0);
        check(strchr(s, '#') == NULL, len, 1, 0);
        check(strrchr(s, 0) == s + len, len, 2, 0);
        check(memchr(s, '#', (size_t)len + 1) == NULL, len, 3, 0);
        check(strcmp(s, s) == 0, len, 4, 0);
        strcpy(copy + (len & 7), s);
        check(strcmp(copy + (len & 7), s) == 0, len, 5, 0);
        check(strnlen(s, 10000) == (size_t)len, len, 6, 0);
        check(memcmp(s, copy + (len & 7), (size_t)len + 1) == 0, len, 7, 0);
        /* the other operand at the page edge */
        check(strcmp(copy + (len & 7), s) == 0 && strncmp(s, copy + (len & 7), 5000) == 0, len, 8, 0);
        check(strstr(s, "#") == NULL, len, 9, 0);
    }
    munmap(m, (size_t)pg * 2);
    report();
}

int main(void)
{
    test_memcpy();
    test_memmove();
    test_memset();
    test_memcmp();
    test_strlen_strnlen();
    test_strcpy_family();
    test_strcmp_family();
    test_search();
    test_page_end();
    char *d = strdup("duplicate me");
    printf("strdup: %s\n", d);
    free(d);
    printf("strings: %u failures\n", fails);
    return fails ? 1 : 0;
}
