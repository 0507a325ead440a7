using System.Text;
using Hdbt.Guest;
using static Hdbt.Linux.ArgKind;
using Hdbt.Host;

namespace Hdbt.Linux.Syscalls;

/// <summary>
/// Operations on names: access, cwd, mkdir, unlink, rename, link, symlink, readlink, chmod,
/// chown, utimes, mknod. The plain calls go to the host as their *at forms with AT_FDCWD,
/// which is how the kernel itself implements them.
/// </summary>
public static unsafe class PathSyscalls
{
    private const int AtFdCwd = FdTable.AtFdCwd;
    private const int AtSymlinkNofollow = 0x100, AtRemovedir = 0x200;
    private const int UtimeOmit = (1 << 30) - 2;
    private const int PathMax = 4096;

    /// <summary>x86-64 syscall numbers used only here.</summary>
    private const int HostChroot = 161;

    public static void Register(SyscallTable t)
    {
        t.Add("access", (LinuxKernel k, in SyscallArgs a) => At(k, HostKernel.Nr.Faccessat, AtFdCwd, a.A1, a.A2), Str, Oct);
        t.Add("faccessat", (LinuxKernel k, in SyscallArgs a) => At(k, HostKernel.Nr.Faccessat, k.Fds.HostDirFd(a.A1), a.A2, a.A3), DirFd, Str, Oct);
        t.Add("faccessat2", (LinuxKernel k, in SyscallArgs a) => At(k, HostKernel.Nr.Faccessat2, k.Fds.HostDirFd(a.A1), a.A2, a.A3, a.A4), DirFd, Str, Oct, Hex);
        t.Add("getcwd", GetCwd, Ptr, Int);
        t.Add("chdir", (LinuxKernel k, in SyscallArgs a) => Plain(k, HostKernel.Nr.Chdir, a.A1), Str);
        t.Add("fchdir", (LinuxKernel k, in SyscallArgs a) => HostKernel.Syscall(HostKernel.Nr.Fchdir, k.Fds.Host(a.A1)), Int);
        t.Add("chroot", (LinuxKernel k, in SyscallArgs a) => Plain(k, HostChroot, a.A1), Str);
        t.Add("mkdir", (LinuxKernel k, in SyscallArgs a) => At(k, HostKernel.Nr.Mkdirat, AtFdCwd, a.A1, a.A2), Str, Oct);
        t.Add("mkdirat", (LinuxKernel k, in SyscallArgs a) => At(k, HostKernel.Nr.Mkdirat, k.Fds.HostDirFd(a.A1), a.A2, a.A3), DirFd, Str, Oct);
        t.Add("mknod", (LinuxKernel k, in SyscallArgs a) => At(k, HostKernel.Nr.Mknodat, AtFdCwd, a.A1, a.A2, a.A3), Str, Oct, Hex);
        t.Add("mknodat", (LinuxKernel k, in SyscallArgs a) => At(k, HostKernel.Nr.Mknodat, k.Fds.HostDirFd(a.A1), a.A2, a.A3, a.A4), DirFd, Str, Oct, Hex);
        t.Add("rmdir", (LinuxKernel k, in SyscallArgs a) => At(k, HostKernel.Nr.Unlinkat, AtFdCwd, a.A1, AtRemovedir), Str);
        t.Add("unlink", (LinuxKernel k, in SyscallArgs a) => At(k, HostKernel.Nr.Unlinkat, AtFdCwd, a.A1, 0), Str);
        t.Add("unlinkat", (LinuxKernel k, in SyscallArgs a) => At(k, HostKernel.Nr.Unlinkat, k.Fds.HostDirFd(a.A1), a.A2, a.A3), DirFd, Str, Hex);
        t.Add("rename", (LinuxKernel k, in SyscallArgs a) => TwoPaths(k, HostKernel.Nr.Renameat2, AtFdCwd, a.A1, AtFdCwd, a.A2, 0), Str, Str);
        t.Add("renameat", (LinuxKernel k, in SyscallArgs a) =>
            TwoPaths(k, HostKernel.Nr.Renameat2, k.Fds.HostDirFd(a.A1), a.A2, k.Fds.HostDirFd(a.A3), a.A4, 0), DirFd, Str, DirFd, Str);
        t.Add("renameat2", (LinuxKernel k, in SyscallArgs a) =>
            TwoPaths(k, HostKernel.Nr.Renameat2, k.Fds.HostDirFd(a.A1), a.A2, k.Fds.HostDirFd(a.A3), a.A4, a.A5), DirFd, Str, DirFd, Str, Hex);
        t.Add("link", (LinuxKernel k, in SyscallArgs a) => TwoPaths(k, HostKernel.Nr.Linkat, AtFdCwd, a.A1, AtFdCwd, a.A2, 0), Str, Str);
        t.Add("linkat", (LinuxKernel k, in SyscallArgs a) =>
            TwoPaths(k, HostKernel.Nr.Linkat, k.Fds.HostDirFd(a.A1), a.A2, k.Fds.HostDirFd(a.A3), a.A4, a.A5), DirFd, Str, DirFd, Str, Hex);
        t.Add("symlink", (LinuxKernel k, in SyscallArgs a) => Symlink(k, a.A1, AtFdCwd, a.A2), Str, Str);
        t.Add("symlinkat", (LinuxKernel k, in SyscallArgs a) => Symlink(k, a.A1, k.Fds.HostDirFd(a.A2), a.A3), Str, DirFd, Str);
        t.Add("readlink", (LinuxKernel k, in SyscallArgs a) => ReadLink(k, AtFdCwd, a.A1, a.A2, a.A3), Str, Ptr, Int);
        t.Add("readlinkat", (LinuxKernel k, in SyscallArgs a) => ReadLink(k, k.Fds.HostDirFd(a.A1), a.A2, a.A3, a.A4), DirFd, Str, Ptr, Int);
        t.Add("chmod", (LinuxKernel k, in SyscallArgs a) => At(k, HostKernel.Nr.Fchmodat, AtFdCwd, a.A1, a.A2), Str, Oct);
        t.Add("fchmod", (LinuxKernel k, in SyscallArgs a) => HostKernel.Syscall(HostKernel.Nr.Fchmod, k.Fds.Host(a.A1), a.A2), Int, Oct);
        t.Add("fchmodat", (LinuxKernel k, in SyscallArgs a) => At(k, HostKernel.Nr.Fchmodat, k.Fds.HostDirFd(a.A1), a.A2, a.A3), DirFd, Str, Oct);
        t.Add("chown32", (LinuxKernel k, in SyscallArgs a) => At(k, HostKernel.Nr.Fchownat, AtFdCwd, a.A1, a.A2, a.A3, 0), Str, Int, Int);
        t.Add("lchown32", (LinuxKernel k, in SyscallArgs a) =>
            At(k, HostKernel.Nr.Fchownat, AtFdCwd, a.A1, a.A2, a.A3, AtSymlinkNofollow, false), Str, Int, Int);
        t.Add("fchown32", (LinuxKernel k, in SyscallArgs a) => HostKernel.Syscall(HostKernel.Nr.Fchown, k.Fds.Host(a.A1), a.A2, a.A3), Int, Int, Int);
        t.Add("fchownat", (LinuxKernel k, in SyscallArgs a) =>
            At(k, HostKernel.Nr.Fchownat, k.Fds.HostDirFd(a.A1), a.A2, a.A3, a.A4, a.A5, (a.A5 & AtSymlinkNofollow) == 0), DirFd, Str, Int, Int, Hex);
        // The old calls take 16-bit ids, where 0xFFFF means "leave unchanged" as -1 does.
        t.Add("chown", (LinuxKernel k, in SyscallArgs a) => At(k, HostKernel.Nr.Fchownat, AtFdCwd, a.A1, Id16(a.A2), Id16(a.A3), 0), Str, Int, Int);
        t.Add("lchown", (LinuxKernel k, in SyscallArgs a) =>
            At(k, HostKernel.Nr.Fchownat, AtFdCwd, a.A1, Id16(a.A2), Id16(a.A3), AtSymlinkNofollow, false), Str, Int, Int);
        t.Add("fchown", (LinuxKernel k, in SyscallArgs a) => HostKernel.Syscall(HostKernel.Nr.Fchown, k.Fds.Host(a.A1), Id16(a.A2), Id16(a.A3)), Int, Int, Int);
        t.Add("utimensat", (LinuxKernel k, in SyscallArgs a) => Utimensat(k, a, false), DirFd, Str, Ptr, Hex);
        t.Add("utimensat_time64", (LinuxKernel k, in SyscallArgs a) => Utimensat(k, a, true), DirFd, Str, Ptr, Hex);
        t.Add("utime", Utime, Str, Ptr);
        t.Add("utimes", (LinuxKernel k, in SyscallArgs a) => Futimesat(k, AtFdCwd, a.A1, a.A2), Str, Ptr);
        t.Add("futimesat", (LinuxKernel k, in SyscallArgs a) => Futimesat(k, k.Fds.HostDirFd(a.A1), a.A2, a.A3), DirFd, Str, Ptr);
    }

