using Hdbt.Guest;
using static Hdbt.Linux.ArgKind;
using Hdbt.Host;

namespace Hdbt.Linux.Syscalls;

/// <summary>Address space: brk, mmap, mmap2, munmap, mprotect, madvise, mremap.</summary>
public static unsafe class MemorySyscalls
{
    private const uint MapShared = 0x01, MapPrivate = 0x02, MapSharedValidate = 0x03, MapFixed = 0x10, MapAnonymous = 0x20,
        MapFixedNoReplace = 0x10_0000;
    private const uint MremapMayMove = 1, MremapFixed = 2;

    public static void Register(SyscallTable t)
    {
        t.AddReturning("brk", Hex, Brk, Ptr);
        t.AddReturning("mmap2", Hex, (LinuxKernel k, in SyscallArgs a) => Mmap(k, a.A1, a.A2, a.A3, a.A4, a.A5, (ulong)a.A6 << 12),
            Ptr, Int, Hex, Hex, Int, Hex);
        t.AddReturning("mmap", Hex, OldMmap, Ptr);
        t.Add("munmap", Munmap, Ptr, Int);
        t.Add("mprotect", Mprotect, Ptr, Int, Hex);
        t.Add("madvise", Madvise, Ptr, Int, Int);
        t.AddReturning("mremap", Hex, Mremap, Ptr, Int, Int, Hex, Ptr);
        t.Add("msync", (LinuxKernel k, in SyscallArgs a) =>
            HostKernel.Syscall(26, (nint)k.Memory.HostPointer(a.A1), a.A2, a.A3), Ptr, Int, Hex);
        t.Add("mlock", (LinuxKernel k, in SyscallArgs a) => 0, Ptr, Int);
        t.Add("munlock", (LinuxKernel k, in SyscallArgs a) => 0, Ptr, Int);
    }

    private static bool Aligned(uint a) => (a & GuestMemory.PageMask) == 0;

    private static long Brk(LinuxKernel k, in SyscallArgs a)
    {
        uint want = a.A1;
        if (want < k.BrkStart) return k.Brk;
        ulong oldTop = GuestMemory.PageCeil(k.Brk), newTop = GuestMemory.PageCeil(want);
        if (newTop > oldTop)
        {
            if (newTop > k.MmapTop || !k.Memory.IsFree((uint)oldTop, newTop - oldTop)) return k.Brk;
            k.Memory.MapAnonymous((uint)oldTop, (uint)(newTop - oldTop), HostKernel.ProtRead | HostKernel.ProtWrite);
        }
        else if (newTop < oldTop)
            k.Memory.Unmap((uint)newTop, (uint)(oldTop - newTop));
        k.Brk = want;
        return want;
    }

