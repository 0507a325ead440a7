using Hdbt.Guest;
using static Hdbt.Linux.ArgKind;
using Hdbt.Host;

namespace Hdbt.Linux.Syscalls;

/// <summary>Clocks and sleeping: time, gettimeofday, clock_gettime(64), clock_getres, nanosleep, times, getrusage.</summary>
/// <remarks>
/// i386 has two layouts: the old one with 32-bit seconds (timespec and timeval are 2×s32; the
/// seconds are truncated as the kernel's compat layer does) and the *_time64 calls whose
/// struct __kernel_timespec (2×s64) is the host's own.
/// </remarks>
public static unsafe class TimeSyscalls
{
    private const int TimerAbstime = 1;
    private const int ClockRealtime = 0;

    public static void Register(SyscallTable t)
    {
        t.Add("time", Time, Ptr);
        t.Add("gettimeofday", GetTimeOfDay, Ptr, Ptr);
        // Setting the clock would set the host's; the kernel refuses it to unprivileged callers, and hdbt to every guest.
        t.Add("settimeofday", (LinuxKernel k, in SyscallArgs a) => -Errno.EPERM, Ptr, Ptr);
        t.Add("stime", (LinuxKernel k, in SyscallArgs a) => -Errno.EPERM, Ptr);
        t.Add("clock_settime", (LinuxKernel k, in SyscallArgs a) => -Errno.EPERM, Int, Ptr);
        t.Add("clock_settime64", (LinuxKernel k, in SyscallArgs a) => -Errno.EPERM, Int, Ptr);
        t.Add("clock_gettime", (LinuxKernel k, in SyscallArgs a) => ClockGet(k, HostKernel.Nr.ClockGettime, a, false, true), Int, Ptr);
        t.Add("clock_gettime64", (LinuxKernel k, in SyscallArgs a) => ClockGet(k, HostKernel.Nr.ClockGettime, a, true, true), Int, Ptr);
        t.Add("clock_getres", (LinuxKernel k, in SyscallArgs a) => ClockGet(k, HostKernel.Nr.ClockGetres, a, false, false), Int, Ptr);
        t.Add("clock_getres_time64", (LinuxKernel k, in SyscallArgs a) => ClockGet(k, HostKernel.Nr.ClockGetres, a, true, false), Int, Ptr);
        t.Add("nanosleep", (LinuxKernel k, in SyscallArgs a) => Sleep(k, -1, 0, a.A1, a.A2, false), Ptr, Ptr);
        t.Add("clock_nanosleep", (LinuxKernel k, in SyscallArgs a) => Sleep(k, (int)a.A1, (int)a.A2, a.A3, a.A4, false), Int, Hex, Ptr, Ptr);
        t.Add("clock_nanosleep_time64", (LinuxKernel k, in SyscallArgs a) => Sleep(k, (int)a.A1, (int)a.A2, a.A3, a.A4, true), Int, Hex, Ptr, Ptr);
        t.Add("times", Times, Ptr);
        t.Add("getrusage", GetRusage, Int, Ptr);
        // Interval timers signal the process when they expire, and hdbt cannot deliver signals to
        // the guest yet (an expiring SIGALRM would reach hdbt itself): absent until it can.
        t.Add("alarm", NoTimers, Int);
        t.Add("setitimer", NoTimers, Int, Ptr, Ptr);
        t.Add("getitimer", NoTimers, Int, Ptr);
    }

    // ---- struct helpers (also used by the signal, poll and path syscalls) ----

    /// <summary>Reads an i386 timespec (2×s32) or, with <paramref name="time64"/>, a __kernel_timespec (2×s64).</summary>
    public static bool ReadTimespec(LinuxKernel k, uint address, bool time64, out long sec, out long nsec)
    {
        sec = nsec = 0;
        byte* p = k.Buffer(address, time64 ? 16u : 8u, PageFlags.Read);
        if (p == null) return false;
        if (time64)
        {
            sec = ((long*)p)[0];
            // A 32-bit caller's nanoseconds are the low half; the kernel ignores the high one.
            nsec = ((int*)p)[2];
        }
        else
        {
            sec = ((int*)p)[0];
            nsec = ((int*)p)[1];
        }
        return true;
    }

    /// <summary>Writes a timespec in the i386 layout (seconds truncated to 32 bits) or the 64-bit one.</summary>
    public static bool WriteTimespec(LinuxKernel k, uint address, bool time64, long sec, long nsec)
    {
        byte* p = k.Buffer(address, time64 ? 16u : 8u, PageFlags.Write);
        if (p == null) return false;
        if (time64)
        {
            ((long*)p)[0] = sec;
            ((long*)p)[1] = nsec;
        }
        else
        {
            ((int*)p)[0] = (int)sec;
            ((int*)p)[1] = (int)nsec;
        }
        return true;
    }

