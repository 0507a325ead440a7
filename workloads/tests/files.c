/* files: file-system syscall coverage. Creates a private scratch directory
 * with mkdtemp() under argv[1] if given, else under /tmp; inside it creates,
 * writes, reads, lseeks, ftruncates, fstats, stats, renames, dup()s, appends
 * to and unlinks files; then removes the directory. Prints only
 * deterministic facts (never the path). Exit status 0 if everything passed. */
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
#include <sys/stat.h>
#include <sys/types.h>

static int failures;
#define CHECK(cond, what) do { if (cond) printf("ok   %s\n", what); \
    else { printf("FAIL %s (errno %d)\n", what, errno); failures++; } } while (0)

static char dir[4096];
static char *path(const char *name)
{
    static char buf[2][4200];
    static int which;
    which ^= 1;
    snprintf(buf[which], sizeof buf[which], "%s/%s", dir, name);
    return buf[which];
}

int main(int argc, char **argv)
{
    const char *parent = argc > 1 ? argv[1] : "/tmp";
    snprintf(dir, sizeof dir, "%s/hdbt_files_XXXXXX", parent);
    if (!mkdtemp(dir)) { printf("FAIL mkdtemp (errno %d)\n", errno); return 1; }
    printf("ok   mkdtemp\n");

    /* create + write */
    int fd = open(path("a.txt"), O_CREAT | O_EXCL | O_WRONLY, 0644);
    CHECK(fd >= 0, "open O_CREAT|O_EXCL");
    char data[5000];
    for (int i = 0; i < 5000; i++) data[i] = (char)('A' + i % 26);
    ssize_t w = write(fd, data, sizeof data);
    CHECK(w == 5000, "write 5000 bytes");
    struct stat st;
    CHECK(fstat(fd, &st) == 0 && st.st_size == 5000, "fstat size 5000");
    CHECK(S_ISREG(st.st_mode) && (st.st_mode & 0777) == (0644 & ~umask(022)), "fstat mode regular 0644");
    CHECK(close(fd) == 0, "close");

    /* O_EXCL again must fail with EEXIST */
    errno = 0;
    fd = open(path("a.txt"), O_CREAT | O_EXCL | O_WRONLY, 0644);
    CHECK(fd < 0 && errno == EEXIST, "open O_EXCL on existing -> EEXIST");

    /* read back with lseek */
    fd = open(path("a.txt"), O_RDWR);
    CHECK(fd >= 0, "open O_RDWR");
    char buf[64];
    CHECK(lseek(fd, 100, SEEK_SET) == 100, "lseek SEEK_SET 100");
    ssize_t r = read(fd, buf, 10);
    buf[r > 0 ? r : 0] = 0;
    printf("read at 100: %s\n", buf);
    CHECK(lseek(fd, -26, SEEK_END) == 4974, "lseek SEEK_END -26");
    r = read(fd, buf, 64);
    CHECK(r == 26, "short read at end returns 26");
    buf[r > 0 ? r : 0] = 0;
    printf("last 26: %s\n", buf);
    CHECK(read(fd, buf, 64) == 0, "read at EOF returns 0");
    CHECK(lseek(fd, 0, SEEK_CUR) == 5000, "lseek SEEK_CUR is 5000");

    /* pwrite/pread do not move the offset */
    CHECK(pwrite(fd, "0123456789", 10, 10) == 10, "pwrite 10 at 10");
    memset(buf, 0, sizeof buf);
    CHECK(pread(fd, buf, 15, 5) == 15, "pread 15 at 5");
    printf("pread: %s\n", buf);
    CHECK(lseek(fd, 0, SEEK_CUR) == 5000, "offset unchanged by pread/pwrite");

    /* write past end creates a hole */
    CHECK(lseek(fd, 10000, SEEK_SET) == 10000, "lseek past end");
    CHECK(write(fd, "END", 3) == 3, "write after hole");
    CHECK(fstat(fd, &st) == 0 && st.st_size == 10003, "fstat size 10003");
    CHECK(pread(fd, buf, 4, 6000) == 4 && buf[0] == 0 && buf[3] == 0, "hole reads zeros");
    CHECK(ftruncate(fd, 1234) == 0, "ftruncate 1234");
    CHECK(fstat(fd, &st) == 0 && st.st_size == 1234, "fstat size 1234");

    /* dup shares the offset */
    int fd2 = dup(fd);
    CHECK(fd2 >= 0 && fd2 != fd, "dup");
    CHECK(lseek(fd, 7, SEEK_SET) == 7 && lseek(fd2, 0, SEEK_CUR) == 7, "dup shares offset");
    CHECK(close(fd2) == 0 && close(fd) == 0, "close both");

    /* append mode */
    fd = open(path("a.txt"), O_WRONLY | O_APPEND);
    CHECK(fd >= 0, "open O_APPEND");
    CHECK(lseek(fd, 0, SEEK_SET) == 0 && write(fd, "tail", 4) == 4, "append write");
    close(fd);
    CHECK(stat(path("a.txt"), &st) == 0 && st.st_size == 1238, "stat size 1238");

    /* stdio on the same file */
    FILE *f = fopen(path("b.txt"), "w+");
    CHECK(f != NULL, "fopen w+");
    for (int i = 0; i < 100; i++) fprintf(f, "line %d\n", i);
    CHECK(fflush(f) == 0, "fflush");
    rewind(f);
    unsigned lines = 0, sum = 0;
    char line[64];
    while (fgets(line, sizeof line, f)) { lines++; sum += (unsigned)atoi(line + 5); }
    printf("fgets: %u lines, sum %u, ftell %ld\n", lines, sum, ftell(f));
    CHECK(fclose(f) == 0, "fclose");

    /* rename, access, unlink */
    CHECK(rename(path("a.txt"), path("c.txt")) == 0, "rename a -> c");
    errno = 0;
    CHECK(access(path("a.txt"), F_OK) != 0 && errno == ENOENT, "old name gone (ENOENT)");
    CHECK(access(path("c.txt"), R_OK | W_OK) == 0, "new name accessible");
    CHECK(mkdir(path("sub"), 0755) == 0, "mkdir sub");
    CHECK(stat(path("sub"), &st) == 0 && S_ISDIR(st.st_mode), "stat dir");
    errno = 0;
    CHECK(rmdir(dir) != 0 && errno == ENOTEMPTY, "rmdir non-empty -> ENOTEMPTY");
    CHECK(rmdir(path("sub")) == 0, "rmdir sub");
    CHECK(unlink(path("b.txt")) == 0, "unlink b");
    CHECK(unlink(path("c.txt")) == 0, "unlink c");
    errno = 0;
    CHECK(unlink(path("c.txt")) != 0 && errno == ENOENT, "unlink again -> ENOENT");
    errno = 0;
    CHECK(open(path("nope"), O_RDONLY) < 0 && errno == ENOENT, "open missing -> ENOENT");
    CHECK(rmdir(dir) == 0, "rmdir scratch dir");
    printf("files: %d failures\n", failures);
    return failures ? 1 : 0;
}
