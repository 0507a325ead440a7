using System.Runtime.InteropServices;
using Hdbt.Guest;
using static Hdbt.Linux.ArgKind;
using Hdbt.Host;

namespace Hdbt.Linux.Syscalls;

/// <summary>Descriptor plumbing: dup, dup2, dup3, fcntl(64), pipe, pipe2, ioctl.</summary>
/// <remarks>
/// Every guest descriptor has its own host descriptor, so duplicating one duplicates its host
/// descriptor (at host numbers ≥ 3, see <see cref="FdTable"/>) and gives it a guest number by
/// the guest's own lowest-free rule.
/// </remarks>
public static unsafe class DescriptorSyscalls
{
    private const int FDupfd = 0, FGetfd = 1, FSetfd = 2, FGetfl = 3, FSetfl = 4, FGetlk = 5, FSetlk = 6, FSetlkw = 7,
        FSetown = 8, FGetown = 9, FSetsig = 10, FGetsig = 11, FGetlk64 = 12, FSetlk64 = 13, FSetlkw64 = 14,
        FSetownEx = 15, FGetownEx = 16, FGetownerUids = 17, FOfdGetlk = 36, FOfdSetlk = 37, FOfdSetlkw = 38,
        FSetlease = 1024, FGetlease = 1025, FNotify = 1026, FDupfdCloexec = 1030, FSetpipeSz = 1031, FGetpipeSz = 1032,
        FAddSeals = 1033, FGetSeals = 1034;

    /// <summary>First host number for duplicates: 0-2 stay hdbt's own standard streams.</summary>
    private const int FirstHostFd = 3;

    private const long CompatOffMax = int.MaxValue;

    public static void Register(SyscallTable t)
    {
        t.Add("dup", Dup, Int);
        t.Add("dup2", Dup2, Int, Int);
        t.Add("dup3", Dup3, Int, Int, OFlags);
        t.Add("fcntl", (LinuxKernel k, in SyscallArgs a) => Fcntl(k, a, false), Int, Int, Hex);
        t.Add("fcntl64", (LinuxKernel k, in SyscallArgs a) => Fcntl(k, a, true), Int, Int, Hex);
        t.Add("pipe", (LinuxKernel k, in SyscallArgs a) => Pipe(k, a.A1, 0), Ptr);
        t.Add("pipe2", (LinuxKernel k, in SyscallArgs a) => Pipe(k, a.A1, a.A2), Ptr, OFlags);
        t.Add("ioctl", Ioctl, Int, Hex, Hex);
    }

    /// <summary>A new host descriptor for the same open file, numbered ≥ 3, close-on-exec or not.</summary>
    private static long HostDup(int hostFd, bool cloexec) =>
        HostKernel.Syscall(HostKernel.Nr.Fcntl, hostFd, cloexec ? FDupfdCloexec : FDupfd, FirstHostFd);

    private static long Dup(LinuxKernel k, in SyscallArgs a)
    {
        int fd = k.Fds.Host(a.A1);
        if (fd < 0) return -Errno.EBADF;
        long h = HostDup(fd, false);
        return h < 0 ? h : k.Fds.Install((int)h, 0, k.Fds.NotLargeFile(a.A1));
    }

    private static long Dup2(LinuxKernel k, in SyscallArgs a)
    {
        if (a.A1 == a.A2) return k.Fds.IsOpen(a.A1) ? a.A2 : -Errno.EBADF;
        return DupTo(k, a.A1, a.A2, false);
    }

    private static long Dup3(LinuxKernel k, in SyscallArgs a)
    {
        if ((a.A3 & ~(uint)OpenFlags.Cloexec) != 0 || a.A1 == a.A2) return -Errno.EINVAL;
        return DupTo(k, a.A1, a.A2, a.A3 != 0);
    }

    private static long DupTo(LinuxKernel k, uint oldFd, uint newFd, bool cloexec)
    {
        if (newFd >= (uint)k.Fds.Limit) return -Errno.EBADF;
        int fd = k.Fds.Host(oldFd);
        if (fd < 0) return -Errno.EBADF;
        long h = HostDup(fd, cloexec);
        if (h < 0) return h;
        k.Fds.InstallAt(newFd, (int)h, k.Fds.NotLargeFile(oldFd));
        return newFd;
    }

