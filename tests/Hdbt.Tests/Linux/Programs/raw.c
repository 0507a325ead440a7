/* The i386 calls glibc no longer uses (old struct layouts, split 64-bit arguments), made directly. argv[1] is a temporary directory. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#define CHECK(x) do { long r_ = (long)(x); printf("%-58s = %ld%s%s\n", #x, r_, r_ < 0 ? " errno=" : "", r_ < 0 ? strerrorname_np(errno) : ""); } while (0)

struct old_stat { unsigned dev, ino; unsigned short mode, nlink, uid, gid; unsigned rdev, size, blksize, blocks, at, atn, mt, mtn, ct, ctn, u4, u5; };
struct old_sigaction { unsigned handler, mask, flags, restorer; };
struct k_sigaction { unsigned handler, flags, restorer; unsigned long long mask; };
struct ts32 { int sec, nsec; };
struct tv32 { int sec, usec; };

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Reads a directory with the old getdents in small chunks; returns the sorted names. */
static void old_getdents(int fd)
{
    char buf[64], *names[64];
    int n = 0, types_ok = 1;
    long r;
    while ((r = syscall(SYS_getdents, fd, buf, sizeof buf)) > 0)
        for (long pos = 0; pos < r;)
        {
            unsigned short reclen = *(unsigned short *)(buf + pos + 8);
            char *name = buf + pos + 10;
            unsigned char type = buf[pos + reclen - 1];
            if (name[0] == 'f' && type != DT_REG) types_ok = 0;
            if (!strcmp(name, "sub") && type != DT_DIR) types_ok = 0;
            names[n++] = strdup(name);
            pos += reclen;
        }
    printf("old getdents end %ld, %d names, types ok %d:", r, n, types_ok);
    qsort(names, n, sizeof names[0], cmp);
    for (int i = 0; i < n; i++) printf(" %s", names[i]);
    printf("\n");
}

