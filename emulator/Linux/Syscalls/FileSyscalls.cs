using Hdbt.Guest;
using static Hdbt.Linux.ArgKind;
using Hdbt.Host;

namespace Hdbt.Linux.Syscalls;

/// <summary>
/// Files and descriptors: read, write, open, close, seek, sizes and syncing. Registers the
/// other file groups too (paths, stat, directories, descriptors, poll/select).
/// </summary>
public static unsafe class FileSyscalls
{
    /// <summary>Largest count one read or write transfers (the kernel's MAX_RW_COUNT).</summary>
    private const uint MaxRwCount = 0x7FFF_F000;

    /// <summary>Most iovecs one call takes (UIO_MAXIOV).</summary>
    private const int MaxIov = 1024;

    /// <summary>Largest file offset for a file not opened with O_LARGEFILE (MAX_NON_LFS).</summary>
    private const long MaxNonLfs = int.MaxValue;

    private const int SeekCur = 1, SeekMax = 4;
    private const int CloseRangeUnshare = 2, CloseRangeCloexec = 4;
    private const int FSetfd = 2, FdCloexec = 1;

    /// <summary>i386 syscall numbers used through <see cref="CompatHost"/>.</summary>
    private const int CompatLseek = 19, CompatLlseek = 140;

    /// <summary>x86-64 syscall numbers used only here.</summary>
    private const int HostPreadv2 = 327, HostPwritev2 = 328, HostSyncFileRange = 277;

