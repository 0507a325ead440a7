/* Freestanding support for the frontend test programs: no libc, so the programs run under
 * hdbt with only the instruction families they exercise (plus mov/alu/branch/stack).
 * Output is formatted without shifts, multiplies or divides: bytes go through a lookup table.
 * Build: see build.sh in this folder. */
#ifndef MINI_H
#define MINI_H

typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;

/* sys6(nr, a1..a6): a raw i386 system call through int $0x80. */
long sys6(long nr, long a, long b, long c, long d, long e, long f);
__asm__(
    ".text\n"
    ".globl sys6\n"
    "sys6:\n"
    "  pushl %ebp\n  pushl %ebx\n  pushl %esi\n  pushl %edi\n"
    "  movl 20(%esp), %eax\n  movl 24(%esp), %ebx\n  movl 28(%esp), %ecx\n"
    "  movl 32(%esp), %edx\n  movl 36(%esp), %esi\n  movl 40(%esp), %edi\n"
    "  movl 44(%esp), %ebp\n"
    "  int $0x80\n"
    "  popl %edi\n  popl %esi\n  popl %ebx\n  popl %ebp\n"
    "  ret\n");

int main(int argc, char **argv);
__asm__(
    ".globl _start\n"
    "_start:\n"
    "  xorl %ebp, %ebp\n"
    "  movl (%esp), %eax\n"
    "  leal 4(%esp), %edx\n"
    "  andl $-16, %esp\n"
    "  subl $8, %esp\n"
    "  pushl %edx\n  pushl %eax\n"
    "  call main\n"
    "  movl %eax, %ebx\n  movl $1, %eax\n  int $0x80\n");

static const char hex_table[513] =
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
    "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
    "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"
    "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
    "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
    "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf"
    "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf"
    "e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";

static char out_buf[65536];
static u32 out_len;

static inline void flush(void)
{
    u32 done = 0;
    while (done < out_len) {
        long n = sys6(4, 1, (long)(out_buf + done), out_len - done, 0, 0, 0);
        if (n <= 0) break;
        done += n;
    }
    out_len = 0;
}

static inline void put_char(char c)
{
    if (out_len == sizeof out_buf) flush();
    out_buf[out_len++] = c;
}

static inline void put_str(const char *s)
{
    while (*s) put_char(*s++);
}

static inline void put_hex8(u32 b)
{
    const char *p = hex_table + (b & 0xff) + (b & 0xff);
    put_char(p[0]);
    put_char(p[1]);
}

/* Big-endian digits from the little-endian bytes, read through memory. */
static inline void put_hex32(u32 v)
{
    volatile u32 cell = v;
    volatile u8 *p = (volatile u8 *)&cell;
    put_hex8(p[3]); put_hex8(p[2]); put_hex8(p[1]); put_hex8(p[0]);
}

static inline void put_field(const char *name, u32 v)
{
    put_char(' ');
    put_str(name);
    put_char('=');
    put_hex32(v);
}

static inline void put_bytes(const u8 *p, u32 n)
{
    for (u32 i = 0; i < n; i++) put_hex8(p[i]);
}

static inline int str_eq(const char *a, const char *b)
{
    while (*a && *a == *b) { a++; b++; }
    return *a == *b;
}

#endif