    private static long Pipe(LinuxKernel k, uint address, uint flags)
    {
        byte* g = k.Buffer(address, 8, PageFlags.Write);
        if (g == null) return -Errno.EFAULT;
        int* fds = stackalloc int[2];
        long r = HostKernel.Syscall(HostKernel.Nr.Pipe2, (nint)fds, flags);
        if (r < 0) return r;
        int read = k.Fds.Install(fds[0]);
        if (read < 0)
        {
            FdTable.Release(fds[1]);
            return read;
        }
        int write = k.Fds.Install(fds[1]);
        if (write < 0)
        {
            FdTable.Release(k.Fds.Remove((uint)read));
            return write;
        }
        ((int*)g)[0] = read;
        ((int*)g)[1] = write;
        return 0;
    }

    // ---- fcntl ----

    /// <summary>i386 struct flock (16 bytes: 32-bit offsets).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Flock32
    {
        public short Type, Whence;
        public int Start, Len, Pid;
    }

    /// <summary>i386 struct flock64 (24 bytes: 64-bit offsets only 4-aligned).</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct Flock64
    {
        public short Type, Whence;
        public long Start, Len;
        public int Pid;
    }

    /// <summary>x86-64 struct flock (32 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct HostFlock
    {
        public short Type, Whence;
        public long Start, Len;
        public int Pid;
    }

    /// <summary>
    /// fcntl and fcntl64. They differ only in locks: commands 5-7 take the 32-bit struct flock in
    /// both, the 64-bit ones (12-14) exist in fcntl64 only, and the OFD ones take struct flock64 in both.
    /// </summary>
    private static long Fcntl(LinuxKernel k, in SyscallArgs a, bool is64)
    {
        int fd = k.Fds.Host(a.A1);
        if (fd < 0) return -Errno.EBADF;
        int cmd = (int)a.A2;
        switch (cmd)
        {
            case FDupfd or FDupfdCloexec:
            {
                if (a.A3 >= (uint)k.Fds.Limit) return -Errno.EINVAL;
                long h = HostDup(fd, cmd == FDupfdCloexec);
                return h < 0 ? h : k.Fds.Install((int)h, (int)a.A3, k.Fds.NotLargeFile(a.A1));
            }
            case FGetfl:
            {
                long r = HostKernel.Syscall(HostKernel.Nr.Fcntl, fd, FGetfl);
                return r >= 0 && k.Fds.NotLargeFile(a.A1) ? r & ~OpenFlags.LargeFile : r;
            }
            case FGetfd or FSetfd or FSetfl or FSetown or FGetown or FSetsig or FGetsig or FGetlease or FSetpipeSz or FGetpipeSz
                or FAddSeals or FGetSeals:
                return HostKernel.Syscall(HostKernel.Nr.Fcntl, fd, cmd, a.A3);
            case FSetownEx or FGetownEx or FGetownerUids:
            {
                // struct f_owner_ex {int type; int pid} and the two uids are the same on both.
                byte* p = k.Buffer(a.A3, 8, cmd == FSetownEx ? PageFlags.Read : PageFlags.Write);
                return p == null ? -Errno.EFAULT : HostKernel.Syscall(HostKernel.Nr.Fcntl, fd, cmd, (nint)p);
            }
            case FGetlk or FSetlk or FSetlkw:
                return Lock32(k, fd, cmd, a.A3);
            case FGetlk64 or FSetlk64 or FSetlkw64 or FOfdGetlk or FOfdSetlk or FOfdSetlkw:
                if (!is64 && cmd is FGetlk64 or FSetlk64 or FSetlkw64) return -Errno.EINVAL;
                // On x86-64, F_GETLK and friends already take 64-bit offsets.
                return Lock64(k, fd, cmd switch { FGetlk64 => FGetlk, FSetlk64 => FSetlk, FSetlkw64 => FSetlkw, _ => cmd }, a.A3);
            case FSetlease or FNotify:
                // Leases and directory notifications announce themselves with signals, which cannot reach the guest yet.
                k.Warn($"fcntl command {cmd} (leases, dnotify) is not supported: it needs signal delivery to the guest");
                return -Errno.EINVAL;
            default:
                return -Errno.EINVAL;
        }
    }

    private static long Lock32(LinuxKernel k, int fd, int cmd, uint address)
    {
        if (!k.CopyIn(address, out Flock32 g)) return -Errno.EFAULT;
        var h = new HostFlock { Type = g.Type, Whence = g.Whence, Start = g.Start, Len = g.Len, Pid = g.Pid };
        long r = HostKernel.Syscall(HostKernel.Nr.Fcntl, fd, cmd, (nint)(&h));
        if (r < 0 || cmd != FGetlk) return r;
        // The conflicting lock must fit 32-bit offsets: a start beyond is an error, a length is clamped.
        if (h.Start > CompatOffMax) return -Errno.EOVERFLOW;
        g = new Flock32 { Type = h.Type, Whence = h.Whence, Start = (int)h.Start, Len = (int)Math.Min(h.Len, CompatOffMax), Pid = h.Pid };
        return k.CopyOut(address, g) ? r : -Errno.EFAULT;
    }

