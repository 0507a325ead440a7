/* bigdir DIR N: a directory of N files read the way an ordinary i386 program does, without
 * _FILE_OFFSET_BITS=64: glibc's non-LFS readdir (built on getdents64; it fails with EOVERFLOW
 * when a d_off or d_ino does not fit 32 bits), telldir/seekdir/rewinddir, and the raw getdents,
 * getdents64, lseek and _llseek on the directory.
 *
 * It makes DIR/bigdir.XXXXXX with files f00000 .. f<N-1>, checks, and removes it. It prints only
 * facts that hold for a native i386 process on any Linux filesystem, so its output is a function
 * of N alone (the test states it). That output comes from reasoning, not from a native run: the
 * machine it was written on cannot execute i386 programs.
 *
 * Build: gcc -m32 -static -O2 -o bigdir bigdir.c (see build.sh). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

struct old_dirent { unsigned long ino, off; unsigned short reclen; char name[]; };
struct dirent64_raw { unsigned long long ino; long long off; unsigned short reclen; unsigned char type; char name[]; };

static int n_files;
static int *seen;              /* per file index: times seen in the current pass */
static char dir[4096];

/* Index of a name: 0..N-1 for f%05d, -1 for "." and "..", -2 for anything else. */
static int index_of(const char *name)
{
    if (!strcmp(name, ".") || !strcmp(name, "..")) return -1;
    char *end;
    if (name[0] != 'f') return -2;
    long i = strtol(name + 1, &end, 10);
    return *end == 0 && end - name == 6 && i >= 0 && i < n_files ? (int)i : -2;
}

/* Whether a pass saw every file exactly once (and nothing unknown). */
static int all_once(int unknown)
{
    if (unknown) return 0;
    for (int i = 0; i < n_files; i++)
        if (seen[i] != 1) return 0;
    return 1;
}

static void check_readdir(void)
{
    DIR *d = opendir(dir);
    if (!d) { printf("opendir failed: %s\n", strerror(errno)); exit(1); }
    int cap = n_files + 2, count = 0, unknown = 0, dots = 0;
    long *pos = malloc(cap * sizeof *pos);
    char (*names)[16] = malloc(cap * sizeof *names);
    memset(seen, 0, n_files * sizeof *seen);
    struct dirent *e;
    for (;;)
    {
        long here = telldir(d);
        errno = 0;
        if ((e = readdir(d)) == NULL) break;
        if (count == cap) { unknown++; break; }
        pos[count] = here;
        snprintf(names[count], sizeof names[count], "%.15s", e->d_name);
        int i = index_of(e->d_name);
        if (i >= 0) seen[i]++; else if (i == -1) dots++; else unknown++;
        count++;
    }
    printf("readdir: %d entries, end errno %d (%s), every file once: %d, . and ..: %d\n",
           count, errno, errno ? strerrorname_np(errno) : "none", all_once(unknown), dots);
    long end = telldir(d);

    /* Back to saved positions, in a scattered order: each gives the entry read from there. */
    int checks = 0, right = 0;
    for (int k = 0; k < count; k += 1 + count / 50)
    {
        int j = (k * 7919) % count;
        seekdir(d, pos[j]);
        e = readdir(d);
        checks++;
        if (e && !strcmp(e->d_name, names[j])) right++;
    }
    seekdir(d, pos[count - 1]);
    e = readdir(d);
    checks++;
    if (e && !strcmp(e->d_name, names[count - 1])) right++;
    printf("seekdir to saved positions: %s\n", checks == right && checks > 40 ? "all right" : "WRONG");
    seekdir(d, end);
    errno = 0;
    e = readdir(d);
    printf("seekdir to the end: %s, errno %d\n", e ? "an entry" : "no entry", errno);
    rewinddir(d);
    e = readdir(d);
    printf("rewinddir gives the first entry again: %d\n", e && !strcmp(e->d_name, names[0]));
    closedir(d);
    free(pos);
    free(names);
}