    /// <summary>Reads an i386 timeval (2×s32).</summary>
    public static bool ReadTimeval(LinuxKernel k, uint address, out long sec, out long usec)
    {
        sec = usec = 0;
        if (!k.CopyIn(address, out ulong v)) return false;
        sec = (int)(uint)v;
        usec = (int)(uint)(v >> 32);
        return true;
    }

    /// <summary>Writes an i386 timeval (2×s32).</summary>
    public static bool WriteTimeval(LinuxKernel k, uint address, long sec, long usec) =>
        k.CopyOut(address, (ulong)(uint)(int)sec | (ulong)(uint)(int)usec << 32);

    // ---- calls ----

    private static long Time(LinuxKernel k, in SyscallArgs a)
    {
        long* ts = stackalloc long[2];
        long r = HostKernel.Syscall(HostKernel.Nr.ClockGettime, ClockRealtime, (nint)ts);
        if (r < 0) return r;
        if (a.A1 != 0 && !k.CopyOut(a.A1, (int)ts[0])) return -Errno.EFAULT;
        return (int)ts[0];
    }

    private static long GetTimeOfDay(LinuxKernel k, in SyscallArgs a)
    {
        long* tv = stackalloc long[2];
        int* tz = stackalloc int[2];
        long r = HostKernel.Syscall(HostKernel.Nr.Gettimeofday, (nint)tv, (nint)tz);
        if (r < 0) return r;
        if (a.A1 != 0 && !WriteTimeval(k, a.A1, tv[0], tv[1])) return -Errno.EFAULT;
        if (a.A2 != 0 && !k.CopyOut(a.A2, *(ulong*)tz)) return -Errno.EFAULT;
        return 0;
    }

    /// <summary>clock_gettime and clock_getres; a null pointer is allowed for getres only.</summary>
    private static long ClockGet(LinuxKernel k, int hostNr, in SyscallArgs a, bool time64, bool pointerRequired)
    {
        long* ts = stackalloc long[2];
        long r = HostKernel.Syscall(hostNr, (int)a.A1, (nint)ts);
        if (r < 0) return r;
        if (a.A2 == 0 && !pointerRequired) return 0;
        return WriteTimespec(k, a.A2, time64, ts[0], ts[1]) ? 0 : -Errno.EFAULT;
    }

    /// <summary>nanosleep (clock -1) and clock_nanosleep: the remaining time is written back when interrupted.</summary>
    private static long Sleep(LinuxKernel k, int clock, int flags, uint req, uint rem, bool time64)
    {
        if (!ReadTimespec(k, req, time64, out long sec, out long nsec)) return -Errno.EFAULT;
        long* ts = stackalloc long[4] { sec, nsec, 0, 0 };
        long r = clock < 0
            ? HostKernel.Syscall(HostKernel.Nr.Nanosleep, (nint)ts, (nint)(ts + 2))
            : HostKernel.Syscall(HostKernel.Nr.ClockNanosleep, clock, flags, (nint)ts, (nint)(ts + 2));
        if (r == -Errno.EINTR && rem != 0 && (clock < 0 || (flags & TimerAbstime) == 0) &&
            !WriteTimespec(k, rem, time64, ts[2], ts[3]))
            return -Errno.EFAULT;
        return r;
    }

    private static long Times(LinuxKernel k, in SyscallArgs a)
    {
        long* tms = stackalloc long[4];
        long r = HostKernel.Syscall(HostKernel.Nr.Times, (nint)tms);
        if (r < 0 && r > -4096) return r;
        if (a.A1 != 0)
        {
            byte* p = k.Buffer(a.A1, 16, PageFlags.Write);
            if (p == null) return -Errno.EFAULT;
            for (int i = 0; i < 4; i++) ((int*)p)[i] = (int)tms[i];
        }
        // clock_t is 32 bits on i386: the guest sees the low half of the tick count.
        return (uint)r;
    }

    private static long GetRusage(LinuxKernel k, in SyscallArgs a)
    {
        // x86-64 struct rusage: two timevals (2×s64) then 14 longs, 144 bytes; i386: the same as 32-bit fields, 72 bytes.
        long* ru = stackalloc long[18];
        long r = HostKernel.Syscall(HostKernel.Nr.Getrusage, (int)a.A1, (nint)ru);
        if (r < 0) return r;
        byte* p = k.Buffer(a.A2, 72, PageFlags.Write);
        if (p == null) return -Errno.EFAULT;
        for (int i = 0; i < 18; i++) ((int*)p)[i] = (int)ru[i];
        return 0;
    }

    private static long NoTimers(LinuxKernel k, in SyscallArgs a)
    {
        k.Warn("interval timers (alarm, setitimer) are not supported: hdbt cannot deliver their signals to the guest yet");
        return -Errno.ENOSYS;
    }
}
