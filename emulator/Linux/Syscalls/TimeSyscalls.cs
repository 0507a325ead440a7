using static Hdbt.Linux.ArgKind;

namespace Hdbt.Linux.Syscalls;

/// <summary>Clocks and sleeping: time, gettimeofday, clock_gettime(64), clock_getres, nanosleep, times, getrusage.</summary>
public static unsafe class TimeSyscalls
{
    public static void Register(SyscallTable t)
    {
        t.Add("clock_gettime64", ClockGettime64, Int, Ptr);
    }

    private static long ClockGettime64(LinuxKernel k, in SyscallArgs a)
    {
        long* ts = stackalloc long[2];
        long r = Host.Syscall(Host.Nr.ClockGettime, a.A1, (nint)ts);
        if (r < 0) return r;
        return k.CopyOut(a.A2, (ts[0], ts[1])) ? 0 : -Errno.EFAULT;
    }
}