    public static void Register(SyscallTable t)
    {
        t.Add("read", Read, Int, Ptr, Int);
        t.Add("write", Write, Int, Ptr, Int);
        t.Add("pread64", (LinuxKernel k, in SyscallArgs a) => PositionedIo(k, a, HostKernel.Nr.Pread64, PageFlags.Write), Int, Ptr, Int, Hex, Hex);
        t.Add("pwrite64", (LinuxKernel k, in SyscallArgs a) => PositionedIo(k, a, HostKernel.Nr.Pwrite64, PageFlags.Read), Int, Ptr, Int, Hex, Hex);
        t.Add("readv", (LinuxKernel k, in SyscallArgs a) => VectorIo(k, a.A1, a.A2, a.A3, HostKernel.Nr.Readv, PageFlags.Write, 0, 0, false), Int, Ptr, Int);
        t.Add("writev", (LinuxKernel k, in SyscallArgs a) => VectorIo(k, a.A1, a.A2, a.A3, HostKernel.Nr.Writev, PageFlags.Read, 0, 0, false), Int, Ptr, Int);
        t.Add("preadv", (LinuxKernel k, in SyscallArgs a) =>
            VectorIo(k, a.A1, a.A2, a.A3, HostKernel.Nr.Preadv, PageFlags.Write, Offset64(a.A4, a.A5), 0, true), Int, Ptr, Int, Hex, Hex);
        t.Add("pwritev", (LinuxKernel k, in SyscallArgs a) =>
            VectorIo(k, a.A1, a.A2, a.A3, HostKernel.Nr.Pwritev, PageFlags.Read, Offset64(a.A4, a.A5), 0, true), Int, Ptr, Int, Hex, Hex);
        t.Add("preadv2", (LinuxKernel k, in SyscallArgs a) =>
            VectorIo(k, a.A1, a.A2, a.A3, HostPreadv2, PageFlags.Write, Offset64(a.A4, a.A5), a.A6, true), Int, Ptr, Int, Hex, Hex, Hex);
        t.Add("pwritev2", (LinuxKernel k, in SyscallArgs a) =>
            VectorIo(k, a.A1, a.A2, a.A3, HostPwritev2, PageFlags.Read, Offset64(a.A4, a.A5), a.A6, true), Int, Ptr, Int, Hex, Hex, Hex);
        t.Add("open", (LinuxKernel k, in SyscallArgs a) => Open(k, FdTable.AtFdCwd, a.A1, a.A2, a.A3), Str, OFlags, Oct);
        t.Add("openat", (LinuxKernel k, in SyscallArgs a) => Open(k, k.Fds.HostDirFd(a.A1), a.A2, a.A3, a.A4), DirFd, Str, OFlags, Oct);
        t.Add("creat", (LinuxKernel k, in SyscallArgs a) =>
            Open(k, FdTable.AtFdCwd, a.A1, OpenFlags.Creat | OpenFlags.Trunc | 1, a.A2), Str, Oct);
        t.Add("close", Close, Int);
        t.Add("close_range", CloseRange, Int, Int, Hex);
        t.Add("lseek", Lseek, Int, Int, Int);
        t.Add("_llseek", Llseek, Int, Hex, Hex, Ptr, Int);
        t.Add("sendfile", (LinuxKernel k, in SyscallArgs a) => SendFile(k, a, false), Int, Int, Ptr, Int);
        t.Add("sendfile64", (LinuxKernel k, in SyscallArgs a) => SendFile(k, a, true), Int, Int, Ptr, Int);
        t.Add("ftruncate", (LinuxKernel k, in SyscallArgs a) => Ftruncate(k, a.A1, (int)a.A2), Int, Int);
        t.Add("ftruncate64", (LinuxKernel k, in SyscallArgs a) => Ftruncate(k, a.A1, Offset64(a.A2, a.A3)), Int, Hex, Hex);
        t.Add("truncate", (LinuxKernel k, in SyscallArgs a) => Truncate(k, a.A1, (int)a.A2), Str, Int);
        t.Add("truncate64", (LinuxKernel k, in SyscallArgs a) => Truncate(k, a.A1, Offset64(a.A2, a.A3)), Str, Hex, Hex);
        t.Add("fsync", (LinuxKernel k, in SyscallArgs a) => HostKernel.Syscall(HostKernel.Nr.Fsync, k.Fds.Host(a.A1)), Int);
        t.Add("fdatasync", (LinuxKernel k, in SyscallArgs a) => HostKernel.Syscall(HostKernel.Nr.Fdatasync, k.Fds.Host(a.A1)), Int);
        t.Add("sync", (LinuxKernel k, in SyscallArgs a) => HostKernel.Syscall(HostKernel.Nr.Sync));
        t.Add("syncfs", (LinuxKernel k, in SyscallArgs a) => HostKernel.Syscall(HostKernel.Nr.Syncfs, k.Fds.Host(a.A1)), Int);
        t.Add("flock", (LinuxKernel k, in SyscallArgs a) => HostKernel.Syscall(HostKernel.Nr.Flock, k.Fds.Host(a.A1), a.A2), Int, Hex);
        // 64-bit values are split across two registers, low half first.
        t.Add("fadvise64", (LinuxKernel k, in SyscallArgs a) =>
            HostKernel.Syscall(HostKernel.Nr.Fadvise64, k.Fds.Host(a.A1), Offset64(a.A2, a.A3), a.A4, (int)a.A5), Int, Hex, Hex, Int, Int);
        t.Add("fadvise64_64", (LinuxKernel k, in SyscallArgs a) =>
            HostKernel.Syscall(HostKernel.Nr.Fadvise64, k.Fds.Host(a.A1), Offset64(a.A2, a.A3), Offset64(a.A4, a.A5), (int)a.A6), Int, Hex, Hex, Hex, Hex, Int);
        t.Add("fallocate", (LinuxKernel k, in SyscallArgs a) =>
            HostKernel.Syscall(HostKernel.Nr.Fallocate, k.Fds.Host(a.A1), (int)a.A2, Offset64(a.A3, a.A4), Offset64(a.A5, a.A6)), Int, Hex, Hex, Hex, Hex, Hex);
        t.Add("readahead", (LinuxKernel k, in SyscallArgs a) =>
            HostKernel.Syscall(HostKernel.Nr.Readahead, k.Fds.Host(a.A1), Offset64(a.A2, a.A3), a.A4), Int, Hex, Hex, Int);
        t.Add("sync_file_range", (LinuxKernel k, in SyscallArgs a) =>
            HostKernel.Syscall(HostSyncFileRange, k.Fds.Host(a.A1), Offset64(a.A2, a.A3), Offset64(a.A4, a.A5), a.A6), Int, Hex, Hex, Hex, Hex, Hex);

        PathSyscalls.Register(t);
        StatSyscalls.Register(t);
        DirectorySyscalls.Register(t);
        DescriptorSyscalls.Register(t);
        PollSyscalls.Register(t);
    }

