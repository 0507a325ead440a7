/* stdin_wc: reads all of standard input (stdio getchar loop) and prints
 * line, word and byte counts, the longest line length and a CRC-32 of the
 * data, like a tiny `wc`. The manifest feeds tests/data/stdin_wc.in. */
#include <stdio.h>
#include <stdint.h>

int main(void)
{
    uint32_t table[256];
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    unsigned long lines = 0, words = 0, bytes = 0, cur = 0, longest = 0;
    uint32_t crc = 0xffffffffu;
    int ch, inword = 0;
    while ((ch = getchar()) != EOF) {
        bytes++;
        crc = table[(crc ^ (uint32_t)ch) & 0xff] ^ (crc >> 8);
        if (ch == '\n') { lines++; if (cur > longest) longest = cur; cur = 0; }
        else cur++;
        int space = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f';
        if (!space && !inword) words++;
        inword = !space;
    }
    if (cur > longest) longest = cur;
    printf("lines %lu words %lu bytes %lu longest %lu crc32 %08x\n", lines, words, bytes, longest, ~crc);
    return 0;
}