/* The old getdents in small chunks, then lseek/_llseek back to d_off values. */
static void check_getdents(void)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    char buf[256];
    int cap = n_files + 2, count = 0, unknown = 0, cur_ok = 1;
    unsigned long *offs = malloc(cap * sizeof *offs);   /* d_off of record k: where record k + 1 starts */
    char (*names)[16] = malloc(cap * sizeof *names);
    memset(seen, 0, n_files * sizeof *seen);
    long r;
    while ((r = syscall(SYS_getdents, fd, buf, sizeof buf)) > 0)
    {
        unsigned long last = 0;
        for (long p = 0; p < r;)
        {
            struct old_dirent *e = (struct old_dirent *)(buf + p);
            if (count < cap)
            {
                offs[count] = e->off;
                snprintf(names[count], sizeof names[count], "%.15s", e->name);
                count++;
            }
            int i = index_of(e->name);
            if (i >= 0) seen[i]++; else if (i == -2) unknown++;
            last = e->off;
            p += e->reclen;
        }
        /* The directory's position is where the next call starts: the last record's d_off. */
        if ((unsigned long)syscall(SYS_lseek, fd, 0, SEEK_CUR) != last) cur_ok = 0;
    }
    printf("getdents: %d records, end %ld, every file once: %d, lseek SEEK_CUR = last d_off: %d\n",
           count, r, all_once(unknown), cur_ok);

    int checks = 0, right = 0;
    for (int k = 0; k + 1 < count; k += 1 + count / 40)
    {
        int j = (k * 104729) % (count - 1);
        long long res = -1;
        long moved = k % 2 ? syscall(SYS_lseek, fd, (long)offs[j], SEEK_SET)
                           : (syscall(SYS__llseek, fd, 0ul, offs[j], &res, SEEK_SET) == 0 ? (long)res : -1);
        r = syscall(SYS_getdents, fd, buf, sizeof buf);
        checks++;
        if (moved == (long)offs[j] && r > 0 && !strcmp(((struct old_dirent *)buf)->name, names[j + 1])) right++;
    }
    printf("lseek/_llseek to d_off, then getdents: %s\n", checks == right && checks > 30 ? "all right" : "WRONG");
    syscall(SYS_lseek, fd, 0, SEEK_SET);
    r = syscall(SYS_getdents, fd, buf, sizeof buf);
    printf("lseek 0 gives the first record again: %d\n", r > 0 && !strcmp(((struct old_dirent *)buf)->name, names[0]));
    close(fd);
    free(offs);
    free(names);
}

/* getdents64 gives an i386 process d_off values that fit its 32-bit off_t (what readdir relies on). */
static void check_getdents64(void)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    char buf[4096];
    int count = 0, fit = 1;
    long r;
    while ((r = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0)
        for (long p = 0; p < r;)
        {
            struct dirent64_raw *e = (struct dirent64_raw *)(buf + p);
            if (e->off <= 0 || e->off > 0x7fffffffLL) fit = 0;
            count++;
            p += e->reclen;
        }
    printf("getdents64: %d records, end %ld, every d_off in 1..2^31-1: %d\n", count, r, fit);
    close(fd);
}

int main(int argc, char **argv)
{
    if (argc < 3) { fprintf(stderr, "usage: bigdir DIR N\n"); return 2; }
    n_files = atoi(argv[2]);
    seen = calloc(n_files, sizeof *seen);
    snprintf(dir, sizeof dir, "%s/bigdir.XXXXXX", argv[1]);
    if (!mkdtemp(dir)) { printf("mkdtemp failed: %s\n", strerror(errno)); return 1; }
    char path[4200];
    for (int i = 0; i < n_files; i++)
    {
        snprintf(path, sizeof path, "%s/f%05d", dir, i);
        int fd = open(path, O_CREAT | O_WRONLY, 0600);
        if (fd < 0) { printf("create %s failed: %s\n", path, strerror(errno)); return 1; }
        close(fd);
    }
    printf("%d files\n", n_files);
    check_readdir();
    check_getdents();
    check_getdents64();
    int failed = 0;
    for (int i = 0; i < n_files; i++)
    {
        snprintf(path, sizeof path, "%s/f%05d", dir, i);
        if (unlink(path) != 0) failed++;
    }
    printf("cleanup %s\n", failed == 0 && rmdir(dir) == 0 ? "ok" : "failed");
    return 0;
}