    private static long Id16(uint id) => (ushort)id == 0xFFFF ? -1 : (ushort)id;

    /// <summary>A host call (dirfd, path, b, c, d) on a guest path; EFAULT if the path is unreadable.</summary>
    private static long At(LinuxKernel k, int hostNr, int hostDirFd, uint path, long b = 0, long c = 0, long d = 0, bool followExe = true)
    {
        byte* p = GuestPaths.Host(k, path, 0, followExe);
        return p == null ? -Errno.EFAULT : HostKernel.Syscall(hostNr, hostDirFd, (nint)p, b, c, d);
    }

    /// <summary>A host call (path) on a guest path.</summary>
    private static long Plain(LinuxKernel k, int hostNr, uint path)
    {
        byte* p = GuestPaths.Host(k, path);
        return p == null ? -Errno.EFAULT : HostKernel.Syscall(hostNr, (nint)p);
    }

    /// <summary>renameat2 and linkat: (olddirfd, oldpath, newdirfd, newpath, flags).</summary>
    private static long TwoPaths(LinuxKernel k, int hostNr, int oldDir, uint oldPath, int newDir, uint newPath, uint flags)
    {
        // A link to /proc/self/exe (linkat with AT_SYMLINK_FOLLOW) names the guest program too.
        byte* o = GuestPaths.Host(k, oldPath, 0, followExe: hostNr == HostKernel.Nr.Linkat);
        if (o == null) return -Errno.EFAULT;
        byte* n = GuestPaths.Host(k, newPath, 1, followExe: false);
        if (n == null) return -Errno.EFAULT;
        return HostKernel.Syscall(hostNr, oldDir, (nint)o, newDir, (nint)n, flags);
    }

