using System.Runtime.InteropServices;
using Hdbt.Guest;
using static Hdbt.Linux.ArgKind;
using Hdbt.Host;

namespace Hdbt.Linux.Syscalls;

/// <summary>File status: stat64 and friends, the old 32-bit stat, statx, statfs/statfs64.</summary>
/// <remarks>
/// The host fills its x86-64 structures; they are converted field by field to the i386 ones,
/// with the 32-bit kernel's rules: the old structures fail with EOVERFLOW on values that do not
/// fit, and only the fields (not the padding) of struct stat64 are written, as the kernel does.
/// </remarks>
public static unsafe class StatSyscalls
{
    private const int AtSymlinkNofollow = 0x100;
    private const uint ModeTypeMask = 0xF000, ModeRegular = 0x8000, ModeDirectory = 0x4000;
    private const uint OverflowId = 65534;
    private const long MaxNonLfs = int.MaxValue;
    private const uint Statfs64Size = 84;

    public static void Register(SyscallTable t)
    {
        t.Add("stat64", (LinuxKernel k, in SyscallArgs a) => PathStat(k, FdTable.AtFdCwd, a.A1, 0, a.A2, Stat64Out), Str, Ptr);
        t.Add("lstat64", (LinuxKernel k, in SyscallArgs a) => PathStat(k, FdTable.AtFdCwd, a.A1, AtSymlinkNofollow, a.A2, Stat64Out), Str, Ptr);
        t.Add("fstat64", (LinuxKernel k, in SyscallArgs a) => FdStat(k, a.A1, a.A2, Stat64Out), Int, Ptr);
        t.Add("fstatat64", (LinuxKernel k, in SyscallArgs a) => PathStat(k, k.Fds.HostDirFd(a.A1), a.A2, (int)a.A4, a.A3, Stat64Out, true),
            DirFd, Str, Ptr, Hex);
        t.Add("stat", (LinuxKernel k, in SyscallArgs a) => PathStat(k, FdTable.AtFdCwd, a.A1, 0, a.A2, OldStatOut), Str, Ptr);
        t.Add("lstat", (LinuxKernel k, in SyscallArgs a) => PathStat(k, FdTable.AtFdCwd, a.A1, AtSymlinkNofollow, a.A2, OldStatOut), Str, Ptr);
        t.Add("fstat", (LinuxKernel k, in SyscallArgs a) => FdStat(k, a.A1, a.A2, OldStatOut), Int, Ptr);
        t.Add("statx", Statx, DirFd, Str, Hex, Hex, Ptr);
        t.Add("statfs", (LinuxKernel k, in SyscallArgs a) => PathStatfs(k, a.A1, a.A2, false), Str, Ptr);
        t.Add("fstatfs", (LinuxKernel k, in SyscallArgs a) => FdStatfs(k, a.A1, a.A2, false), Int, Ptr);
        t.Add("statfs64", (LinuxKernel k, in SyscallArgs a) =>
            a.A2 != Statfs64Size ? -Errno.EINVAL : PathStatfs(k, a.A1, a.A3, true), Str, Int, Ptr);
        t.Add("fstatfs64", (LinuxKernel k, in SyscallArgs a) =>
            a.A2 != Statfs64Size ? -Errno.EINVAL : FdStatfs(k, a.A1, a.A3, true), Int, Int, Ptr);
    }

    /// <summary>x86-64 struct stat (144 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct HostStat
    {
        public ulong Dev, Ino, Nlink;
        public uint Mode, Uid, Gid;
        private readonly int _pad0;
        public ulong Rdev;
        public long Size, Blksize, Blocks;
        public long Atime, AtimeNsec, Mtime, MtimeNsec, Ctime, CtimeNsec;
        private readonly long _reserved0, _reserved1, _reserved2;
    }

    /// <summary>i386 struct stat64 (96 bytes; 64-bit fields are only 4-aligned).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 96)]
    private struct Stat64
    {
        [FieldOffset(0)] public ulong Dev;
        [FieldOffset(12)] public uint ShortIno;
        [FieldOffset(16)] public uint Mode;
        [FieldOffset(20)] public uint Nlink;
        [FieldOffset(24)] public uint Uid;
        [FieldOffset(28)] public uint Gid;
        [FieldOffset(32)] public ulong Rdev;
        [FieldOffset(44)] public long Size;
        [FieldOffset(52)] public uint Blksize;
        [FieldOffset(56)] public ulong Blocks;
        [FieldOffset(64)] public uint Atime;
        [FieldOffset(68)] public uint AtimeNsec;
        [FieldOffset(72)] public uint Mtime;
        [FieldOffset(76)] public uint MtimeNsec;
        [FieldOffset(80)] public uint Ctime;
        [FieldOffset(84)] public uint CtimeNsec;
        [FieldOffset(88)] public ulong Ino;
    }