    private static long Lock64(LinuxKernel k, int fd, int hostCmd, uint address)
    {
        if (!k.CopyIn(address, out Flock64 g)) return -Errno.EFAULT;
        var h = new HostFlock { Type = g.Type, Whence = g.Whence, Start = g.Start, Len = g.Len, Pid = g.Pid };
        long r = HostKernel.Syscall(HostKernel.Nr.Fcntl, fd, hostCmd, (nint)(&h));
        if (r < 0 || hostCmd is not (FGetlk or FOfdGetlk)) return r;
        g = new Flock64 { Type = h.Type, Whence = h.Whence, Start = h.Start, Len = h.Len, Pid = h.Pid };
        return k.CopyOut(address, g) ? r : -Errno.EFAULT;
    }

    // ---- ioctl ----

    /// <summary>How an ioctl request uses its argument: not at all or as a number, or as a pointer to a struct of the same layout on both.</summary>
    private enum IoctlArg : byte { Value, In, Out }

    /// <summary>The terminal and file ioctls hdbt passes through; their structures (termios, winsize, int) are identical on i386 and x86-64.</summary>
    private static readonly Dictionary<uint, (IoctlArg Kind, uint Size)> s_ioctls = new()
    {
        [0x5401] = (IoctlArg.Out, 36), // TCGETS (struct termios)
        [0x5402] = (IoctlArg.In, 36), // TCSETS
        [0x5403] = (IoctlArg.In, 36), // TCSETSW
        [0x5404] = (IoctlArg.In, 36), // TCSETSF
        [0x5405] = (IoctlArg.Out, 18), // TCGETA (struct termio)
        [0x5406] = (IoctlArg.In, 18), // TCSETA
        [0x5407] = (IoctlArg.In, 18), // TCSETAW
        [0x5408] = (IoctlArg.In, 18), // TCSETAF
        [0x5409] = (IoctlArg.Value, 0), // TCSBRK
        [0x540A] = (IoctlArg.Value, 0), // TCXONC
        [0x540B] = (IoctlArg.Value, 0), // TCFLSH
        [0x540C] = (IoctlArg.Value, 0), // TIOCEXCL
        [0x540D] = (IoctlArg.Value, 0), // TIOCNXCL
        [0x540F] = (IoctlArg.Out, 4), // TIOCGPGRP
        [0x5410] = (IoctlArg.In, 4), // TIOCSPGRP
        [0x5411] = (IoctlArg.Out, 4), // TIOCOUTQ
        [0x5413] = (IoctlArg.Out, 8), // TIOCGWINSZ (struct winsize)
        [0x5414] = (IoctlArg.In, 8), // TIOCSWINSZ
        [0x541B] = (IoctlArg.Out, 4), // FIONREAD
        [0x5421] = (IoctlArg.In, 4), // FIONBIO
        [0x5429] = (IoctlArg.Out, 4), // TIOCGSID
        [0x5450] = (IoctlArg.Value, 0), // FIONCLEX
        [0x5451] = (IoctlArg.Value, 0), // FIOCLEX
        [0x802C542A] = (IoctlArg.Out, 44), // TCGETS2 (struct termios2)
        [0x402C542B] = (IoctlArg.In, 44), // TCSETS2
        [0x402C542C] = (IoctlArg.In, 44), // TCSETSW2
        [0x402C542D] = (IoctlArg.In, 44), // TCSETSF2
        [0x80045430] = (IoctlArg.Out, 4), // TIOCGPTN
        [0x40045431] = (IoctlArg.In, 4), // TIOCSPTLCK
    };

    private static long Ioctl(LinuxKernel k, in SyscallArgs a)
    {
        int fd = k.Fds.Host(a.A1);
        if (fd < 0) return -Errno.EBADF;
        if (!s_ioctls.TryGetValue(a.A2, out var d))
        {
            k.Warn($"ioctl request 0x{a.A2:x} is not supported; it fails with ENOTTY");
            return -Errno.ENOTTY;
        }
        if (d.Kind == IoctlArg.Value) return HostKernel.Syscall(HostKernel.Nr.Ioctl, fd, a.A2, a.A3);
        // An inaccessible argument becomes NULL: the host then fails with EFAULT, or with ENOTTY
        // first when the fd is not a terminal, in the kernel's own order.
        byte* p = k.Buffer(a.A3, d.Size, d.Kind == IoctlArg.In ? PageFlags.Read : PageFlags.Write);
        return HostKernel.Syscall(HostKernel.Nr.Ioctl, fd, a.A2, (nint)p);
    }
}
