using Hdbt.Guest;
using static Hdbt.Linux.ArgKind;

namespace Hdbt.Linux.Syscalls;

/// <summary>Files and descriptors: read, write, open, close, stat, directories, pipes, ioctl, fcntl, ...</summary>
public static unsafe class FileSyscalls
{
    public static void Register(SyscallTable t)
    {
        t.Add("read", Read, Int, Ptr, Int);
        t.Add("write", Write, Int, Ptr, Int);
        t.Add("close", Close, Int);
    }

    private static long Read(LinuxKernel k, in SyscallArgs a)
    {
        int fd = k.Fds.Host(a.A1);
        if (fd < 0) return -Errno.EBADF;
        byte* p = k.Buffer(a.A2, a.A3, PageFlags.Write);
        if (p == null) return -Errno.EFAULT;
        return Host.Syscall(Host.Nr.Read, fd, (nint)p, a.A3);
    }

    private static long Write(LinuxKernel k, in SyscallArgs a)
    {
        int fd = k.Fds.Host(a.A1);
        if (fd < 0) return -Errno.EBADF;
        byte* p = k.Buffer(a.A2, a.A3, PageFlags.Read);
        if (p == null) return -Errno.EFAULT;
        return Host.Syscall(Host.Nr.Write, fd, (nint)p, a.A3);
    }

    private static long Close(LinuxKernel k, in SyscallArgs a)
    {
        int fd = k.Fds.Remove(a.A1);
        return fd < 0 ? -Errno.EBADF : Host.Close(fd);
    }
}