    /// <summary>i386 old struct stat (64 bytes, 16-bit mode, link count and ids).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct OldStat
    {
        public uint Dev, Ino;
        public ushort Mode, Nlink, Uid, Gid;
        public uint Rdev, Size, Blksize, Blocks;
        public uint Atime, AtimeNsec, Mtime, MtimeNsec, Ctime, CtimeNsec;
        private readonly uint _unused4, _unused5;
    }

    /// <summary>Converts a host stat into the guest's struct at an address; 0 or -errno.</summary>
    private delegate long StatWriter(LinuxKernel k, uint address, in HostStat s);

    /// <summary>Size of a host fd's file if it is a regular file, else -1 (used by open for its O_LARGEFILE check).</summary>
    public static long RegularFileSize(int hostFd)
    {
        HostStat s;
        if (HostKernel.Syscall(HostKernel.Nr.Fstat, hostFd, (nint)(&s)) < 0) return -1;
        return (s.Mode & ModeTypeMask) == ModeRegular ? s.Size : -1;
    }

    /// <summary>
    /// Device and inode of a host fd's file (what identifies a directory's position table): 1 if it
    /// is a directory, 0 if not, or -errno.
    /// </summary>
    public static int DirectoryIdentity(int hostFd, out ulong device, out ulong inode)
    {
        HostStat s;
        long r = HostKernel.Syscall(HostKernel.Nr.Fstat, hostFd, (nint)(&s));
        device = r < 0 ? 0 : s.Dev;
        inode = r < 0 ? 0 : s.Ino;
        if (r < 0) return (int)r;
        return (s.Mode & ModeTypeMask) == ModeDirectory ? 1 : 0;
    }

    private static long PathStat(LinuxKernel k, int hostDirFd, uint path, int flags, uint buf, StatWriter write, bool nullPathAllowed = false)
    {
        byte* p = null;
        if (path != 0 || !nullPathAllowed)
        {
            p = GuestPaths.Host(k, path, 0, (flags & AtSymlinkNofollow) == 0);
            if (p == null) return -Errno.EFAULT;
        }
        HostStat s;
        long r = HostKernel.Syscall(HostKernel.Nr.Newfstatat, hostDirFd, (nint)p, (nint)(&s), flags);
        return r < 0 ? r : write(k, buf, s);
    }

    private static long FdStat(LinuxKernel k, uint fd, uint buf, StatWriter write)
    {
        HostStat s;
        long r = HostKernel.Syscall(HostKernel.Nr.Fstat, k.Fds.Host(fd), (nint)(&s));
        return r < 0 ? r : write(k, buf, s);
    }

    private static long Stat64Out(LinuxKernel k, uint address, in HostStat s)
    {
        var g = (Stat64*)k.Buffer(address, 96, PageFlags.Write);
        if (g == null) return -Errno.EFAULT;
        g->Dev = s.Dev;
        g->ShortIno = (uint)s.Ino;
        g->Mode = s.Mode;
        g->Nlink = (uint)s.Nlink;
        g->Uid = s.Uid;
        g->Gid = s.Gid;
        g->Rdev = s.Rdev;
        g->Size = s.Size;
        g->Blksize = (uint)s.Blksize;
        g->Blocks = (ulong)s.Blocks;
        g->Atime = (uint)s.Atime;
        g->AtimeNsec = (uint)s.AtimeNsec;
        g->Mtime = (uint)s.Mtime;
        g->MtimeNsec = (uint)s.MtimeNsec;
        g->Ctime = (uint)s.Ctime;
        g->CtimeNsec = (uint)s.CtimeNsec;
        g->Ino = s.Ino;
        return 0;
    }

    /// <summary>16-bit ids as the kernel gives them to old calls: ids above 65535 become the overflow id.</summary>
    public static ushort LowId(uint id) => (ushort)(id > 0xFFFF ? OverflowId : id);

    private static long OldStatOut(LinuxKernel k, uint address, in HostStat s)
    {
        if (s.Ino > uint.MaxValue || s.Nlink > ushort.MaxValue || (ulong)s.Size > MaxNonLfs) return -Errno.EOVERFLOW;
        var o = new OldStat
        {
            Dev = (uint)s.Dev, Ino = (uint)s.Ino, Mode = (ushort)s.Mode, Nlink = (ushort)s.Nlink,
            Uid = LowId(s.Uid), Gid = LowId(s.Gid), Rdev = (uint)s.Rdev, Size = (uint)s.Size,
            Blksize = (uint)s.Blksize, Blocks = (uint)s.Blocks,
            Atime = (uint)s.Atime, AtimeNsec = (uint)s.AtimeNsec, Mtime = (uint)s.Mtime, MtimeNsec = (uint)s.MtimeNsec,
            Ctime = (uint)s.Ctime, CtimeNsec = (uint)s.CtimeNsec,
        };
        return k.CopyOut(address, o) ? 0 : -Errno.EFAULT;
    }