    // ---- helpers shared by the file groups ----

    /// <summary>A 64-bit value passed in two registers, low half first.</summary>
    public static long Offset64(uint low, uint high) => (long)((ulong)high << 32 | low);

    /// <summary>
    /// Host pointer of a read/write buffer, its length cut to the kernel's per-call maximum and to
    /// the part that is accessible: the kernel transfers up to the first bad byte and fails with
    /// EFAULT only when it cannot transfer anything. When the first byte is bad the result is
    /// null, which callers pass on: the host then fails with EFAULT only where Linux would touch
    /// the buffer (a read at end of file still returns 0), and other errors keep their order.
    /// </summary>
    public static byte* IoBuffer(LinuxKernel k, uint address, ref uint length, PageFlags right)
    {
        if (length > MaxRwCount) length = MaxRwCount;
        if (length == 0) return k.Memory.HostPointer(address);
        uint ok = 0;
        while (ok < length)
        {
            ulong a = (ulong)address + ok;
            if (a > uint.MaxValue || (k.Memory.PageOf((uint)a) & right) == 0) break;
            ok = (uint)Math.Min(length, (a | GuestMemory.PageMask) + 1 - address);
        }
        if (ok == 0) return null;
        length = ok;
        return k.Buffer(address, ok, right);
    }

    // ---- reading and writing ----

    private static long Read(LinuxKernel k, in SyscallArgs a)
    {
        int fd = k.Fds.Host(a.A1);
        if (fd < 0) return -Errno.EBADF;
        uint n = a.A3;
        byte* p = IoBuffer(k, a.A2, ref n, PageFlags.Write);
        return HostKernel.Syscall(HostKernel.Nr.Read, fd, (nint)p, n);
    }

    private static long Write(LinuxKernel k, in SyscallArgs a)
    {
        int fd = k.Fds.Host(a.A1);
        if (fd < 0) return -Errno.EBADF;
        uint n = a.A3;
        byte* p = IoBuffer(k, a.A2, ref n, PageFlags.Read);
        return SignalSyscalls.AfterWrite(k, HostKernel.Syscall(HostKernel.Nr.Write, fd, (nint)p, n));
    }

    /// <summary>pread64/pwrite64 (fd, buf, count, offset low, offset high).</summary>
    private static long PositionedIo(LinuxKernel k, in SyscallArgs a, int hostNr, PageFlags right)
    {
        int fd = k.Fds.Host(a.A1);
        if (fd < 0) return -Errno.EBADF;
        uint n = a.A3;
        byte* p = IoBuffer(k, a.A2, ref n, right);
        long r = HostKernel.Syscall(hostNr, fd, (nint)p, n, Offset64(a.A4, a.A5));
        return right == PageFlags.Read ? SignalSyscalls.AfterWrite(k, r) : r;
    }

    /// <summary>
    /// readv/writev and their positioned forms: the i386 iovec array (2×u32) becomes a host one
    /// (2×u64). As for read and write, the transfer stops at the first inaccessible byte.
    /// </summary>
    private static long VectorIo(LinuxKernel k, uint guestFd, uint iovAddress, uint count, int hostNr, PageFlags right,
        long offset, uint flags, bool positioned)
    {
        int fd = k.Fds.Host(guestFd);
        if (fd < 0) return -Errno.EBADF;
        uint* iov = count <= MaxIov ? (uint*)k.Buffer(iovAddress, count * 8, PageFlags.Read) : null;
        if (count > MaxIov || iov == null)
            return Probe(fd, hostNr, offset, flags, positioned, count > MaxIov ? -Errno.EINVAL : -Errno.EFAULT);
        ulong* host = stackalloc ulong[(int)count * 2];
        int used = 0;
        uint total = 0;
        bool stopped = false;
        for (int i = 0; i < count; i++)
        {
            uint len = iov[2 * i + 1];
            if ((int)len < 0) return Probe(fd, hostNr, offset, flags, positioned, -Errno.EINVAL);
            if (stopped || len == 0) continue;
            // Past the per-call maximum and at the first inaccessible byte the transfer stops; later lengths are still checked.
            len = Math.Min(len, MaxRwCount - total);
            if (len == 0) { stopped = true; continue; }
            uint want = len;
            byte* p = IoBuffer(k, iov[2 * i], ref len, right);
            // A first buffer that is wholly inaccessible goes to the host as NULL (see IoBuffer); a later one ends the list.
            if (p == null && used > 0) { stopped = true; continue; }
            host[2 * used] = (ulong)p;
            host[2 * used + 1] = len;
            used++;
            total += len;
            stopped = p == null || len < want;
        }
        long r = positioned
            ? HostKernel.Syscall(hostNr, fd, (nint)host, used, offset, 0, flags)
            : HostKernel.Syscall(hostNr, fd, (nint)host, used);
        return right == PageFlags.Read ? SignalSyscalls.AfterWrite(k, r) : r;
    }