int main(int argc, char **argv)
{
    if (argc < 2 || chdir(argv[1]) != 0) { perror("chdir"); return 2; }
    umask(022);
    char buf[512];

    /* Files with split 64-bit offsets. */
    int fd = syscall(SYS_creat, "f1", 0644);
    printf("creat fd %d\n", fd);
    CHECK(syscall(SYS_write, fd, "abcdefghij", 10));
    CHECK(syscall(SYS_read, fd, buf, 1));
    CHECK(syscall(SYS_readv, fd, (void *)8, 1025));
    close(fd);
    fd = open("f1", O_RDWR);
    CHECK(syscall(SYS_pwrite64, fd, "XY", 2, 4, 0));
    CHECK(syscall(SYS_pread64, fd, buf, 4, 3, 0));
    printf("pread64 '%.4s'\n", buf);
    CHECK(syscall(SYS_pread64, fd, buf, 4, 0, 1));
    long long pos = -1;
    CHECK(syscall(SYS__llseek, fd, 1, 5, &pos, SEEK_SET));
    printf("llseek pos %lld\n", pos);
    CHECK(syscall(SYS__llseek, fd, 0, 2, &pos, 7));
    CHECK(syscall(SYS__llseek, fd, 0, 2, (void *)8, SEEK_SET));
    CHECK(syscall(SYS_lseek, fd, 0, SEEK_CUR));
    CHECK(syscall(SYS_lseek, fd, 3, SEEK_SET));
    CHECK(syscall(SYS_ftruncate64, fd, 20, 0));
    CHECK(syscall(SYS_fadvise64_64, fd, 0, 0, 100, 0, POSIX_FADV_SEQUENTIAL));
    CHECK(syscall(SYS_fadvise64_64, fd, 0, 0, 100, 0, 99));
    CHECK(syscall(SYS_fadvise64, fd, 0, 0, 100, POSIX_FADV_RANDOM));
    CHECK(syscall(SYS_fallocate, fd, 0, 0, 0, 4096, 0));
    CHECK(syscall(SYS_fallocate, fd, 0, 0, 0, 0, 0));
    CHECK(syscall(SYS_truncate64, "f1", 30, 0));
    CHECK(syscall(SYS_sync_file_range, fd, 0, 0, 0, 0, 0));
    struct iovec bad[2] = {{buf, 4}, {(void *)8, 4}};
    CHECK(syscall(SYS_pwritev, fd, bad, 2, 0, 0));
    CHECK(syscall(SYS_preadv, fd, bad, 2, 0, 0));
    printf("preadv '%.4s'\n", buf);
    struct iovec first_bad[1] = {{(void *)8, 4}};
    CHECK(syscall(SYS_readv, fd, first_bad, 1));
    struct iovec neg[1] = {{buf, 0x80000000u}};
    CHECK(syscall(SYS_readv, fd, neg, 1));
    CHECK(syscall(SYS_readv, fd, neg, 1025));
    CHECK(syscall(SYS_write, fd, (void *)8, 0));
    CHECK(syscall(SYS_write, fd, (void *)8, 5));

    /* Old stat and statfs layouts. */
    struct old_stat os;
    memset(&os, 0, sizeof os);
    CHECK(syscall(SYS_stat, "f1", &os));
    printf("old stat size %u mode %o nlink %u uid ok %d blksize %u\n", os.size, os.mode, os.nlink, os.uid == (getuid() > 65535 ? 65534 : getuid()), os.blksize);
    CHECK(syscall(SYS_fstat, fd, &os));
    printf("old fstat size %u\n", os.size);
    CHECK(syscall(SYS_symlink, "f1", "l1"));
    CHECK(syscall(SYS_lstat, "l1", &os));
    printf("old lstat link %d size %u\n", S_ISLNK(os.mode), os.size);
    CHECK(syscall(SYS_ftruncate64, fd, 0, 1));
    CHECK(syscall(SYS_stat, "f1", &os));
    CHECK(syscall(SYS_stat, "f1", (void *)8));
    CHECK(syscall(SYS_ftruncate64, fd, 30, 0));
    unsigned sfs[16], sfs64[21];
    CHECK(syscall(SYS_statfs, ".", sfs));
    CHECK(syscall(SYS_statfs64, ".", 84, sfs64));
    CHECK(syscall(SYS_fstatfs64, fd, 88, sfs64));
    CHECK(syscall(SYS_fstatfs, fd, sfs));
    printf("statfs bsize agree %d type agree %d namelen agree %d\n", sfs[1] == sfs64[1], sfs[0] == sfs64[0], sfs[9] == sfs64[14]);

    /* Old time-setting calls. */
    struct { int a, m; } ub = {111, 222};
    CHECK(syscall(SYS_utime, "f1", &ub));
    struct stat st;
    stat("f1", &st);
    printf("utime %ld %ld\n", (long)st.st_atime, (long)st.st_mtime);
    struct tv32 tvs[2] = {{333, 4}, {444, 1000001}};
    CHECK(syscall(SYS_utimes, "f1", tvs));
    tvs[1].usec = 5;
    CHECK(syscall(SYS_futimesat, AT_FDCWD, "f1", tvs));
    stat("f1", &st);
    printf("futimesat %ld.%09ld %ld.%09ld\n", (long)st.st_atime, st.st_atim.tv_nsec, (long)st.st_mtime, st.st_mtim.tv_nsec);
    struct ts32 tss[2] = {{555, 6}, {0, UTIME_OMIT}};
    CHECK(syscall(SYS_utimensat, fd, NULL, tss, 0));
    stat("f1", &st);
    printf("utimensat fd %ld %ld\n", (long)st.st_atime, (long)st.st_mtime);
    CHECK(syscall(SYS_chown, "f1", 0xffff, 0xffff));
    CHECK(syscall(SYS_fchown, fd, 0xffff, 0xffff));

    /* Old directory reading, with positions that must survive a seek. */
    mkdir("dir", 0755);
    mkdir("dir/sub", 0755);
    for (int i = 0; i < 12; i++)
    {
        sprintf(buf, "dir/f%d", i);
        close(open(buf, O_CREAT | O_WRONLY, 0644));
    }
    int dfd = open("dir", O_RDONLY | O_DIRECTORY);
    old_getdents(dfd);
    CHECK(syscall(SYS_lseek, dfd, 0, SEEK_SET));
    old_getdents(dfd);
    CHECK(syscall(SYS_getdents, dfd, (void *)8, 100));
    CHECK(syscall(SYS_lseek, dfd, 0, SEEK_SET));
    CHECK(syscall(SYS_getdents, dfd, (void *)8, 100));
    CHECK(syscall(SYS_getdents, fd, buf, sizeof buf));
    CHECK(syscall(SYS_getdents, dfd, buf, 5));
    close(dfd);
    DIR *d = opendir("dir");
    for (int i = 0; i < 5; i++) readdir(d);
    long where = telldir(d);
    struct dirent *e = readdir(d);
    char name[64] = "";
    if (e != NULL) strcpy(name, e->d_name);
    while (readdir(d)) {}
    seekdir(d, where);
    e = readdir(d);
    printf("seekdir returns to the same entry: %d\n", e != NULL && !strcmp(e->d_name, name));
    closedir(d);

    /* Old select forms and poll. */
    int p[2];
    pipe(p);
    write(p[1], "z", 1);
    unsigned rs = 1u << p[0], ws = 1u << p[1];
    struct tv32 tv = {0, 1500000};
    CHECK(syscall(SYS__newselect, p[1] + 1, &rs, &ws, NULL, &tv));
    printf("newselect r %d w %d time left normalized %d\n", !!(rs & (1u << p[0])), !!(ws & (1u << p[1])), tv.sec == 1 && tv.usec > 400000 && tv.usec <= 500000);
    unsigned args[5] = {p[1] + 1, (unsigned)&rs, 0, 0, (unsigned)&tv};
    rs = 1u << p[0];
    CHECK(syscall(SYS_select, args));
    tv.usec = -1;
    CHECK(syscall(SYS__newselect, p[1] + 1, &rs, NULL, NULL, &tv));
    struct ts32 pts = {0, 0};
    rs = 1u << p[0];
    CHECK(syscall(SYS_pselect6, p[1] + 1, &rs, NULL, NULL, &pts, NULL));
    unsigned long long m = 0;
    unsigned sig6[2] = {(unsigned)&m, 4};
    CHECK(syscall(SYS_pselect6, p[1] + 1, &rs, NULL, NULL, &pts, sig6));
    struct pollfd pf[2] = {{p[0], POLLIN, 0}, {200, POLLIN, 0}};
    struct ts32 pt = {1, 0};
    CHECK(syscall(SYS_ppoll, pf, 2, &pt, NULL, 8));
    printf("ppoll revents %#x %#x, time left below 1s %d\n", pf[0].revents, pf[1].revents, pt.sec == 0 && pt.nsec > 0);
    CHECK(syscall(SYS_ppoll, pf, 2, &pt, &m, 7));
    CHECK(syscall(SYS_poll, pf, 0x7fffffff, 0));

    /* Old signal calls. */
    CHECK(syscall(SYS_signal, SIGUSR1, SIG_IGN));
    CHECK(syscall(SYS_signal, SIGUSR1, SIG_DFL));
    struct old_sigaction oa = {0x1234, 1u << (SIGUSR2 - 1), SA_RESTART | 0x400, 0x5678}, ob;
    CHECK(syscall(SYS_sigaction, SIGINT, &oa, NULL));
    CHECK(syscall(SYS_sigaction, SIGINT, NULL, &ob));
    printf("old sigaction %#x %#x %#x %#x\n", ob.handler, ob.mask, ob.flags, ob.restorer);
    struct k_sigaction ka;
    CHECK(syscall(SYS_rt_sigaction, SIGINT, NULL, &ka, 8));
    printf("rt view %#x %#x %#x %#llx\n", ka.handler, ka.flags, ka.restorer, ka.mask);
    signal(SIGINT, SIG_DFL);
    unsigned om = 0xffffffff, nm = 1u << (SIGUSR1 - 1);
    CHECK(syscall(SYS_sigprocmask, SIG_SETMASK, &nm, &om));
    printf("old mask before %#x\n", om);
    CHECK(syscall(SYS_sgetmask));
    CHECK(syscall(SYS_ssetmask, 1u << (SIGHUP - 1)));
    CHECK(syscall(SYS_sgetmask));
    CHECK(syscall(SYS_sigpending, &om));
    CHECK(syscall(SYS_rt_sigprocmask, SIG_SETMASK, &m, NULL, 8));

    /* Odds and ends. */
    sprintf(buf, "/proc/self/fd/%d", fd);
    char link[256];
    long n = syscall(SYS_readlink, buf, link, sizeof link);
    printf("fd link ends with /f1: %d\n", n > 3 && !memcmp(link + n - 3, "/f1", 3));
    CHECK(syscall(SYS_getcwd, buf, 1));
    CHECK(syscall(SYS_getcwd, buf, sizeof buf) > 1);
    fd = open("f1", O_RDONLY);
    int out = open("copy", O_CREAT | O_WRONLY, 0644);
    int off = 2;
    CHECK(syscall(SYS_sendfile, out, fd, &off, 5));
    printf("sendfile offset now %d\n", off);
    long long off64 = 1;
    CHECK(syscall(SYS_sendfile64, out, fd, &off64, 3));
    printf("sendfile64 offset now %lld\n", off64);
    CHECK(syscall(SYS_sendfile, out, fd, NULL, 4));
    CHECK(syscall(SYS_lseek, out, 0, SEEK_CUR));
    CHECK(syscall(SYS_close_range, 100, 50, 0));
    CHECK(syscall(SYS_close_range, p[0], p[1], 4));
    CHECK(fcntl(p[1], F_GETFD));
    CHECK(syscall(SYS_close_range, p[0], ~0u, 0));
    CHECK(fcntl(p[0], F_GETFD));
    CHECK(fcntl(fd, F_GETFD));
    CHECK(syscall(SYS_times, NULL) != 0);
    return 0;
}