    private static long Symlink(LinuxKernel k, uint target, int hostDirFd, uint linkPath)
    {
        // The target is the link's contents, not a name looked up now: it is stored as given.
        byte* t = k.CString(target);
        if (t == null) return -Errno.EFAULT;
        byte* p = GuestPaths.Host(k, linkPath, 1, followExe: false);
        if (p == null) return -Errno.EFAULT;
        return HostKernel.Syscall(HostKernel.Nr.Symlinkat, (nint)t, hostDirFd, (nint)p);
    }

    /// <summary>readlink(at): /proc/self/exe is the guest program; the result goes through a host buffer so errors come in the kernel's order.</summary>
    private static long ReadLink(LinuxKernel k, int hostDirFd, uint path, uint buf, uint size)
    {
        byte* p = GuestPaths.Host(k, path, 0, followExe: false);
        if (p == null) return -Errno.EFAULT;
        if ((int)size <= 0) return -Errno.EINVAL;
        int want = (int)Math.Min(size, PathMax);
        byte* tmp = stackalloc byte[PathMax];
        long n;
        if (GuestPaths.ExeLink(k, path) is { } exe)
        {
            n = Encoding.UTF8.GetBytes(exe.AsSpan(0, Math.Min(exe.Length, PathMax)), new Span<byte>(tmp, PathMax));
            n = Math.Min(n, want);
        }
        else
        {
            n = HostKernel.Syscall(HostKernel.Nr.Readlinkat, hostDirFd, (nint)p, (nint)tmp, want);
            if (n < 0) return n;
        }
        byte* g = k.Buffer(buf, (uint)n, PageFlags.Write);
        if (g == null) return -Errno.EFAULT;
        Buffer.MemoryCopy(tmp, g, n, n);
        return n;
    }

