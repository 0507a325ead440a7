/* Ends by a signal in the way argv[1] names; the exit status is what is checked. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void say(const char *s) { write(1, s, strlen(s)); }

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    say("start\n");
    if (!strcmp(mode, "abort")) abort();
    if (!strcmp(mode, "term")) kill(getpid(), SIGTERM);
    if (!strcmp(mode, "segv")) raise(SIGSEGV);
    if (!strcmp(mode, "kill")) syscall(SYS_tgkill, getpid(), getpid(), SIGKILL);
    if (!strcmp(mode, "usr1")) syscall(SYS_tkill, getpid(), SIGUSR1);
    if (!strcmp(mode, "rt")) raise(SIGRTMIN + 3);
    if (!strcmp(mode, "pending"))
    {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGTERM);
        sigprocmask(SIG_BLOCK, &set, NULL);
        kill(getpid(), SIGTERM);
        say("still alive while blocked\n");
        sigprocmask(SIG_UNBLOCK, &set, NULL);
    }
    if (!strcmp(mode, "ignored"))
    {
        signal(SIGTERM, SIG_IGN);
        kill(getpid(), SIGTERM);
        say("ignored\n");
        return 7;
    }
    if (!strcmp(mode, "pipe"))
    {
        int p[2];
        pipe(p);
        close(p[0]);
        write(p[1], "x", 1);
    }
    if (!strcmp(mode, "handler"))
    {
        /* hdbt cannot run the handler yet: it warns and takes the default action (natively the handler runs). */
        signal(SIGTERM, (void (*)(int))say);
        kill(getpid(), SIGTERM);
    }
    if (!strcmp(mode, "exit")) exit(42);
    say("not reached\n");
    return 0;
}
