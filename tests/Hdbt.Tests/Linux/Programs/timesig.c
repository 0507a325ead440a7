/* Clocks (sanity, not exact values) and signal bookkeeping that needs no handler to run. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#define CHECK(x) do { long r_ = (long)(x); printf("%-52s = %ld%s%s\n", #x, r_, r_ < 0 ? " errno=" : "", r_ < 0 ? strerrorname_np(errno) : ""); } while (0)

static void handler(int sig) { (void)sig; }

/* Nanoseconds, in integers: the program avoids the FPU. */
static long long now(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(void)
{
    /* Clocks agree with each other and move forward. */
    time_t t1 = time(NULL);
    time_t t2;
    time(&t2);
    struct timeval tv;
    CHECK(gettimeofday(&tv, NULL));
    struct timespec rt;
    CHECK(clock_gettime(CLOCK_REALTIME, &rt));
    printf("realtime sources agree: %d\n", t2 - t1 <= 1 && tv.tv_sec - t1 <= 1 && rt.tv_sec - tv.tv_sec <= 1 && t1 > 1600000000);
    struct timespec raw32;
    CHECK(syscall(SYS_clock_gettime, CLOCK_REALTIME, &raw32));
    printf("32-bit clock_gettime agrees: %d nsec ok: %d\n", raw32.tv_sec - rt.tv_sec <= 1, raw32.tv_nsec >= 0 && raw32.tv_nsec < 1000000000);
    struct { int sec, usec; } raw_tv;
    struct { int minuteswest, dsttime; } tz = {-1, -1};
    CHECK(syscall(SYS_gettimeofday, &raw_tv, &tz));
    printf("32-bit gettimeofday agrees: %d usec ok: %d\n", raw_tv.sec - rt.tv_sec <= 1, raw_tv.usec >= 0 && raw_tv.usec < 1000000);
    int tloc = 0;
    long traw = syscall(SYS_time, &tloc);
    printf("time syscall agrees: %d %d\n", traw == tloc, traw - rt.tv_sec <= 1);
    CHECK(syscall(SYS_time, (void *)4));
    long long m1 = now(CLOCK_MONOTONIC);
    struct timespec req = {0, 20 * 1000 * 1000}, rem = {9, 9};
    CHECK(nanosleep(&req, &rem));
    long long m2 = now(CLOCK_MONOTONIC);
    printf("slept at least 20ms: %d\n", m2 - m1 >= 20000000);
    CHECK(clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL));
    struct timespec abs;
    clock_gettime(CLOCK_MONOTONIC, &abs);
    abs.tv_nsec += 10 * 1000 * 1000;
    if (abs.tv_nsec >= 1000000000) { abs.tv_sec++; abs.tv_nsec -= 1000000000; }
    CHECK(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL));
    printf("absolute sleep reached: %d\n", now(CLOCK_MONOTONIC) >= abs.tv_sec * 1000000000LL + abs.tv_nsec);
    struct timespec bad = {0, 1000000000};
    CHECK(nanosleep(&bad, NULL));
    CHECK(syscall(SYS_nanosleep, &req, NULL));
    CHECK(clock_nanosleep(12345, 0, &req, NULL));
    struct timespec res;
    CHECK(clock_getres(CLOCK_MONOTONIC, &res));
    printf("resolution at most 1ms: %d\n", res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 1000000);
    CHECK(syscall(SYS_clock_getres, CLOCK_REALTIME, NULL));
    CHECK(clock_gettime(9999, &res));
    struct tms tms;
    clock_t c = times(&tms);
    printf("times ok: %d\n", c != (clock_t)-1 && tms.tms_utime >= 0 && tms.tms_stime >= 0 && tms.tms_cutime == 0);
    struct rusage ru;
    CHECK(getrusage(RUSAGE_SELF, &ru));
    printf("rusage sane: %d\n", ru.ru_utime.tv_usec < 1000000 && ru.ru_stime.tv_usec < 1000000 && ru.ru_maxrss > 0);
    CHECK(getrusage(RUSAGE_CHILDREN, &ru));
    printf("children: %ld %ld\n", (long)ru.ru_utime.tv_sec, (long)ru.ru_minflt);
    CHECK(getrusage(42, &ru));
    long long cpu = now(CLOCK_PROCESS_CPUTIME_ID);
    printf("process cpu time positive: %d\n", cpu > 0);

    /* Signal dispositions round-trip. */
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = SA_RESTART | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaddset(&sa.sa_mask, SIGKILL);
    CHECK(sigaction(SIGUSR1, &sa, NULL));
    memset(&old, 0, sizeof old);
    CHECK(sigaction(SIGUSR1, NULL, &old));
    printf("handler same: %d restart: %d nodefer: %d usr2 masked: %d kill masked: %d\n", old.sa_handler == handler,
           !!(old.sa_flags & SA_RESTART), !!(old.sa_flags & SA_NODEFER), sigismember(&old.sa_mask, SIGUSR2), sigismember(&old.sa_mask, SIGKILL));
    CHECK(sigaction(SIGKILL, &sa, NULL));
    CHECK(sigaction(SIGSTOP, NULL, &old));
    CHECK(sigaction(65, &sa, NULL));
    CHECK(syscall(SYS_rt_sigaction, SIGUSR1, NULL, &old, 4));
    CHECK(signal(SIGUSR1, SIG_IGN) == handler);
    CHECK(raise(SIGUSR1));
    printf("survived an ignored signal\n");
    CHECK(kill(getpid(), 0));
    CHECK(kill(getpid(), SIGCHLD));
    CHECK(kill(getpid(), SIGWINCH));
    printf("survived default-ignored signals\n");
    CHECK(kill(getpid(), 65));
    CHECK(syscall(SYS_tgkill, getpid(), 0x3fffffff, SIGTERM));
    CHECK(syscall(SYS_tkill, -5, SIGTERM));

    /* A blocked signal stays pending until taken by sigtimedwait. */
    sigset_t set, cur, pend;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigaddset(&set, SIGSTOP);
    CHECK(sigprocmask(SIG_BLOCK, &set, NULL));
    CHECK(sigprocmask(SIG_BLOCK, NULL, &cur));
    printf("usr2 blocked: %d stop blocked: %d\n", sigismember(&cur, SIGUSR2), sigismember(&cur, SIGSTOP));
    CHECK(sigprocmask(99, &set, NULL));
    CHECK(raise(SIGUSR2));
    CHECK(kill(getpid(), SIGUSR2));
    CHECK(sigpending(&pend));
    printf("usr2 pending: %d usr1 pending: %d\n", sigismember(&pend, SIGUSR2), sigismember(&pend, SIGUSR1));
    siginfo_t si;
    struct timespec zero = {0, 0};
    int got = sigtimedwait(&set, &si, &zero);
    printf("sigtimedwait = %d signo %d code %d pid ok %d\n", got, si.si_signo, si.si_code, si.si_pid == getpid());
    got = sigtimedwait(&set, &si, &zero);
    printf("again = %d errno=%s\n", got, strerrorname_np(errno));
    CHECK(sigpending(&pend));
    printf("usr2 pending: %d\n", sigismember(&pend, SIGUSR2));
    /* An ignored pending signal is discarded when unblocked. */
    signal(SIGUSR2, SIG_IGN);
    CHECK(raise(SIGUSR2));
    CHECK(sigpending(&pend));
    printf("ignored but blocked is pending: %d\n", sigismember(&pend, SIGUSR2));
    CHECK(sigprocmask(SIG_UNBLOCK, &set, NULL));
    printf("survived unblocking an ignored signal\n");

    /* Alternate stack bookkeeping. */
    static char stack[65536];
    stack_t ss = {.ss_sp = stack, .ss_size = sizeof stack, .ss_flags = 0}, os;
    CHECK(sigaltstack(NULL, &os));
    printf("initially disabled: %d\n", os.ss_flags == SS_DISABLE);
    CHECK(sigaltstack(&ss, NULL));
    CHECK(sigaltstack(NULL, &os));
    printf("sp same: %d size %zu flags %d\n", os.ss_sp == stack, os.ss_size, os.ss_flags);
    ss.ss_size = 100;
    CHECK(sigaltstack(&ss, NULL));
    ss.ss_flags = 12345;
    CHECK(sigaltstack(&ss, NULL));
    ss.ss_flags = SS_DISABLE;
    CHECK(sigaltstack(&ss, &os));
    CHECK(sigaltstack(NULL, &os));
    printf("disabled again: %d\n", os.ss_flags == SS_DISABLE);
    return 0;
}