    private static long GetCwd(LinuxKernel k, in SyscallArgs a)
    {
        byte* tmp = stackalloc byte[PathMax];
        long n = HostKernel.Syscall(HostKernel.Nr.Getcwd, (nint)tmp, PathMax);
        if (n < 0) return n;
        if (n > a.A2) return -Errno.ERANGE;
        byte* g = k.Buffer(a.A1, (uint)n, PageFlags.Write);
        if (g == null) return -Errno.EFAULT;
        Buffer.MemoryCopy(tmp, g, n, n);
        return n;
    }

    // ---- timestamps ----

    /// <summary>Path argument of the utime calls, which may be NULL to mean the directory fd itself.</summary>
    private static bool OptionalPath(LinuxKernel k, uint path, bool follow, out byte* p)
    {
        p = path == 0 ? null : GuestPaths.Host(k, path, 0, follow);
        return path == 0 || p != null;
    }

    private static long Utimensat(LinuxKernel k, in SyscallArgs a, bool time64)
    {
        long* ts = stackalloc long[4];
        if (a.A3 != 0)
        {
            if (!TimeSyscalls.ReadTimespec(k, a.A3, time64, out ts[0], out ts[1]) ||
                !TimeSyscalls.ReadTimespec(k, a.A3 + (time64 ? 16u : 8u), time64, out ts[2], out ts[3]))
                return -Errno.EFAULT;
            // Nothing to change: Linux succeeds before looking at the path.
            if (ts[1] == UtimeOmit && ts[3] == UtimeOmit) return 0;
        }
        if (!OptionalPath(k, a.A2, (a.A4 & AtSymlinkNofollow) == 0, out byte* p)) return -Errno.EFAULT;
        return HostKernel.Syscall(HostKernel.Nr.Utimensat, k.Fds.HostDirFd(a.A1), (nint)p, a.A3 != 0 ? (nint)ts : 0, a.A4);
    }

    /// <summary>utime: struct utimbuf is two 32-bit times (access, modification), whole seconds.</summary>
    private static long Utime(LinuxKernel k, in SyscallArgs a)
    {
        long* ts = stackalloc long[4];
        if (a.A2 != 0)
        {
            if (!k.CopyIn(a.A2, out ulong times)) return -Errno.EFAULT;
            ts[0] = (int)(uint)times;
            ts[2] = (int)(uint)(times >> 32);
        }
        byte* p = GuestPaths.Host(k, a.A1);
        if (p == null) return -Errno.EFAULT;
        return HostKernel.Syscall(HostKernel.Nr.Utimensat, AtFdCwd, (nint)p, a.A2 != 0 ? (nint)ts : 0, 0);
    }

    /// <summary>utimes and futimesat: two i386 timevals; microseconds must be valid.</summary>
    private static long Futimesat(LinuxKernel k, int hostDirFd, uint path, uint times)
    {
        long* ts = stackalloc long[4];
        if (times != 0)
        {
            if (!TimeSyscalls.ReadTimeval(k, times, out ts[0], out long us0) || !TimeSyscalls.ReadTimeval(k, times + 8, out ts[2], out long us1))
                return -Errno.EFAULT;
            if ((ulong)us0 >= 1_000_000 || (ulong)us1 >= 1_000_000) return -Errno.EINVAL;
            ts[1] = us0 * 1000;
            ts[3] = us1 * 1000;
        }
        if (!OptionalPath(k, path, true, out byte* p)) return -Errno.EFAULT;
        return HostKernel.Syscall(HostKernel.Nr.Utimensat, hostDirFd, (nint)p, times != 0 ? (nint)ts : 0, 0);
    }
}
