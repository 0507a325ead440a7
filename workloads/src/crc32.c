/* crc32: table-driven CRC-32 (IEEE 802.3, reflected poly 0xEDB88320) over
 * LCG-generated data.
 * usage: crc32 KIB [ROUNDS]
 *   Each round generates KIB kibibytes into a buffer (seeded from the previous
 *   CRC) and checksums it byte-at-a-time and with a 4-table "slicing" variant;
 *   both must agree. Written for hdbt bench. Integer only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static uint32_t T[4][256];

static void make_tables(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        T[0][i] = c;
    }
    for (uint32_t i = 0; i < 256; i++) {
        T[1][i] = (T[0][i] >> 8) ^ T[0][T[0][i] & 0xff];
        T[2][i] = (T[1][i] >> 8) ^ T[0][T[1][i] & 0xff];
        T[3][i] = (T[2][i] >> 8) ^ T[0][T[2][i] & 0xff];
    }
}

static uint32_t crc_bytewise(uint32_t crc, const unsigned char *p, size_t n)
{
    crc = ~crc;
    while (n--) crc = T[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

static uint32_t crc_slice4(uint32_t crc, const unsigned char *p, size_t n)
{
    crc = ~crc;
    while (n && ((uintptr_t)p & 3)) { crc = T[0][(crc ^ *p++) & 0xff] ^ (crc >> 8); n--; }
    while (n >= 4) {
        uint32_t w = crc ^ ((uint32_t)p[0] | (uint32_t)p[1] << 8 |
                            (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24);
        crc = T[3][w & 0xff] ^ T[2][(w >> 8) & 0xff] ^
              T[1][(w >> 16) & 0xff] ^ T[0][w >> 24];
        p += 4; n -= 4;
    }
    while (n--) crc = T[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

int main(int argc, char **argv)
{
    unsigned kib = argc > 1 ? (unsigned)strtoul(argv[1], 0, 10) : 64;
    unsigned rounds = argc > 2 ? (unsigned)strtoul(argv[2], 0, 10) : 1;
    make_tables();
    const char *check = "123456789";
    uint32_t c0 = crc_bytewise(0, (const unsigned char *)check, 9);
    uint32_t c1 = crc_slice4(0, (const unsigned char *)check, 9);
    printf("crc32(\"123456789\") = %08x / %08x (%s)\n", c0, c1,
           (c0 == 0xCBF43926u && c1 == c0) ? "ok" : "FAILED");
    if (c0 != 0xCBF43926u || c1 != c0) return 1;

    size_t n = (size_t)kib * 1024;
    unsigned char *buf = malloc(n + 3);
    if (!buf) { printf("out of memory\n"); return 1; }
    uint32_t seed = 1, total = 0;
    for (unsigned r = 0; r < rounds; r++) {
        uint32_t x = seed;
        for (size_t i = 0; i < n + 3; i++) {
            x = x * 1103515245u + 12345u;
            buf[i] = (unsigned char)(x >> 16);
        }
        /* deliberately misaligned start for the sliced version */
        uint32_t a = crc_bytewise(0, buf + (r & 3), n);
        uint32_t b = crc_slice4(0, buf + (r & 3), n);
        if (a != b) { printf("round %u: mismatch %08x %08x\n", r, a, b); return 1; }
        /* incremental == one-shot */
        uint32_t inc = crc_bytewise(0, buf + (r & 3), n / 3);
        inc = crc_slice4(inc, buf + (r & 3) + n / 3, n - n / 3);
        if (inc != a) { printf("round %u: incremental mismatch\n", r); return 1; }
        if (r < 8 || r + 1 == rounds) printf("round %u: %08x\n", r, a);
        total ^= a + r;
        seed = a;
    }
    printf("crc32 %u KiB x %u rounds: final %08x xor %08x\n", kib, rounds, seed, total);
    free(buf);
    return 0;
}
