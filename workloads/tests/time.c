/* time: calls time(), gettimeofday(), clock_gettime(REALTIME/MONOTONIC) and
 * clock_getres and prints only whether results are sane (deterministic). */
#include <stdio.h>
#include <time.h>
#include <sys/time.h>

int main(void)
{
    int ok = 1;
    time_t t0 = time(NULL);
    time_t t1;
    time(&t1);
    /* after 2020-09-13 and before 2100 */
    int t_ok = t0 > 1600000000 && (unsigned long long)t0 < 4102444800ULL && t1 >= t0;
    printf("time: %s\n", t_ok ? "ok" : "BAD");
    ok &= t_ok;

    struct timeval tv;
    int r = gettimeofday(&tv, NULL);
    int g_ok = r == 0 && tv.tv_usec >= 0 && tv.tv_usec < 1000000 &&
               tv.tv_sec >= t0 && tv.tv_sec <= t0 + 5;
    printf("gettimeofday: %s\n", g_ok ? "ok" : "BAD");
    ok &= g_ok;

    struct timespec rt, m0, m1, res;
    r = clock_gettime(CLOCK_REALTIME, &rt);
    int c_ok = r == 0 && rt.tv_nsec >= 0 && rt.tv_nsec < 1000000000 &&
               rt.tv_sec >= t0 && rt.tv_sec <= t0 + 5;
    printf("clock_gettime(CLOCK_REALTIME): %s\n", c_ok ? "ok" : "BAD");
    ok &= c_ok;

    int m_ok = clock_gettime(CLOCK_MONOTONIC, &m0) == 0;
    volatile unsigned spin = 0;
    for (unsigned i = 0; i < 100000; i++) spin += i;
    m_ok &= clock_gettime(CLOCK_MONOTONIC, &m1) == 0;
    m_ok &= m0.tv_nsec >= 0 && m0.tv_nsec < 1000000000 && m1.tv_nsec >= 0 && m1.tv_nsec < 1000000000;
    m_ok &= m1.tv_sec > m0.tv_sec || (m1.tv_sec == m0.tv_sec && m1.tv_nsec >= m0.tv_nsec);
    printf("clock_gettime(CLOCK_MONOTONIC): %s\n", m_ok ? "ok" : "BAD");
    ok &= m_ok;

    int res_ok = clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0 &&
                 res.tv_nsec > 0 && res.tv_nsec <= 10000000;
    printf("clock_getres(CLOCK_MONOTONIC): %s\n", res_ok ? "ok" : "BAD");
    ok &= res_ok;

    printf("time %s\n", ok ? "ok" : "BAD");
    return ok ? 0 : 1;
}
