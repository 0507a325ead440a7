using System.Runtime.InteropServices;
using Hdbt.Guest;
using static Hdbt.Linux.ArgKind;

namespace Hdbt.Linux.Syscalls;

/// <summary>Reading directories: getdents (old struct linux_dirent with 32-bit fields) and getdents64.</summary>
/// <remarks>
/// Both go through the host's 32-bit entry when it has one (see <see cref="CompatHost"/>): the
/// host then produces the i386 records itself, with the 32-bit directory positions a native
/// i386 process gets. Otherwise getdents64 passes through and getdents converts its records,
/// and directory positions on ext4 are then 64-bit hashes cut to 32 bits.
/// </remarks>
public static unsafe class DirectorySyscalls
{
    /// <summary>i386 syscall numbers used through <see cref="CompatHost"/>.</summary>
    private const int CompatGetdents = 141, CompatGetdents64 = 220;

    private const int SeekSet = 0, SeekCur = 1;
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
        byte* scratch = CompatHost.Available ? CompatHost.Scratch : null;
        if (scratch != null)
        {
            count = Math.Min(count, CompatHost.ScratchSize);
            // An inaccessible buffer is given as address 0, so the host reports EBADF or ENOTDIR before EFAULT.
            long r = CompatHost.Call(wide ? CompatGetdents64 : CompatGetdents, (uint)fd, guest == null ? 0 : CompatHost.Address(scratch), count);
            if (r > 0) Buffer.MemoryCopy(scratch, guest, count, r);
            return r;
        }
        if (wide || guest == null) return Host.Syscall(Host.Nr.Getdents64, fd, (nint)guest, count);
        return ConvertedGetDents(fd, guest, count);
    }

    /// <summary>getdents without the 32-bit entry: reads linux_dirent64 records and rewrites them as i386 linux_dirent.</summary>
    private static long ConvertedGetDents(int fd, byte* guest, uint count)
    {
        // An old record is never longer than the 64-bit one for the same name, so what the host returns fits.
        int n = (int)Math.Min(count, FallbackBuffer);
        byte* buf = stackalloc byte[n];
        long start = Host.Syscall(Host.Nr.Lseek, fd, 0, SeekCur);
        long r = Host.Syscall(Host.Nr.Getdents64, fd, (nint)buf, n);
        if (r <= 0) return r;
        uint outPos = 0;
        long lastOff = start;
        for (long pos = 0; pos < r;)
        {
            var e = (Dirent64*)(buf + pos);
            byte* name = buf + pos + 19;
            int nameLen = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name).Length;
            if (e->Ino > uint.MaxValue)
            {
                // The kernel returns what it has so far and leaves the position on this entry.
                if (start >= 0) Host.Syscall(Host.Nr.Lseek, fd, lastOff, SeekSet);
                return outPos == 0 ? -Errno.EOVERFLOW : outPos;
            }
            // i386 struct linux_dirent: u32 ino, u32 off, u16 reclen, name, NUL, then d_type in the last byte.
            uint reclen = (uint)(10 + nameLen + 2 + 3) & ~3u;
            byte* o = guest + outPos;
            *(uint*)o = (uint)e->Ino;
            *(uint*)(o + 4) = (uint)e->Off;
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
}