    /// <summary>
    /// The error for a bad iovec array, unless the host has an earlier one: Linux checks the
    /// descriptor (open for reading or writing, seekable for the positioned calls) first, which
    /// the same call with no iovecs reveals.
    /// </summary>
    private static long Probe(int fd, int hostNr, long offset, uint flags, bool positioned, long error)
    {
        long r = positioned ? HostKernel.Syscall(hostNr, fd, 0, 0, offset, 0, flags) : HostKernel.Syscall(hostNr, fd, 0, 0);
        return r < 0 ? r : error;
    }

    private static long SendFile(LinuxKernel k, in SyscallArgs a, bool offset64)
    {
        int outFd = k.Fds.Host(a.A1), inFd = k.Fds.Host(a.A2);
        if (outFd < 0 || inFd < 0) return -Errno.EBADF;
        uint count = Math.Min(a.A4, MaxRwCount);
        long pos = 0;
        if (a.A3 != 0)
        {
            if (offset64 ? !k.CopyIn(a.A3, out pos) : !ReadInt(k, a.A3, out pos)) return -Errno.EFAULT;
        }
        if (!offset64)
        {
            // The 32-bit call stops at the largest non-LFS offset, as the kernel's does.
            long start = a.A3 != 0 ? pos : HostKernel.Syscall(HostKernel.Nr.Lseek, inFd, 0, SeekCur);
            if (start >= 0 && start + count > MaxNonLfs)
            {
                if (start >= MaxNonLfs) return -Errno.EOVERFLOW;
                count = (uint)(MaxNonLfs - start);
            }
        }
        long r = HostKernel.Syscall(HostKernel.Nr.Sendfile, outFd, inFd, a.A3 != 0 ? (nint)(&pos) : 0, count);
        if (a.A3 != 0 && r >= 0 && !(offset64 ? k.CopyOut(a.A3, pos) : k.CopyOut(a.A3, (int)pos))) return -Errno.EFAULT;
        return SignalSyscalls.AfterWrite(k, r);
    }

    /// <summary>ftruncate(64): a file opened without O_LARGEFILE cannot be made larger than 2 GiB - 1 (the 32-bit kernel's rule for both calls).</summary>
    private static long Ftruncate(LinuxKernel k, uint guestFd, long length)
    {
        int fd = k.Fds.Host(guestFd);
        if (length >= 0 && fd >= 0 && length > MaxNonLfs && k.Fds.NotLargeFile(guestFd)) return -Errno.EINVAL;
        return HostKernel.Syscall(HostKernel.Nr.Ftruncate, fd, length);
    }

    private static long Truncate(LinuxKernel k, uint path, long length)
    {
        byte* p = GuestPaths.Host(k, path);
        return p == null ? -Errno.EFAULT : HostKernel.Syscall(HostKernel.Nr.Truncate, (nint)p, length);
    }

    private static bool ReadInt(LinuxKernel k, uint address, out long value)
    {
        bool ok = k.CopyIn(address, out int v);
        value = v;
        return ok;
    }

    // ---- opening and closing ----

