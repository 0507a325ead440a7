/* Descriptor plumbing: numbering, dup family, fcntl, pipes, select, poll, locks, ioctl. argv[1] is a temporary directory. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

#define CHECK(x) do { long r_ = (long)(x); printf("%-44s = %ld%s%s\n", #x, r_, r_ < 0 ? " errno=" : "", r_ < 0 ? strerrorname_np(errno) : ""); } while (0)

static void sel(const char *what, int n, int rfd, int wfd, int efd)
{
    fd_set r, w;
    FD_ZERO(&r);
    FD_ZERO(&w);
    if (rfd >= 0) FD_SET(rfd, &r);
    if (wfd >= 0) FD_SET(wfd, &w);
    if (efd >= 0) FD_SET(efd, &r);
    struct timeval tv = {0, 0};
    int k = select(n, &r, &w, NULL, &tv);
    printf("select %s = %d%s%s r:%d w:%d\n", what, k, k < 0 ? " errno=" : "", k < 0 ? strerrorname_np(errno) : "",
           rfd >= 0 && FD_ISSET(rfd, &r), wfd >= 0 && FD_ISSET(wfd, &w));
}

int main(int argc, char **argv)
{
    if (argc < 2 || chdir(argv[1]) != 0) { perror("chdir"); return 2; }
    umask(022);
    int p[2];
    CHECK(pipe(p));
    printf("pipe fds %d %d\n", p[0], p[1]);
    CHECK(dup(p[1]));
    CHECK(dup2(p[1], 10));
    CHECK(dup2(10, 10));
    CHECK(dup2(77, 10));
    CHECK(dup2(p[1], 5000));
    CHECK(dup3(p[1], 11, O_CLOEXEC));
    CHECK(fcntl(11, F_GETFD));
    CHECK(dup3(11, 11, 0));
    CHECK(dup3(11, 12, O_NONBLOCK));
    CHECK(fcntl(p[0], F_DUPFD, 20));
    CHECK(fcntl(p[0], F_DUPFD, 20));
    CHECK(fcntl(p[0], F_DUPFD_CLOEXEC, 7));
    CHECK(fcntl(7, F_GETFD));
    CHECK(fcntl(7, F_SETFD, 0));
    CHECK(fcntl(7, F_GETFD));
    CHECK(fcntl(p[0], F_DUPFD, 5000));
    CHECK(fcntl(p[0], F_GETFL) & (O_ACCMODE | O_NONBLOCK | 0x8000));
    CHECK(fcntl(p[0], F_SETFL, O_NONBLOCK));
    CHECK(fcntl(p[0], F_GETFL) & (O_ACCMODE | O_NONBLOCK | 0x8000));
    CHECK(fcntl(20, F_GETFL) & (O_ACCMODE | O_NONBLOCK | 0x8000));
    CHECK(fcntl(99, F_GETFD));
    CHECK(fcntl(p[0], 9999));
    CHECK(close(20));
    CHECK(close(21));
    CHECK(close(7));
    CHECK(close(10));
    CHECK(close(11));
    CHECK(close(5));

    char buf[64];
    CHECK(read(p[0], buf, sizeof buf));
    sel("empty pipe", p[1] + 1, p[0], p[1], -1);
    struct pollfd pf[3] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}, {-1, POLLIN, 0}};
    CHECK(poll(pf, 3, 0));
    printf("revents %#x %#x %#x\n", pf[0].revents, pf[1].revents, pf[2].revents);
    CHECK(write(p[1], "ping", 4));
    int avail = -1;
    CHECK(ioctl(p[0], FIONREAD, &avail));
    printf("FIONREAD %d\n", avail);
    sel("data", p[1] + 1, p[0], -1, -1);
    sel("too small n", p[0], p[0], -1, -1);
    sel("closed fd", 50, 45, -1, -1);
    CHECK(poll(pf, 1, 100));
    printf("revents %#x\n", pf[0].revents);
    CHECK(read(p[0], buf, sizeof buf));
    CHECK(close(p[1]));
    CHECK(close(4));
    pf[0].revents = 0;
    CHECK(poll(pf, 1, 1000));
    printf("revents after writers closed %#x\n", pf[0].revents);
    struct pollfd bad = {40, POLLIN, 0};
    CHECK(poll(&bad, 1, 0));
    printf("revents closed fd %#x\n", bad.revents);
    struct timespec zero = {0, 0};
    CHECK(ppoll(pf, 1, &zero, NULL));
    CHECK(read(p[0], buf, sizeof buf));
    CHECK(close(p[0]));

    /* Numbering: the lowest free number, even below the ones the host uses. */
    int saved = dup(0);
    CHECK(close(0));
    int z = open(".", O_RDONLY);
    printf("reopened as %d\n", z);
    CHECK(dup2(saved, 0));
    CHECK(close(saved));

    /* Terminal ioctls on a non-terminal. */
    int fd = open("f", O_CREAT | O_RDWR, 0644);
    struct winsize ws;
    struct termios tio;
    CHECK(ioctl(fd, TIOCGWINSZ, &ws));
    CHECK(ioctl(fd, TCGETS, &tio));
    CHECK(isatty(fd));
    CHECK(ioctl(fd, TCGETS, NULL));
    CHECK(ioctl(fd, FIONREAD, &avail));
    CHECK(ioctl(99, TCGETS, &tio));
    int one = 1;
    CHECK(ioctl(fd, FIONBIO, &one));
    CHECK(fcntl(fd, F_GETFL) & O_NONBLOCK);
    CHECK(ioctl(fd, FIOCLEX));
    CHECK(fcntl(fd, F_GETFD));

    /* Locks: our own never conflict with each other; an OFD lock conflicts with another open file description. */
    CHECK(write(fd, "0123456789", 10));
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 2, .l_len = 3};
    CHECK(fcntl(fd, F_SETLK, &fl));
    fl.l_type = F_RDLCK;
    CHECK(fcntl(fd, F_GETLK, &fl));
    printf("getlk type %d (unlck %d)\n", fl.l_type, F_UNLCK);
    struct flock64 fl64 = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 5000000000LL, .l_len = 10};
    CHECK(fcntl(fd, F_SETLK64, &fl64));
    int fd2 = open("f", O_RDWR);
    struct flock ofd = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 4};
    CHECK(fcntl(fd, F_OFD_SETLK, &ofd));
    struct flock q = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 1, .l_len = 1};
    CHECK(fcntl(fd2, F_OFD_GETLK, &q));
    printf("ofd getlk type %d start %lld len %lld pid %d\n", q.l_type, (long long)q.l_start, (long long)q.l_len, q.l_pid);
    CHECK(fcntl(fd2, F_OFD_SETLK, &q));
    /* The raw calls: fcntl64 takes struct flock64 for the OFD commands, fcntl does not know them. */
    struct flock64 big = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 5000000000LL, .l_len = 0};
    CHECK(syscall(SYS_fcntl64, fd, F_OFD_SETLK, &big));
    struct flock64 q2 = {.l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 6000000000LL, .l_len = 7};
    CHECK(syscall(SYS_fcntl64, fd2, F_OFD_GETLK, &q2));
    printf("ofd getlk64 type %d start %lld len %lld pid %d\n", q2.l_type, (long long)q2.l_start, (long long)q2.l_len, q2.l_pid);
    CHECK(syscall(SYS_fcntl, fd2, F_OFD_GETLK, &q2));
    CHECK(syscall(SYS_fcntl, fd2, F_GETLK64, &q2));
    struct { short type, whence; int start, len, pid; } old = {F_WRLCK, SEEK_SET, 0, 0, 0};
    CHECK(syscall(SYS_fcntl, fd, F_SETLK, &old));
    CHECK(syscall(SYS_fcntl64, fd, F_GETLK, &old));
    printf("old getlk type %d\n", old.type);
    CHECK(flock(fd, LOCK_EX | LOCK_NB));
    CHECK(flock(fd2, LOCK_EX | LOCK_NB));
    CHECK(close(fd2));

    /* A write to a pipe with no reader: EPIPE when SIGPIPE is ignored. */
    signal(SIGPIPE, SIG_IGN);
    CHECK(pipe(p));
    CHECK(close(p[0]));
    CHECK(write(p[1], "x", 1));
    CHECK(pipe2(p, O_CLOEXEC | O_NONBLOCK));
    CHECK(fcntl(p[0], F_GETFD));
    CHECK(fcntl(p[1], F_GETFL) & (O_ACCMODE | O_NONBLOCK));
    CHECK(pipe2(p, 0x1234));
    CHECK(pipe(NULL));
    return 0;
}
