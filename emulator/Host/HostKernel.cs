using System.Runtime.InteropServices;

namespace Hdbt.Host;

/// <summary>Raw host (x86-64 Linux) system calls through libc, used by guest memory and the syscall layer.</summary>
/// <remarks>Results follow the kernel convention: a negative value is <c>-errno</c>.</remarks>
public static unsafe partial class HostKernel
{
    public const int ProtNone = 0, ProtRead = 1, ProtWrite = 2, ProtExec = 4;
    public const int MapShared = 0x01, MapPrivate = 0x02, MapFixed = 0x10, MapAnonymous = 0x20, MapNoReserve = 0x4000;

    [LibraryImport("libc", EntryPoint = "syscall")]
    private static partial long SyscallRaw(long number, long a1, long a2, long a3, long a4, long a5, long a6);

    /// <summary>Performs a host syscall and returns the result or <c>-errno</c>.</summary>
    public static long Syscall(long number, long a1 = 0, long a2 = 0, long a3 = 0, long a4 = 0, long a5 = 0, long a6 = 0)
    {
        long r = SyscallRaw(number, a1, a2, a3, a4, a5, a6);
        return r == -1 ? -Marshal.GetLastSystemError() : r;
    }

    /// <summary>x86-64 syscall numbers used by hdbt itself.</summary>
    public static class Nr
    {
        public const int Read = 0, Write = 1, Open = 2, Close = 3, Stat = 4, Fstat = 5, Lstat = 6, Poll = 7, Lseek = 8,
            Mmap = 9, Mprotect = 10, Munmap = 11, Ioctl = 16, Pread64 = 17, Pwrite64 = 18, Readv = 19, Writev = 20,
            Access = 21, Pipe = 22, Select = 23, SchedYield = 24, Mremap = 25, Madvise = 28, Dup = 32, Dup2 = 33,
            Nanosleep = 35, Getpid = 39, Kill = 62, Uname = 63, Fcntl = 72, Fsync = 74, Fdatasync = 75, Ftruncate = 77,
            Getcwd = 79, Chdir = 80, Fchdir = 81, Rename = 82, Mkdir = 83, Rmdir = 84, Creat = 85, Link = 86, Unlink = 87,
            Symlink = 88, Readlink = 89, Chmod = 90, Fchmod = 91, Chown = 92, Fchown = 93, Lchown = 94, Umask = 95,
            Gettimeofday = 96, Getrlimit = 97, Getrusage = 98, Sysinfo = 99, Times = 100, Getuid = 102, Getgid = 104,
            Geteuid = 107, Getegid = 108, Getppid = 110, Getgroups = 115, SchedGetaffinity = 204, Getdents64 = 217,
            ClockGettime = 228, ClockGetres = 229, ClockNanosleep = 230, Openat = 257, Mkdirat = 258, Fchownat = 260,
            Newfstatat = 262, Unlinkat = 263, Renameat = 264, Linkat = 265, Symlinkat = 266, Readlinkat = 267,
            Fchmodat = 268, Faccessat = 269, Pselect6 = 270, Ppoll = 271, Utimensat = 280, Dup3 = 292, Pipe2 = 293,
            Prlimit64 = 302, Renameat2 = 316, Getrandom = 318, Statx = 332, Faccessat2 = 439, Gettid = 186, Time = 201,
            Ftruncate64 = 77, Fadvise64 = 221, Fallocate = 285, Sync = 162, Truncate = 76, Flock = 73,
            Sendfile = 40, Statfs = 137, Fstatfs = 138, Readahead = 187,
            Mknodat = 259, Preadv = 295, Pwritev = 296, Syncfs = 306;
    }

    public static nint Mmap(nint addr, nuint length, int prot, int flags, int fd, long offset) =>
        (nint)Syscall(Nr.Mmap, addr, (long)length, prot, flags, fd, offset);

    public static int Mprotect(nint addr, nuint length, int prot) => (int)Syscall(Nr.Mprotect, addr, (long)length, prot);

    public static int Close(int fd) => (int)Syscall(Nr.Close, fd);
}