    /// <summary>open, openat and creat: the new host fd gets the lowest free guest number.</summary>
    private static long Open(LinuxKernel k, int hostDirFd, uint path, uint flags, uint mode)
    {
        byte* p = GuestPaths.Host(k, path);
        if (p == null) return -Errno.EFAULT;
        long fd = HostKernel.Syscall(HostKernel.Nr.Openat, hostDirFd, (nint)p, flags, mode);
        if (fd < 0) return fd;
        bool large = (flags & OpenFlags.LargeFile) != 0;
        if (!large && (flags & OpenFlags.Path) == 0 && StatSyscalls.RegularFileSize((int)fd) > MaxNonLfs)
        {
            // A 32-bit program that did not ask for large files cannot open one (the host forces O_LARGEFILE).
            HostKernel.Close((int)fd);
            return -Errno.EOVERFLOW;
        }
        return k.Fds.Install((int)fd, 0, !large);
    }

    private static long Close(LinuxKernel k, in SyscallArgs a)
    {
        int fd = k.Fds.Remove(a.A1);
        return fd < 0 ? -Errno.EBADF : FdTable.Release(fd);
    }

    private static long CloseRange(LinuxKernel k, in SyscallArgs a)
    {
        if ((a.A3 & ~(uint)(CloseRangeUnshare | CloseRangeCloexec)) != 0 || a.A1 > a.A2) return -Errno.EINVAL;
        // CLOSE_RANGE_UNSHARE matters only with threads sharing the table: there is one thread.
        for (uint g = a.A1; g <= Math.Min(a.A2, (uint)k.Fds.Size - 1); g++)
        {
            if (!k.Fds.IsOpen(g)) continue;
            if ((a.A3 & CloseRangeCloexec) != 0) HostKernel.Syscall(HostKernel.Nr.Fcntl, k.Fds.Host(g), FSetfd, FdCloexec);
            else FdTable.Release(k.Fds.Remove(g));
        }
        return 0;
    }

    // ---- seeking ----

    /// <summary>
    /// lseek with a 32-bit offset and result. Through the host's 32-bit entry when it has one, so
    /// that directory positions are the 32-bit ones a native i386 process gets (see <see cref="CompatHost"/>);
    /// otherwise a directory's positions come from its <see cref="DirectoryPositions"/>.
    /// </summary>
    private static long Lseek(LinuxKernel k, in SyscallArgs a)
    {
        int fd = k.Fds.Host(a.A1);
        if (fd < 0) return -Errno.EBADF;
        if (k.Compat) return CompatHost.Call(CompatLseek, (uint)fd, a.A2, a.A3);
        if (k.Fds.Positions(a.A1) is { } dir) return DirectorySyscalls.Seek(fd, dir, (int)a.A2, a.A3);
        long r = HostKernel.Syscall(HostKernel.Nr.Lseek, fd, (int)a.A2, a.A3);
        // The position moved, but it does not fit the 32-bit result.
        return r > int.MaxValue ? -Errno.EOVERFLOW : r;
    }

    /// <summary>_llseek(fd, offset high, offset low, loff_t *result, whence).</summary>
    private static long Llseek(LinuxKernel k, in SyscallArgs a)
    {
        int fd = k.Fds.Host(a.A1);
        if (fd < 0) return -Errno.EBADF;
        long pos;
        if (k.Compat)
        {
            byte* scratch = CompatHost.Scratch;
            if (scratch == null) return -Errno.ENOMEM;
            long r = CompatHost.Call(CompatLlseek, (uint)fd, a.A2, a.A3, CompatHost.Address(scratch), a.A5);
            if (r < 0) return r;
            pos = *(long*)scratch;
        }
        else
        {
            if (a.A5 > SeekMax) return -Errno.EINVAL;
            pos = k.Fds.Positions(a.A1) is { } dir
                ? DirectorySyscalls.Seek(fd, dir, Offset64(a.A3, a.A2), a.A5)
                : HostKernel.Syscall(HostKernel.Nr.Lseek, fd, Offset64(a.A3, a.A2), a.A5);
            if (pos < 0) return pos;
        }
        return k.CopyOut(a.A4, pos) ? 0 : -Errno.EFAULT;
    }
}