    private static long OldMmap(LinuxKernel k, in SyscallArgs a)
    {
        byte* p = k.Buffer(a.A1, 24, PageFlags.Read);
        if (p == null) return -Errno.EFAULT;
        uint* v = (uint*)p;
        if ((v[5] & GuestMemory.PageMask) != 0) return -Errno.EINVAL;
        return Mmap(k, v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    public static long Mmap(LinuxKernel k, uint addr, uint length, uint prot, uint flags, uint fd, ulong offset)
    {
        if (length == 0) return -Errno.EINVAL;
        ulong len = GuestMemory.PageCeil(length);
        if (len > 0xFFFF_F000ul) return -Errno.ENOMEM;
        uint type = flags & 0x0F;
        if (type != MapShared && type != MapPrivate && type != MapSharedValidate) return -Errno.EINVAL;
        bool shared = type != MapPrivate;
        bool anonymous = (flags & MapAnonymous) != 0;
        int hostFd = -1;
        if (!anonymous)
        {
            hostFd = k.Fds.Host(fd);
            if (hostFd < 0) return -Errno.EBADF;
        }

        uint where;
        if ((flags & (MapFixed | MapFixedNoReplace)) != 0)
        {
            if (!Aligned(addr)) return -Errno.EINVAL;
            if ((ulong)addr + len > 0x1_0000_0000ul) return -Errno.ENOMEM;
            if ((flags & MapFixedNoReplace) != 0 && (flags & MapFixed) == 0 && !k.Memory.IsFree(addr, len)) return -Errno.EEXIST;
            where = addr;
        }
        else if (addr != 0 && Aligned(addr) && (ulong)addr + len <= k.MmapTop && k.Memory.IsFree(addr, len))
            where = addr;
        else if (k.Memory.FindFree((uint)len, k.MmapTop) is { } found)
            where = found;
        else
            return -Errno.ENOMEM;

        if (anonymous)
        {
            if (shared) k.Memory.Unmap(where, (uint)len);
            k.Memory.MapAnonymous(where, (uint)len, (int)prot);
            return where;
        }
        k.Memory.Unmap(where, (uint)len);
        long r = k.Memory.MapFile(where, (uint)len, (int)prot, shared, hostFd, (long)offset);
        return r < 0 ? r : where;
    }

    private static long Munmap(LinuxKernel k, in SyscallArgs a)
    {
        if (!Aligned(a.A1) || a.A2 == 0) return -Errno.EINVAL;
        ulong len = GuestMemory.PageCeil(a.A2);
        if ((ulong)a.A1 + len > 0x1_0000_0000ul) return -Errno.EINVAL;
        k.Memory.Unmap(a.A1, (uint)len);
        return 0;
    }

    private static long Mprotect(LinuxKernel k, in SyscallArgs a)
    {
        if (!Aligned(a.A1)) return -Errno.EINVAL;
        if (a.A2 == 0) return 0;
        ulong len = GuestMemory.PageCeil(a.A2);
        if ((ulong)a.A1 + len > 0x1_0000_0000ul) return -Errno.ENOMEM;
        return k.Memory.Protect(a.A1, (uint)len, (int)(a.A3 & 7)) ? 0 : -Errno.ENOMEM;
    }

    private static long Madvise(LinuxKernel k, in SyscallArgs a)
    {
        if (!Aligned(a.A1)) return -Errno.EINVAL;
        if (a.A2 == 0) return 0;
        ulong len = GuestMemory.PageCeil(a.A2);
        if (!k.Memory.IsMapped(a.A1, (uint)len)) return -Errno.ENOMEM;
        // MADV_DONTNEED (4) and MADV_FREE (8) drop private pages: the host does the same to our mapping.
        if (a.A3 is 4 or 8 or 9)
            return HostKernel.Syscall(HostKernel.Nr.Madvise, (nint)k.Memory.HostPointer(a.A1), (long)len, a.A3 == 8 ? 4 : a.A3);
        return 0;
    }

    private static long Mremap(LinuxKernel k, in SyscallArgs a)
    {
        uint old = a.A1, flags = a.A4;
        if (!Aligned(old)) return -Errno.EINVAL;
        ulong oldLen = GuestMemory.PageCeil(a.A2), newLen = GuestMemory.PageCeil(a.A3);
        if (newLen == 0 || newLen > 0xFFFF_F000ul) return -Errno.EINVAL;
        if (!k.Memory.IsMapped(old, (uint)oldLen)) return -Errno.EFAULT;
        var rights = k.Memory.PageOf(old);
        int prot = ((rights & PageFlags.Read) != 0 ? HostKernel.ProtRead : 0) | ((rights & PageFlags.Write) != 0 ? HostKernel.ProtWrite : 0) |
                   ((rights & PageFlags.Exec) != 0 ? HostKernel.ProtExec : 0);
        if ((flags & MremapFixed) == 0)
        {
            if (newLen <= oldLen)
            {
                if (newLen < oldLen) k.Memory.Unmap((uint)(old + newLen), (uint)(oldLen - newLen));
                return old;
            }
            if (old + newLen <= k.MmapTop && k.Memory.IsFree((uint)(old + oldLen), newLen - oldLen))
            {
                k.Memory.MapAnonymous((uint)(old + oldLen), (uint)(newLen - oldLen), prot);
                return old;
            }
            if ((flags & MremapMayMove) == 0) return -Errno.ENOMEM;
        }
        uint target;
        if ((flags & MremapFixed) != 0)
        {
            if (!Aligned(a.A5)) return -Errno.EINVAL;
            target = a.A5;
            k.Memory.Unmap(target, (uint)newLen);
        }
        else if (k.Memory.FindFree((uint)newLen, k.MmapTop) is { } found) target = found;
        else return -Errno.ENOMEM;
        k.Memory.MapAnonymous(target, (uint)newLen, HostKernel.ProtRead | HostKernel.ProtWrite);
        ulong copy = Math.Min(oldLen, newLen);
        Buffer.MemoryCopy(k.Memory.HostPointer(old), k.Memory.HostPointer(target), (long)copy, (long)copy);
        k.Memory.Protect(target, (uint)newLen, prot);
        k.Memory.Unmap(old, (uint)oldLen);
        return target;
    }
}
