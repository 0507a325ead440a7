#define _GNU_SOURCE
/* memory: exercises the guest address space: brk, anonymous and file-backed mmap
 * (private and shared), munmap, mprotect, mremap (grow in place and move), madvise. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static unsigned sum(const unsigned char *p, size_t n) {
    unsigned s = 0;
    for (size_t i = 0; i < n; i++) s = s * 31 + p[i];
    return s;
}

int main(int argc, char **argv) {
    char path[512];
    snprintf(path, sizeof path, "%s/memory_test.bin", argc > 1 ? argv[1] : "/tmp");

    /* brk grows and shrinks */
    char *b0 = sbrk(0);
    char *b1 = sbrk(100000);
    memset(b1, 0x5a, 100000);
    printf("brk grew: %d, tail byte %x\n", (int)((char *)sbrk(0) - b0), (unsigned char)b1[99999]);
    sbrk(-50000);
    printf("brk shrank to %d\n", (int)((char *)sbrk(0) - b0));

    /* anonymous private mapping is zeroed */
    unsigned char *a = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("anon zero: %u\n", sum(a, 3 * 4096));
    for (int i = 0; i < 3 * 4096; i++) a[i] = (unsigned char)i;
    printf("anon sum: %u\n", sum(a, 3 * 4096));

    /* mremap: grow (in place or moved), contents kept */
    unsigned char *g = mremap(a, 3 * 4096, 64 * 4096, MREMAP_MAYMOVE);
    printf("mremap ok: %d, kept sum: %u, new part zero: %u\n", g != MAP_FAILED, sum(g, 3 * 4096), sum(g + 3 * 4096, 61 * 4096));
    g = mremap(g, 64 * 4096, 2 * 4096, 0);
    printf("mremap shrink ok: %d\n", g != MAP_FAILED);

    /* munmap then MAP_FIXED into the hole */
    munmap(g + 4096, 4096);
    unsigned char *f = mmap(g + 4096, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("fixed at hole: %d, zero: %u\n", f == g + 4096, sum(f, 4096));

    /* mprotect round trip */
    printf("mprotect ro: %d\n", mprotect(g, 4096, PROT_READ));
    printf("mprotect rw: %d\n", mprotect(g, 4096, PROT_READ | PROT_WRITE));
    g[0] = 1;
    printf("mprotect unmapped: %d\n", mprotect((void *)0x10000, 4096, PROT_READ) == -1);

    /* file-backed mappings */
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    unsigned char buf[10000];
    for (int i = 0; i < 10000; i++) buf[i] = (unsigned char)(i * 7);
    write(fd, buf, sizeof buf);
    unsigned char *priv = mmap(NULL, 10000, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    printf("private map sum: %u (file %u)\n", sum(priv, 10000), sum(buf, 10000));
    printf("beyond EOF in last page is zero: %u\n", sum(priv + 10000, 3 * 4096 - 10000));
    priv[0] = 0xEE; /* private write does not reach the file */
    unsigned char *sh = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 4096);
    sh[0] = 0xAB; /* shared write does */
    msync(sh, 8192, MS_SYNC);
    unsigned char c0, c1;
    pread(fd, &c0, 1, 0);
    pread(fd, &c1, 1, 4096);
    printf("file after writes: %x %x\n", c0, c1);
    munmap(priv, 10000);
    munmap(sh, 8192);
    close(fd);
    unlink(path);

    /* madvise(DONTNEED) zeroes private anonymous pages */
    unsigned char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(m, 0x11, 8192);
    madvise(m, 8192, MADV_DONTNEED);
    printf("after DONTNEED: %u\n", sum(m, 8192));

    /* big malloc goes through mmap */
    char *big = malloc(8 << 20);
    memset(big, 1, 8 << 20);
    printf("big malloc ok: %d\n", big[(8 << 20) - 1]);
    free(big);
    return 0;
}
