/* File and directory syscalls in a temporary directory (argv[1]); prints only portable facts. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <unistd.h>

#define CHECK(x) do { long r_ = (long)(x); printf("%-40s = %ld%s%s\n", #x, r_, r_ < 0 ? " errno=" : "", r_ < 0 ? strerrorname_np(errno) : ""); } while (0)

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(const char *dir)
{
    DIR *d = opendir(dir);
    char *names[64];
    int n = 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL && n < 64)
        names[n++] = strdup(e->d_name);
    printf("readdir end errno=%d\n", errno);
    closedir(d);
    qsort(names, n, sizeof names[0], cmp);
    printf("%s:", dir);
    for (int i = 0; i < n; i++) printf(" %s", names[i]);
    printf("\n");
}

int main(int argc, char **argv)
{
    if (argc < 2 || chdir(argv[1]) != 0) { perror("chdir"); return 2; }
    umask(022);
    char buf[256];

    int fd = open("a.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    printf("first fd %d\n", fd);
    CHECK(write(fd, "hello world\n", 12));
    CHECK(fcntl(fd, F_GETFL) & (O_ACCMODE | O_APPEND | O_NONBLOCK | 0x8000));
    CHECK(close(fd));
    CHECK(close(fd));

    fd = open("a.txt", O_RDWR | O_APPEND);
    CHECK(fcntl(fd, F_GETFL) & (O_ACCMODE | O_APPEND | O_NONBLOCK | 0x8000));
    CHECK(lseek(fd, 6, SEEK_SET));
    memset(buf, 0, sizeof buf);
    CHECK(read(fd, buf, 5));
    printf("read '%s'\n", buf);
    CHECK(write(fd, "more\n", 5));
    CHECK(lseek(fd, 0, SEEK_CUR));
    CHECK(lseek(fd, -3, SEEK_END));
    CHECK(lseek(fd, -100, SEEK_SET));
    CHECK(lseek64(fd, 1LL << 33, SEEK_SET) == (1LL << 33));
    CHECK(lseek(fd, 0, SEEK_CUR));
    CHECK(pread(fd, buf, 4, 0));
    printf("pread '%.4s'\n", buf);
    CHECK(pwrite(fd, "J", 1, 0));
    CHECK(pread64(fd, buf, 5, 0));
    printf("pread64 '%.5s'\n", buf);
    CHECK(read(fd, NULL, 4));
    CHECK(close(fd));

    fd = open("v.txt", O_CREAT | O_RDWR | O_TRUNC | O_LARGEFILE, 0600);
    CHECK(fcntl(fd, F_GETFL) & (O_ACCMODE | O_APPEND | O_NONBLOCK | 0x8000));
    struct iovec iov[3] = {{"abc", 3}, {"", 0}, {"defgh", 5}};
    CHECK(writev(fd, iov, 3));
    CHECK(lseek(fd, 0, SEEK_SET));
    char x[3], y[10];
    struct iovec in[2] = {{x, 3}, {y, 10}};
    CHECK(readv(fd, in, 2));
    printf("readv '%.3s' '%.5s'\n", x, y);
    CHECK(ftruncate(fd, 4));
    struct stat st;
    CHECK(fstat(fd, &st));
    printf("size %lld mode %o nlink %d regular %d\n", (long long)st.st_size, st.st_mode & 07777, (int)st.st_nlink, S_ISREG(st.st_mode));
    CHECK(ftruncate64(fd, 5000000000LL));
    CHECK(fstat(fd, &st));
    struct stat64 st64;
    CHECK(fstat64(fd, &st64));
    printf("size64 %lld\n", (long long)st64.st_size);
    CHECK(stat("v.txt", &st));
    CHECK(open("v.txt", O_RDONLY));
    CHECK(truncate("v.txt", 7));
    CHECK(stat("v.txt", &st));
    printf("size %lld\n", (long long)st.st_size);
    CHECK(close(fd));

    CHECK(mkdir("d", 0755));
    CHECK(mkdir("d", 0755));
    CHECK(mkdir("d/sub", 0700));
    CHECK(rename("a.txt", "d/b.txt"));
    CHECK(rename("a.txt", "d/c.txt"));
    CHECK(link("d/b.txt", "d/hard"));
    CHECK(symlink("b.txt", "d/soft"));
    CHECK(symlink("nowhere", "d/dangling"));
    CHECK(stat("d/hard", &st));
    printf("nlink %d size %lld\n", (int)st.st_nlink, (long long)st.st_size);
    CHECK(lstat("d/soft", &st));
    printf("soft is link %d size %lld\n", S_ISLNK(st.st_mode), (long long)st.st_size);
    CHECK(stat("d/soft", &st));
    printf("soft target regular %d size %lld\n", S_ISREG(st.st_mode), (long long)st.st_size);
    CHECK(stat("d/dangling", &st));
    ssize_t n = readlink("d/soft", buf, sizeof buf);
    printf("readlink %zd '%.*s'\n", n, (int)n, buf);
    CHECK(readlink("d/soft", buf, 2));
    CHECK(readlink("d/b.txt", buf, sizeof buf));
    CHECK(access("d/b.txt", R_OK | W_OK));
    CHECK(access("d/nope", F_OK));
    CHECK(chmod("d/b.txt", 0400));
    CHECK(stat("d/b.txt", &st));
    printf("mode %o\n", st.st_mode & 07777);
    CHECK(faccessat(AT_FDCWD, "d/b.txt", R_OK, 0));
    int dfd = open("d", O_RDONLY | O_DIRECTORY);
    CHECK(fstatat(dfd, "b.txt", &st, 0));
    CHECK(fstatat(dfd, "soft", &st, AT_SYMLINK_NOFOLLOW));
    printf("at: link %d\n", S_ISLNK(st.st_mode));
    CHECK(fstatat(dfd, "", &st, AT_EMPTY_PATH));
    printf("empty path: dir %d\n", S_ISDIR(st.st_mode));
    CHECK(fstatat(12345, "/", &st, 0));
    CHECK(fstatat(12345, "x", &st, 0));
    n = readlinkat(dfd, "soft", buf, sizeof buf);
    printf("readlinkat %zd\n", n);
    CHECK(mkdirat(dfd, "sub2", 0755));
    CHECK(unlinkat(dfd, "sub2", AT_REMOVEDIR));
    CHECK(renameat(dfd, "hard", dfd, "hard2"));
    CHECK(linkat(dfd, "hard2", AT_FDCWD, "top", 0));
    CHECK(symlinkat("d/b.txt", AT_FDCWD, "toplink"));
    CHECK(fchmodat(dfd, "hard2", 0644, 0));
    CHECK(fchownat(dfd, "hard2", -1, -1, 0));
    CHECK(chown("top", getuid(), getgid()));
    CHECK(lchown("toplink", -1, -1));

    struct timespec ts[2] = {{1000000000, 5}, {1234567890, 999}};
    CHECK(utimensat(dfd, "hard2", ts, 0));
    CHECK(stat("d/hard2", &st));
    printf("atime %ld.%09ld mtime %ld.%09ld\n", (long)st.st_atim.tv_sec, st.st_atim.tv_nsec, (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    struct timespec omit[2] = {{0, UTIME_OMIT}, {99, 0}};
    CHECK(utimensat(AT_FDCWD, "top", omit, 0));
    CHECK(stat("top", &st));
    printf("atime %ld mtime %ld\n", (long)st.st_atim.tv_sec, (long)st.st_mtim.tv_sec);
    struct timeval tv[2] = {{777, 1}, {888, 2}};
    CHECK(utimes("top", tv));
    CHECK(stat("top", &st));
    printf("atime %ld.%09ld mtime %ld.%09ld\n", (long)st.st_atim.tv_sec, st.st_atim.tv_nsec, (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);

    for (int i = 0; i < 20; i++)
    {
        char name[32];
        sprintf(name, "d/f%02d", i);
        close(open(name, O_CREAT | O_WRONLY, 0644));
    }
    list("d");
    list("d/sub");
    CHECK(rmdir("d"));
    CHECK(rmdir("d/sub"));
    CHECK(unlink("d/f00"));
    CHECK(unlink("d/f00"));
    CHECK(unlinkat(AT_FDCWD, "d/f01", 0));

    char cwd[4096];
    CHECK(getcwd(cwd, sizeof cwd) != NULL);
    CHECK(getcwd(cwd, 2) != NULL);
    printf("getcwd small: %s\n", strerrorname_np(errno));
    CHECK(chdir("d"));
    CHECK(getcwd(buf, sizeof buf) != NULL);
    printf("cwd ends with /d: %d\n", strcmp(buf + strlen(buf) - 2, "/d") == 0);
    CHECK(access("b.txt", F_OK));
    CHECK(chdir(".."));
    CHECK(fchdir(dfd));
    CHECK(access("soft", F_OK));
    CHECK(chdir(cwd));
    CHECK(close(dfd));

    char exe[4096];
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = 0;
    printf("exe ends with /files: %d absolute: %d\n", n > 6 && strcmp(exe + n - 6, "/files") == 0, exe[0] == '/');
    fd = open("top", O_RDONLY);
    char link[64];
    sprintf(link, "/proc/self/fd/%d", fd);
    n = readlink(link, buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    printf("fd link ends with /top: %d\n", n > 4 && strcmp(buf + n - 4, "/top") == 0);
    sprintf(link, "/dev/fd/%d", fd);
    CHECK(stat(link, &st));
    printf("via /dev/fd size %lld\n", (long long)st.st_size);
    CHECK(close(fd));

    struct statfs sf;
    struct statfs64 sf64;
    CHECK(statfs(".", &sf));
    CHECK(statfs64(".", &sf64));
    printf("statfs agree: %d %d\n", sf.f_bsize == sf64.f_bsize, sf.f_type == sf64.f_type);
    CHECK(open("/nonexistent/x", O_RDONLY));
    CHECK(creat("made", 0600));
    CHECK(stat("made", &st));
    printf("creat mode %o\n", st.st_mode & 07777);
    return 0;
}