    /// <summary>statx: struct statx is the same on both, so the host fills a copy that goes to the guest.</summary>
    private static long Statx(LinuxKernel k, in SyscallArgs a)
    {
        byte* p = null;
        if (a.A2 != 0)
        {
            p = GuestPaths.Host(k, a.A2, 0, ((int)a.A3 & AtSymlinkNofollow) == 0);
            if (p == null) return -Errno.EFAULT;
        }
        byte* buf = stackalloc byte[256];
        long r = HostKernel.Syscall(HostKernel.Nr.Statx, k.Fds.HostDirFd(a.A1), (nint)p, (int)a.A3, a.A4, (nint)buf);
        if (r < 0) return r;
        byte* g = k.Buffer(a.A5, 256, PageFlags.Write);
        if (g == null) return -Errno.EFAULT;
        Buffer.MemoryCopy(buf, g, 256, 256);
        return 0;
    }

    // ---- file systems ----

    /// <summary>x86-64 struct statfs: eleven 8-byte fields (fsid is 2×s32) and 4 spare longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct HostStatfs
    {
        public long Type, Bsize;
        public ulong Blocks, Bfree, Bavail, Files, Ffree;
        public ulong Fsid;
        public long Namelen, Frsize, Flags;
        private readonly long _spare0, _spare1, _spare2, _spare3;
    }

    /// <summary>i386 struct statfs64 (84 bytes, 64-bit counts only 4-aligned).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 84)]
    private struct Statfs64
    {
        [FieldOffset(0)] public uint Type;
        [FieldOffset(4)] public uint Bsize;
        [FieldOffset(8)] public ulong Blocks;
        [FieldOffset(16)] public ulong Bfree;
        [FieldOffset(24)] public ulong Bavail;
        [FieldOffset(32)] public ulong Files;
        [FieldOffset(40)] public ulong Ffree;
        [FieldOffset(48)] public ulong Fsid;
        [FieldOffset(56)] public uint Namelen;
        [FieldOffset(60)] public uint Frsize;
        [FieldOffset(64)] public uint Flags;
    }

    /// <summary>i386 struct statfs (64 bytes, every field 32-bit).</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct OldStatfs
    {
        public uint Type, Bsize, Blocks, Bfree, Bavail, Files, Ffree;
        public ulong Fsid;
        public uint Namelen, Frsize, Flags;
        private readonly uint _spare0, _spare1, _spare2, _spare3;
    }

    private static long PathStatfs(LinuxKernel k, uint path, uint buf, bool wide)
    {
        byte* p = GuestPaths.Host(k, path);
        if (p == null) return -Errno.EFAULT;
        HostStatfs s;
        long r = HostKernel.Syscall(HostKernel.Nr.Statfs, (nint)p, (nint)(&s));
        return r < 0 ? r : StatfsOut(k, buf, s, wide);
    }

    private static long FdStatfs(LinuxKernel k, uint fd, uint buf, bool wide)
    {
        HostStatfs s;
        long r = HostKernel.Syscall(HostKernel.Nr.Fstatfs, k.Fds.Host(fd), (nint)(&s));
        return r < 0 ? r : StatfsOut(k, buf, s, wide);
    }

    private static bool Fits32(ulong v) => v <= uint.MaxValue;

    private static long StatfsOut(LinuxKernel k, uint address, in HostStatfs s, bool wide)
    {
        if (!Fits32((ulong)s.Bsize) || !Fits32((ulong)s.Frsize)) return -Errno.EOVERFLOW;
        if (wide)
        {
            var w = new Statfs64
            {
                Type = (uint)s.Type, Bsize = (uint)s.Bsize, Blocks = s.Blocks, Bfree = s.Bfree, Bavail = s.Bavail,
                Files = s.Files, Ffree = s.Ffree, Fsid = s.Fsid, Namelen = (uint)s.Namelen, Frsize = (uint)s.Frsize, Flags = (uint)s.Flags,
            };
            return k.CopyOut(address, w) ? 0 : -Errno.EFAULT;
        }
        // File counts of -1 (unknown) are allowed to become 32-bit -1.
        if (!Fits32(s.Blocks) || !Fits32(s.Bfree) || !Fits32(s.Bavail) ||
            s.Files != ulong.MaxValue && !Fits32(s.Files) || s.Ffree != ulong.MaxValue && !Fits32(s.Ffree))
            return -Errno.EOVERFLOW;
        var o = new OldStatfs
        {
            Type = (uint)s.Type, Bsize = (uint)s.Bsize, Blocks = (uint)s.Blocks, Bfree = (uint)s.Bfree, Bavail = (uint)s.Bavail,
            Files = (uint)s.Files, Ffree = (uint)s.Ffree, Fsid = s.Fsid, Namelen = (uint)s.Namelen, Frsize = (uint)s.Frsize, Flags = (uint)s.Flags,
        };
        return k.CopyOut(address, o) ? 0 : -Errno.EFAULT;
    }
}
