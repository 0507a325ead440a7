/* nqueens: counts all solutions of the N-queens problem with two recursive
 * solvers: a plain array-based backtracker (column/diagonal flag arrays,
 * one call per placement attempt: call/return heavy) and a bitmask solver.
 * Both must agree; the first solution found (lexicographic) is printed.
 * usage: nqueens N [REPEAT]   (4 <= N <= 16)  Written for hdbt bench. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

static int n;
static unsigned char col[32], d1[64], d2[64];
static int pos[32], first[32], have_first;
static uint32_t calls;

static int safe(int r, int c)
{
    return !col[c] && !d1[r + c] && !d2[r - c + n];
}

static void place(int r, int c, unsigned char v)
{
    col[c] = v; d1[r + c] = v; d2[r - c + n] = v;
}

static uint32_t solve_array(int r)
{
    calls++;
    if (r == n) {
        if (!have_first) { for (int i = 0; i < n; i++) first[i] = pos[i]; have_first = 1; }
        return 1;
    }
    uint32_t cnt = 0;
    for (int c = 0; c < n; c++) {
        if (safe(r, c)) {
            place(r, c, 1);
            pos[r] = c;
            cnt += solve_array(r + 1);
            place(r, c, 0);
        }
    }
    return cnt;
}

static uint32_t solve_bits(uint32_t cols, uint32_t ld, uint32_t rd, uint32_t all)
{
    if (cols == all) return 1;
    uint32_t cnt = 0;
    uint32_t avail = ~(cols | ld | rd) & all;
    while (avail) {
        uint32_t bit = avail & (0u - avail);
        avail ^= bit;
        cnt += solve_bits(cols | bit, ((ld | bit) << 1) & all, (rd | bit) >> 1, all);
    }
    return cnt;
}

int main(int argc, char **argv)
{
    n = argc > 1 ? atoi(argv[1]) : 8;
    int repeat = argc > 2 ? atoi(argv[2]) : 1;
    if (n < 4) n = 4;
    if (n > 16) n = 16;
    if (repeat < 1) repeat = 1;
    uint32_t a = 0, b = 0;
    for (int r = 0; r < repeat; r++) {
        calls = 0; have_first = 0;
        a = solve_array(0);
        b = solve_bits(0, 0, 0, (1u << n) - 1);
        if (a != b) { printf("MISMATCH: array %u bits %u\n", a, b); return 1; }
    }
    printf("%d-queens: %u solutions (array solver: %u calls)\n", n, a, calls);
    printf("first solution:");
    for (int i = 0; i < n; i++) printf(" %d", first[i]);
    printf("\n");
    return 0;
}
