using System.Runtime.InteropServices;
using Hdbt.Guest;
using static Hdbt.Linux.ArgKind;
using Hdbt.Host;

namespace Hdbt.Linux.Syscalls;

/// <summary>Reading directories: getdents (old struct linux_dirent with 32-bit fields) and getdents64.</summary>
/// <remarks>
/// Both go through the host's 32-bit entry when it has one (<see cref="LinuxKernel.Compat"/>, see
/// <see cref="CompatHost"/>): the host then produces the i386 records itself, with the 32-bit
/// directory positions a native i386 process gets. Otherwise the host's getdents64 fills the
/// records and every <c>d_off</c> (a 64-bit cookie) is replaced by the directory's small position
/// (<see cref="DirectoryPositions"/>); getdents converts the records to the old layout.
/// <see cref="Seek"/> maps positions back for lseek and _llseek on a directory.
/// </remarks>
public static unsafe class DirectorySyscalls
{
    /// <summary>i386 syscall numbers used through <see cref="CompatHost"/>.</summary>
    private const int CompatGetdents = 141, CompatGetdents64 = 220;

    private const int SeekSet = 0, SeekCur = 1;

    /// <summary>Offset of d_name in struct linux_dirent64.</summary>
    private const int NameOffset64 = 19;
    private const int FallbackBuffer = 32 * 1024;

    public static void Register(SyscallTable t)
    {
        t.Add("getdents", (LinuxKernel k, in SyscallArgs a) => GetDents(k, a, false), Int, Ptr, Int);
        t.Add("getdents64", (LinuxKernel k, in SyscallArgs a) => GetDents(k, a, true), Int, Ptr, Int);
    }

    /// <summary>struct linux_dirent64, the same on both: header before the name.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    private struct Dirent64
    {
        public ulong Ino;
        public long Off;
        public ushort Reclen;
        public byte Type;
    }

    private static long GetDents(LinuxKernel k, in SyscallArgs a, bool wide)
    {
        int fd = k.Fds.Host(a.A1);
        if (fd < 0) return -Errno.EBADF;
        uint count = a.A3;
        byte* guest = FileSyscalls.IoBuffer(k, a.A2, ref count, PageFlags.Write);
        if (k.Compat)
        {
            byte* scratch = CompatHost.Scratch;
            if (scratch == null) return -Errno.ENOMEM;
            count = Math.Min(count, CompatHost.ScratchSize);
            // An inaccessible buffer is given as address 0, so the host reports EBADF or ENOTDIR before EFAULT.
            long r = CompatHost.Call(wide ? CompatGetdents64 : CompatGetdents, (uint)fd, guest == null ? 0 : CompatHost.Address(scratch), count);
            if (r > 0) Buffer.MemoryCopy(scratch, guest, count, r);
            return r;
        }
        var positions = k.Fds.Positions(a.A1);
        // Not a directory (the host says ENOTDIR), or no buffer (EFAULT, or 0 at the end): the host's answer as is.
        if (positions == null || guest == null) return HostKernel.Syscall(HostKernel.Nr.Getdents64, fd, (nint)guest, count);
        if (!wide) return ConvertedGetDents(fd, positions, guest, count);
        long n = HostKernel.Syscall(HostKernel.Nr.Getdents64, fd, (nint)guest, count);
        for (long pos = 0; pos < n;)
        {
            var e = (Dirent64*)(guest + pos);
            e->Off = positions.ToGuest(e->Off);
            pos += e->Reclen;
        }
        return n;
    }

    /// <summary>getdents without the 32-bit entry: reads linux_dirent64 records and rewrites them as i386 linux_dirent.</summary>
    private static long ConvertedGetDents(int fd, DirectoryPositions positions, byte* guest, uint count)
    {
        // An old record is never longer than the 64-bit one for the same name, so what the host returns fits.
        int n = (int)Math.Min(count, FallbackBuffer);
        byte* buf = stackalloc byte[n];
        long start = HostKernel.Syscall(HostKernel.Nr.Lseek, fd, 0, SeekCur);
        long r = HostKernel.Syscall(HostKernel.Nr.Getdents64, fd, (nint)buf, n);
        if (r <= 0) return r;
        uint outPos = 0;
        long lastOff = start;
        for (long pos = 0; pos < r;)
        {
            var e = (Dirent64*)(buf + pos);
            byte* name = buf + pos + NameOffset64;
            int nameLen = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name).Length;
            if (e->Ino > uint.MaxValue)
            {
                // The kernel returns what it has so far and leaves the position on this entry.
                if (start >= 0) HostKernel.Syscall(HostKernel.Nr.Lseek, fd, lastOff, SeekSet);
                return outPos == 0 ? -Errno.EOVERFLOW : outPos;
            }
            // i386 struct linux_dirent: u32 ino, u32 off, u16 reclen, name, NUL, then d_type in the last byte.
            uint reclen = (uint)(10 + nameLen + 2 + 3) & ~3u;
            byte* o = guest + outPos;
            *(uint*)o = (uint)e->Ino;
            *(uint*)(o + 4) = positions.ToGuest(e->Off);
            *(ushort*)(o + 8) = (ushort)reclen;
            Buffer.MemoryCopy(name, o + 10, nameLen, nameLen);
            for (uint i = 10 + (uint)nameLen; i < reclen - 1; i++) o[i] = 0;
            o[reclen - 1] = e->Type;
            outPos += reclen;
            lastOff = e->Off;
            pos += e->Reclen;
        }
        return outPos;
    }

    /// <summary>
    /// lseek and _llseek on a directory without the 32-bit entry: <paramref name="offset"/> and the
    /// result are guest positions. SEEK_SET goes to the cookie a position stands for (EINVAL for one
    /// never handed out); SEEK_CUR is taken relative to the current position's number (cookies have no
    /// arithmetic); any other whence is the host's, with its result numbered.
    /// </summary>
    /// <returns>The new guest position, or -errno.</returns>
    public static long Seek(int fd, DirectoryPositions positions, long offset, uint whence)
    {
        long target = offset;
        if (whence == SeekCur)
        {
            long cur = HostKernel.Syscall(HostKernel.Nr.Lseek, fd, 0, SeekCur);
            if (cur < 0) return cur;
            target = positions.ToGuest(cur) + offset;
            if (offset == 0) return target;
        }
        else if (whence != SeekSet)
        {
            long r = HostKernel.Syscall(HostKernel.Nr.Lseek, fd, offset, whence);
            return r < 0 ? r : positions.ToGuest(r);
        }
        if (!positions.TryToHost(target, out long cookie)) return -Errno.EINVAL;
        long moved = HostKernel.Syscall(HostKernel.Nr.Lseek, fd, cookie, SeekSet);
        return moved < 0 ? moved : target;
    }
}
