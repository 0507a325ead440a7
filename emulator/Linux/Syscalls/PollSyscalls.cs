using System.Runtime.InteropServices;
using Hdbt.Guest;
using static Hdbt.Linux.ArgKind;
using Hdbt.Host;

namespace Hdbt.Linux.Syscalls;

/// <summary>Waiting on descriptors: poll, ppoll(_time64), select, _newselect, pselect6(_time64).</summary>
/// <remarks>
/// Guest and host descriptor numbers differ, so the pollfd arrays and fd_set bitmaps are
/// rebuilt with host numbers and their results mapped back. Every wait goes to the host's
/// ppoll or pselect6 with a timespec; the remaining time is written back as Linux does.
/// </remarks>
public static unsafe class PollSyscalls
{
    private const int SigsetSize = 8;
    private const int MaxStackSet = 4096, MaxStackPollFds = 512;

    /// <summary>A host fd number that is never open: poll reports POLLNVAL for it, as for a closed guest fd.</summary>
    private const int NeverOpen = int.MaxValue;

    public static void Register(SyscallTable t)
    {
        t.Add("poll", Poll, Ptr, Int, Int);
        t.Add("ppoll", (LinuxKernel k, in SyscallArgs a) => Ppoll(k, a, false), Ptr, Int, Ptr, Ptr, Int);
        t.Add("ppoll_time64", (LinuxKernel k, in SyscallArgs a) => Ppoll(k, a, true), Ptr, Int, Ptr, Ptr, Int);
        t.Add("select", OldSelect, Ptr);
        t.Add("_newselect", (LinuxKernel k, in SyscallArgs a) => TimevalSelect(k, a.A1, a.A2, a.A3, a.A4, a.A5), Int, Ptr, Ptr, Ptr, Ptr);
        t.Add("pselect6", (LinuxKernel k, in SyscallArgs a) => Pselect(k, a, false), Int, Ptr, Ptr, Ptr, Ptr, Ptr);
        t.Add("pselect6_time64", (LinuxKernel k, in SyscallArgs a) => Pselect(k, a, true), Int, Ptr, Ptr, Ptr, Ptr, Ptr);
    }

    // ---- poll ----

