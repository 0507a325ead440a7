/* Minimal freestanding runtime for the frontend test programs: no libc, so the programs run under
 * hdbt with only the instruction families and syscalls (write, exit_group) they exercise.
 * Each program prints one line per instruction form: the form, the number of cases, and a hash
 * of every case's result and flags. With the argument -v it prints every case instead, so a
 * mismatch can be found by diffing the verbose output of a native and an hdbt run. Other
 * arguments name groups of forms to run (all groups when none is named). */
#ifndef GUEST_H
#define GUEST_H

typedef unsigned int u32;
typedef int i32;

/* The flags every case compares: CF PF AF ZF SF OF. */
#define ARITH 0x8D5u

static int verbose;

static void sys_write(const char *p, u32 n)
{
    int r;
    __asm__ volatile("int $0x80" : "=a"(r) : "0"(4), "b"(1), "c"(p), "d"(n) : "memory");
}

static __attribute__((noreturn)) void sys_exit(int status)
{
    __asm__ volatile("int $0x80" : : "a"(252), "b"(status));
    __builtin_unreachable();
}

static char out_buf[4096];
static u32 out_len;

static void flush(void)
{
    sys_write(out_buf, out_len);
    out_len = 0;
}

static void put_char(char c)
{
    if (out_len == sizeof out_buf) flush();
    out_buf[out_len++] = c;
}

static void put_str(const char *s)
{
    while (*s) put_char(*s++);
}

static void put_hex(u32 v)
{
    int i;
    for (i = 28; i >= 0; i -= 4) put_char("0123456789abcdef"[(v >> i) & 15]);
}

static void put_dec(u32 v)
{
    char t[10];
    int n = 0;
    do { t[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (n) put_char(t[--n]);
}

/* Running hash of one instruction form's cases. */
static u32 hash, cases;

static void begin(void)
{
    hash = 0x811C9DC5u;
    cases = 0;
}

static inline void mix(u32 x)
{
    hash = (hash ^ x) * 0x01000193u;
    hash ^= hash >> 15;
}

/* Records one case: its inputs (for the verbose listing) and its outputs (hashed). */
static void print_case(const char *form, u32 a, u32 b, u32 c, u32 res, u32 flags)
{
    put_str(form); put_char(' ');
    put_hex(a); put_char(' '); put_hex(b); put_char(' '); put_hex(c);
    put_str(" -> "); put_hex(res); put_char(' '); put_hex(flags); put_char('\n');
}

static inline void record(const char *form, u32 a, u32 b, u32 c, u32 res, u32 flags)
{
    cases++;
    mix(res);
    mix(flags);
    if (__builtin_expect(verbose, 0)) print_case(form, a, b, c, res, flags);
}

static void end(const char *form)
{
    if (verbose) return;
    put_str(form); put_char(' '); put_dec(cases); put_char(' '); put_hex(hash); put_char('\n');
}

/* A deterministic pseudo-random sequence for operand values. */
static u32 rnd_state = 12345;

static __attribute__((unused)) u32 rnd(void)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return (rnd_state >> 16) | (rnd_state << 16);
}

int main(int argc, char **argv);

__asm__(".globl _start\n"
        "_start:\n"
        "  xorl %ebp, %ebp\n"
        "  movl (%esp), %eax\n"
        "  leal 4(%esp), %edx\n"
        "  andl $-16, %esp\n"
        "  subl $8, %esp\n"
        "  pushl %edx\n"
        "  pushl %eax\n"
        "  call guest_main\n"
        "  pushl %eax\n"
        "  call guest_exit\n");

void guest_exit(int status);

void guest_exit(int status)
{
    flush();
    sys_exit(status);
}

int guest_main(int argc, char **argv);

static int str_eq(const char *a, const char *b)
{
    while (*a && *a == *b) { a++; b++; }
    return *a == *b;
}

static int group_count;
static char **group_names;

/* Whether the group of forms called name was asked for on the command line. */
static int want(const char *name)
{
    int i, any = 0;
    for (i = 0; i < group_count; i++) {
        if (str_eq(group_names[i], "-v")) continue;
        any = 1;
        if (str_eq(group_names[i], name)) return 1;
    }
    return !any;
}

int guest_main(int argc, char **argv)
{
    int i;
    for (i = 1; i < argc; i++)
        if (str_eq(argv[i], "-v")) verbose = 1;
    group_count = argc - 1;
    group_names = argv + 1;
    return main(argc, argv);
}

#endif
