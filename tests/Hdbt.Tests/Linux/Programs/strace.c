/* A few calls whose --strace lines are checked. */
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <sys/syscall.h>

int main(void)
{
    open("/nonexistent", O_RDONLY);
    syscall(SYS_open, "/nonexistent/dir/x", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    close(99);
    write(1, "hi\n", 3);
    kill(getpid(), 0);
    return 3;
}
