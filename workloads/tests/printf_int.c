/* printf_int: integer printf formatting coverage: conversions d i u o x X c
 * s %%, flags - + space # 0, field widths and precisions (literal and *,
 * including negative *), length modifiers hh h l ll j z t, extreme values,
 * positional arguments, %n, snprintf truncation and return values, and a
 * little sscanf/strtol parsing. No floating point anywhere. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <stdint.h>
#include <inttypes.h>
#include <sys/types.h>
#include <stddef.h>
#include <errno.h>

int main(void)
{
    /* plain conversions */
    printf("[%d] [%i] [%u] [%o] [%x] [%X] [%c] [%s] [%%]\n", 42, -42, 42u, 42u, 255u, 255u, 'A', "str");
    printf("[%d] [%d] [%d]\n", 0, INT_MAX, INT_MIN);
    printf("[%u] [%x] [%X] [%o]\n", UINT_MAX, UINT_MAX, 0xDEADBEEFu, UINT_MAX);
    printf("[%i] [%i]\n", -1, 1000000000);

    /* flags */
    printf("[%+d] [%+d] [% d] [% d] [%+ d]\n", 5, -5, 5, -5, 5);
    printf("[%-6d] [%6d] [%06d] [%-06d] [%+06d] [% 06d]\n", 42, 42, 42, 42, 42, 42);
    printf("[%#o] [%#x] [%#X] [%#o] [%#x]\n", 8u, 255u, 255u, 0u, 0u);
    printf("[%#10x] [%#-10x] [%#010x] [%-#10o]\n", 0xabcu, 0xabcu, 0xabcu, 0777u);
    printf("[%06d] [%06d] [%-+6d|]\n", -42, INT_MIN, 7);

    /* precision */
    printf("[%.3d] [%.3d] [%.0d] [%.0d] [%5.0d] [%.10u]\n", 7, -7, 0, 1, 0, 123u);
    printf("[%8.3d] [%-8.3d] [%08.3d] [%+.4d] [%#.3o] [%#.3x]\n", 5, 5, 5, 5, 8u, 1u);
    printf("[%.2s] [%.0s] [%10.3s] [%-10.3s] [%.10s]\n", "abcdef", "abc", "abcdef", "abcdef", "ab");

    /* star width / precision */
    printf("[%*d] [%-*d] [%*d] [%.*d] [%*.*d] [%.*d]\n", 6, 1, 6, 2, -6, 3, 4, 4, 8, 5, 5, -1, 77);
    printf("[%*s] [%-*s] [%.*s]\n", 5, "ab", 5, "ab", 2, "abcdef");

    /* length modifiers */
    signed char sc = -128; unsigned char uc = 255; short ss = -32768; unsigned short us = 65535;
    printf("[%hhd] [%hhu] [%hhx] [%hhd]\n", sc, uc, uc, 300);
    printf("[%hd] [%hu] [%hx] [%hd]\n", ss, us, us, 70000);
    printf("[%ld] [%lu] [%lx] [%lo]\n", LONG_MIN, ULONG_MAX, 0x12345678UL, 01234567UL);
    printf("[%lld] [%lld] [%llu] [%llx] [%llX] [%llo]\n", LLONG_MIN, LLONG_MAX, ULLONG_MAX,
           0x0123456789abcdefULL, 0xFEDCBA9876543210ULL, ULLONG_MAX);
    printf("[%lli] [%+lld] [%020lld] [%-20lld|] [%.25lld]\n", -1LL, 1LL << 40, -(1LL << 50),
           12345678901LL, 99LL);
    printf("[%jd] [%ju] [%zd] [%zu] [%zx] [%td]\n", INTMAX_MIN, UINTMAX_MAX, (ssize_t)-3,
           (size_t)4000000000u, (size_t)0xffffffffu, (ptrdiff_t)-12345);
    printf("[%" PRId64 "] [%" PRIu32 "] [%" PRIx16 "]\n", INT64_MIN, UINT32_MAX, (uint16_t)0xbeef);

    /* chars and strings */
    printf("[%c%c%c] [%5c] [%-5c] [%c]\n", 'x', 'y', 'z', '*', '*', 0x41 + 256);
    const char *nul = NULL;
    printf("[%s] [%10s] [%-10s|] [%s]\n", "", "right", "left", nul);

    /* positional arguments */
    printf("[%2$s %1$s] [%3$d %3$x %3$o]\n", "world", "hello", 255);
    printf("[%1$*2$d] [%1$-*2$d]\n", 99, 6);

    /* %n */
    int n1 = 0, n2 = 0; short hn = 0; signed char hhn = 0; long long lln = 0;
    printf("abc%nde%nf%hn%hhn%lln\n", &n1, &n2, &hn, &hhn, &lln);
    printf("n: %d %d %d %d %lld\n", n1, n2, hn, hhn, lln);

    /* snprintf truncation and return values */
    char buf[16];
    int r = snprintf(buf, sizeof buf, "%d-%d-%d-%d", 11111, 22222, 33333, 44444);
    printf("snprintf r=%d buf=[%s] len=%u\n", r, buf, (unsigned)strlen(buf));
    r = snprintf(buf, 1, "%d", 12345);
    printf("snprintf size 1: r=%d buf=[%s]\n", r, buf);
    r = snprintf(NULL, 0, "%lld", LLONG_MIN);
    printf("snprintf NULL,0: r=%d\n", r);
    r = sprintf(buf, "%x%X", 0xabcu, 0xdefu);
    printf("sprintf r=%d buf=[%s]\n", r, buf);
    char big[600];
    r = snprintf(big, sizeof big, "%500d|", 1);
    printf("wide field: r=%d tail=[%s]\n", r, big + 495);

    /* errno text via %m */
    errno = ENOENT;
    printf("[%m]\n");

    /* parsing */
    int a = 0, b = 0; unsigned x = 0; long long ll = 0; char word[16] = "";
    int got = sscanf("  -123 +77 ff 9223372036854775807 token rest", "%d %i %x %lld %15s", &a, &b, &x, &ll, word);
    printf("sscanf got=%d a=%d b=%d x=%u ll=%lld word=%s\n", got, a, b, x, ll, word);
    got = sscanf("0x1f 017 10", "%i %i %i", &a, &b, (int *)&x);
    printf("sscanf %%i bases: got=%d %d %d %u\n", got, a, b, x);
    char *end;
    errno = 0;
    long v = strtol("2147483648", &end, 10);
    printf("strtol overflow: %ld errno=%s\n", v, errno == ERANGE ? "ERANGE" : "other");
    unsigned long uv = strtoul("-1", &end, 10);
    printf("strtoul(-1) = %lu\n", uv);
    long long sv = strtoll("  -0x7fffffffffffffff!", &end, 16);
    printf("strtoll hex = %lld, rest=[%s]\n", sv, end);
    printf("atoi(\"  42abc\") = %d, atol(\"-9\") = %ld\n", atoi("  42abc"), atol("-9"));
    return 0;
}
