/* dirlist: creates a scratch directory (mkdtemp under argv[1] or /tmp) with
 * a few files and a subdirectory, lists it with opendir/readdir (getdents64),
 * sorts the names, prints names with type and size, then cleans up. */
/* 64-bit off_t/ino_t (readdir64, stat64 paths). Without it, glibc's 32-bit
 * readdir/stat fail with EOVERFLOW when the kernel hands out 64-bit directory
 * offsets or inode numbers -- which is what happens to any i386 guest that a
 * 64-bit process (qemu-i386, an emulator) serves from the host's getdents64. */
#define _FILE_OFFSET_BITS 64
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    char dir[4096], p[4200];
    snprintf(dir, sizeof dir, "%s/hdbt_dirlist_XXXXXX", argc > 1 ? argv[1] : "/tmp");
    if (!mkdtemp(dir)) { printf("mkdtemp failed (errno %d)\n", errno); return 1; }
    static const char *const files[] = { "zeta.txt", "alpha", "Beta.dat", "gamma-long-file-name-0123456789",
                                         "delta", ".hidden", "e", "file with spaces" };
    const int nf = sizeof files / sizeof files[0];
    for (int i = 0; i < nf; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        int fd = open(p, O_CREAT | O_WRONLY | O_TRUNC, 0600);
        if (fd < 0) { printf("create %s failed\n", files[i]); return 1; }
        for (int k = 0; k < i * 37; k++) write(fd, "x", 1);
        close(fd);
    }
    snprintf(p, sizeof p, "%s/subdir", dir);
    mkdir(p, 0700);
    /* many files so that more than one getdents64 call may be needed */
    for (int i = 0; i < 150; i++) {
        snprintf(p, sizeof p, "%s/subdir/n%03d_padding_padding_padding", dir, i);
        int fd = open(p, O_CREAT | O_WRONLY, 0600);
        close(fd);
    }

    DIR *d = opendir(dir);
    if (!d) { printf("opendir failed\n"); return 1; }
    char *names[64]; int n = 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL && n < 64) names[n++] = strdup(e->d_name);
    if (!e && errno) printf("readdir failed: errno %d\n", errno);
    closedir(d);
    qsort(names, n, sizeof *names, cmp);
    printf("%d entries\n", n);
    for (int i = 0; i < n; i++) {
        struct stat st;
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        if (stat(p, &st) != 0) { printf("stat %s failed\n", names[i]); return 1; }
        printf("%-34s %s %lld\n", names[i], S_ISDIR(st.st_mode) ? "dir " : "file",
               S_ISDIR(st.st_mode) ? 0LL : (long long)st.st_size);
    }

    snprintf(p, sizeof p, "%s/subdir", dir);
    d = opendir(p);
    if (!d) { printf("opendir subdir failed\n"); return 1; }
    int cnt = 0; unsigned h = 0;
    char **sub = malloc(200 * sizeof *sub);
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.') sub[cnt++] = strdup(e->d_name);
    closedir(d);
    qsort(sub, cnt, sizeof *sub, cmp);
    for (int i = 0; i < cnt; i++) {
        for (const char *s = sub[i]; *s; s++) h = h * 31 + (unsigned char)*s;
        char q[4300];
        snprintf(q, sizeof q, "%s/%s", p, sub[i]);
        unlink(q);
        free(sub[i]);
    }
    free(sub);
    printf("subdir: %d files, first..last hash %08x\n", cnt, h);
    rmdir(p);

    for (int i = 0; i < n; i++) {
        if (strcmp(names[i], ".") && strcmp(names[i], "..") && strcmp(names[i], "subdir")) {
            snprintf(p, sizeof p, "%s/%s", dir, names[i]);
            if (unlink(p) != 0) printf("unlink %s failed\n", names[i]);
        }
        free(names[i]);
    }
    int rc = rmdir(dir);
    printf("cleanup %s\n", rc == 0 ? "ok" : "FAILED");
    return rc == 0 ? 0 : 1;
}