    /// <summary>struct pollfd, the same on both.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events, Revents;
    }

    private static long Poll(LinuxKernel k, in SyscallArgs a)
    {
        int ms = (int)a.A3;
        long* ts = stackalloc long[2] { ms / 1000, ms % 1000 * 1_000_000L };
        return DoPoll(k, a.A1, a.A2, ms < 0 ? null : ts);
    }

    private static long Ppoll(LinuxKernel k, in SyscallArgs a, bool time64)
    {
        long* ts = stackalloc long[2];
        bool timed = a.A3 != 0;
        if (timed && !TimeSyscalls.ReadTimespec(k, a.A3, time64, out ts[0], out ts[1])) return -Errno.EFAULT;
        if (timed && (ts[0] < 0 || (ulong)ts[1] >= 1_000_000_000)) return -Errno.EINVAL;
        long r = TemporaryMask(k, a.A4, a.A5);
        if (r < 0) return r;
        bool wasZero = ts[0] == 0 && ts[1] == 0;
        r = DoPoll(k, a.A1, a.A2, timed ? ts : null);
        // The time left is written back; a failure to write it is ignored, as Linux does.
        if (timed && !wasZero) TimeSyscalls.WriteTimespec(k, a.A3, time64, ts[0], ts[1]);
        return r;
    }

    /// <summary>A guest sigmask argument (pointer, size) of ppoll or pselect6: pending signals it lets through are delivered.</summary>
    private static long TemporaryMask(LinuxKernel k, uint maskAddress, uint size)
    {
        if (maskAddress == 0) return 0;
        if (size != SigsetSize) return -Errno.EINVAL;
        if (!k.CopyIn(maskAddress, out ulong mask)) return -Errno.EFAULT;
        SignalSyscalls.DeliverPendingUnder(k, mask);
        return 0;
    }

    private static long DoPoll(LinuxKernel k, uint address, uint count, long* ts)
    {
        if (count > (uint)k.Fds.Limit) return -Errno.EINVAL;
        var g = (PollFd*)k.Buffer(address, count * 8, PageFlags.Read);
        if (g == null) return -Errno.EFAULT;
        var heap = count > MaxStackPollFds ? new PollFd[count] : null;
        PollFd* stack = stackalloc PollFd[heap == null ? (int)count : 0];
        fixed (PollFd* pinned = heap)
            return PollWith(k, address, g, heap == null ? stack : pinned, count, ts);
    }

    private static long PollWith(LinuxKernel k, uint address, PollFd* g, PollFd* h, uint count, long* ts)
    {
        for (int i = 0; i < count; i++)
        {
            int fd = g[i].Fd;
            h[i] = new PollFd { Fd = fd < 0 ? fd : k.Fds.Host((uint)fd) is var hf and >= 0 ? hf : NeverOpen, Events = g[i].Events };
        }
        long r = HostKernel.Syscall(HostKernel.Nr.Ppoll, (nint)h, count, (nint)ts, 0, SigsetSize);
        if (r < 0 && r != -Errno.EINTR) return r;
        g = (PollFd*)k.Buffer(address, count * 8, PageFlags.Write);
        if (g == null) return -Errno.EFAULT;
        for (int i = 0; i < count; i++) g[i].Revents = h[i].Revents;
        return r;
    }

    // ---- select ----

    /// <summary>The old select: one pointer to its five arguments.</summary>
    private static long OldSelect(LinuxKernel k, in SyscallArgs a)
    {
        uint* args = (uint*)k.Buffer(a.A1, 20, PageFlags.Read);
        if (args == null) return -Errno.EFAULT;
        return TimevalSelect(k, args[0], args[1], args[2], args[3], args[4]);
    }

    /// <summary>select with an i386 timeval, normalized as Linux does (microseconds may exceed a second).</summary>
    private static long TimevalSelect(LinuxKernel k, uint n, uint inSet, uint outSet, uint exSet, uint tv)
    {
        long* ts = stackalloc long[2];
        if (tv != 0)
        {
            if (!TimeSyscalls.ReadTimeval(k, tv, out long sec, out long usec)) return -Errno.EFAULT;
            ts[0] = sec + usec / 1_000_000;
            ts[1] = usec % 1_000_000 * 1000;
            if (ts[0] < 0 || ts[1] < 0) return -Errno.EINVAL;
        }
        bool wasZero = ts[0] == 0 && ts[1] == 0;
        long r = DoSelect(k, n, inSet, outSet, exSet, tv != 0 ? ts : null);
        if (tv != 0 && !wasZero) TimeSyscalls.WriteTimeval(k, tv, ts[0], ts[1] / 1000);
        return r;
    }

    /// <summary>pselect6(n, in, out, ex, timespec, {sigset pointer, size}).</summary>
    private static long Pselect(LinuxKernel k, in SyscallArgs a, bool time64)
    {
        long* ts = stackalloc long[2];
        bool timed = a.A5 != 0;
        if (timed && !TimeSyscalls.ReadTimespec(k, a.A5, time64, out ts[0], out ts[1])) return -Errno.EFAULT;
        if (timed && (ts[0] < 0 || (ulong)ts[1] >= 1_000_000_000)) return -Errno.EINVAL;
        if (a.A6 != 0)
        {
            if (!k.CopyIn(a.A6, out ulong sig)) return -Errno.EFAULT;
            long m = TemporaryMask(k, (uint)sig, (uint)(sig >> 32));
            if (m < 0) return m;
        }
        bool wasZero = ts[0] == 0 && ts[1] == 0;
        long r = DoSelect(k, a.A1, a.A2, a.A3, a.A4, timed ? ts : null);
        if (timed && !wasZero) TimeSyscalls.WriteTimespec(k, a.A5, time64, ts[0], ts[1]);
        return r;
    }

    private static bool Bit(byte* set, int i) => set != null && (set[i >> 3] & (1 << (i & 7))) != 0;

    /// <summary>
    /// The select core: the guest's fd_sets (bit g for guest fd g, in 32-bit words) become host
    /// ones (bit h for host fd h), and the host's answer is mapped back bit by bit.
    /// </summary>
    private static long DoSelect(LinuxKernel k, uint n, uint inAddr, uint outAddr, uint exAddr, long* ts)
    {
        if ((int)n < 0) return -Errno.EINVAL;
        // Linux looks no further than its descriptor table, whose size the guest's table mirrors.
        n = Math.Min(n, (uint)k.Fds.Size);
        uint bytes = (n + 31) / 32 * 4;
        byte* gin = null, gout = null, gex = null;
        if (inAddr != 0 && (gin = k.Buffer(inAddr, bytes, PageFlags.Read)) == null) return -Errno.EFAULT;
        if (outAddr != 0 && (gout = k.Buffer(outAddr, bytes, PageFlags.Read)) == null) return -Errno.EFAULT;
        if (exAddr != 0 && (gex = k.Buffer(exAddr, bytes, PageFlags.Read)) == null) return -Errno.EFAULT;

        int maxHost = -1;
        for (int g = 0; g < n; g++)
        {
            if (!Bit(gin, g) && !Bit(gout, g) && !Bit(gex, g)) continue;
            int h = k.Fds.Host((uint)g);
            if (h < 0) return -Errno.EBADF;
            maxHost = Math.Max(maxHost, h);
        }

        int hostBytes = (maxHost / 64 + 1) * 8;
        byte[]? heap = hostBytes * 3 > MaxStackSet ? new byte[hostBytes * 3] : null;
        byte* stack = stackalloc byte[heap == null ? hostBytes * 3 : 0];
        fixed (byte* pinned = heap)
        {
            byte* all = heap == null ? stack : pinned;
            new Span<byte>(all, hostBytes * 3).Clear();
            byte* hin = gin != null ? all : null, hout = gout != null ? all + hostBytes : null, hex = gex != null ? all + 2 * hostBytes : null;
            for (int g = 0; g < n; g++)
            {
                int h = k.Fds.Host((uint)g);
                if (Bit(gin, g)) hin[h >> 3] |= (byte)(1 << (h & 7));
                if (Bit(gout, g)) hout[h >> 3] |= (byte)(1 << (h & 7));
                if (Bit(gex, g)) hex[h >> 3] |= (byte)(1 << (h & 7));
            }
            long r = HostKernel.Syscall(HostKernel.Nr.Pselect6, maxHost + 1, (nint)hin, (nint)hout, (nint)hex, (nint)ts, 0);
            if (r < 0) return r;
            // Linux writes every given set back, cleared except for the ready descriptors.
            long w = WriteBack(k, inAddr, gin, hin, n, bytes);
            w = w < 0 ? w : WriteBack(k, outAddr, gout, hout, n, bytes);
            w = w < 0 ? w : WriteBack(k, exAddr, gex, hex, n, bytes);
            return w < 0 ? w : r;
        }
    }

    private static long WriteBack(LinuxKernel k, uint address, byte* guestIn, byte* hostOut, uint n, uint bytes)
    {
        if (address == 0) return 0;
        byte* g = k.Buffer(address, bytes, PageFlags.Write);
        if (g == null) return -Errno.EFAULT;
        // Requested bits are read before the set is overwritten (guestIn points at the same bytes).
        for (int gfd = 0; gfd < n; gfd++)
        {
            bool ready = Bit(guestIn, gfd) && Bit(hostOut, k.Fds.Host((uint)gfd));
            if (ready) g[gfd >> 3] |= (byte)(1 << (gfd & 7));
            else g[gfd >> 3] &= (byte)~(1 << (gfd & 7));
        }
        for (uint i = (n + 7) / 8; i < bytes; i++) g[i] = 0;
        // The partial byte's bits at and above n are cleared too.
        if ((n & 7) != 0) g[n >> 3] &= (byte)((1 << (int)(n & 7)) - 1);
        return 0;
    }
}
