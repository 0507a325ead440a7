using System.Runtime.InteropServices;
using Hdbt.Guest;
using static Hdbt.Linux.ArgKind;
using Hdbt.Host;
using Hdbt.Helpers;

namespace Hdbt.Linux.Syscalls;

/// <summary>Process identity, limits, TLS and exit: exit, exit_group, get*id, set_thread_area, uname, prlimit64, ...</summary>
public static unsafe class ProcessSyscalls
{
    public static void Register(SyscallTable t)
    {
        t.Add("exit", Exit, Int);
        t.Add("exit_group", Exit, Int);
        t.Add("getpid", (LinuxKernel k, in SyscallArgs a) => k.Pid);
        t.Add("gettid", (LinuxKernel k, in SyscallArgs a) => k.Pid);
        t.Add("getppid", (LinuxKernel k, in SyscallArgs a) => HostKernel.Syscall(HostKernel.Nr.Getppid));
        t.Add("getuid32", (LinuxKernel k, in SyscallArgs a) => HostIds.Uid);
        t.Add("geteuid32", (LinuxKernel k, in SyscallArgs a) => HostIds.Euid);
        t.Add("getgid32", (LinuxKernel k, in SyscallArgs a) => HostIds.Gid);
        t.Add("getegid32", (LinuxKernel k, in SyscallArgs a) => HostIds.Egid);
        t.Add("getuid", (LinuxKernel k, in SyscallArgs a) => Id16(HostIds.Uid));
        t.Add("geteuid", (LinuxKernel k, in SyscallArgs a) => Id16(HostIds.Euid));
        t.Add("getgid", (LinuxKernel k, in SyscallArgs a) => Id16(HostIds.Gid));
        t.Add("getegid", (LinuxKernel k, in SyscallArgs a) => Id16(HostIds.Egid));
        t.Add("getgroups32", GetGroups, Int, Ptr);
        t.Add("setuid32", (LinuxKernel k, in SyscallArgs a) => a.A1 == (uint)HostIds.Uid || a.A1 == (uint)HostIds.Euid ? 0 : -Errno.EPERM, Int);
        t.Add("setgid32", (LinuxKernel k, in SyscallArgs a) => a.A1 == (uint)HostIds.Gid || a.A1 == (uint)HostIds.Egid ? 0 : -Errno.EPERM, Int);
        t.Add("getpgrp", (LinuxKernel k, in SyscallArgs a) => HostKernel.Syscall(111));
        t.Add("getsid", (LinuxKernel k, in SyscallArgs a) => HostKernel.Syscall(124, a.A1), Int);
        t.Add("getpgid", (LinuxKernel k, in SyscallArgs a) => HostKernel.Syscall(121, a.A1), Int);
        t.Add("set_thread_area", SetThreadArea, Ptr);
        t.Add("get_thread_area", GetThreadArea, Ptr);
        t.Add("set_tid_address", (LinuxKernel k, in SyscallArgs a) => { k.ClearChildTid = a.A1; return k.Pid; }, Ptr);
        t.Add("set_robust_list", (LinuxKernel k, in SyscallArgs a) => 0, Ptr, Int);
        // rseq needs a kernel that updates the area on preemption; glibc copes with ENOSYS.
        t.Add("rseq", (LinuxKernel k, in SyscallArgs a) => -Errno.ENOSYS, Ptr, Int, Hex, Hex);
        t.Add("uname", Uname, Ptr);
        t.Add("prlimit64", Prlimit64, Int, Int, Ptr, Ptr);
        t.Add("ugetrlimit", GetRlimit, Int, Ptr);
        t.Add("getrlimit", GetRlimit, Int, Ptr);
        t.Add("setrlimit", (LinuxKernel k, in SyscallArgs a) => 0, Int, Ptr);
        t.Add("sched_getaffinity", SchedGetAffinity, Int, Int, Ptr);
        t.Add("sched_yield", (LinuxKernel k, in SyscallArgs a) => HostKernel.Syscall(HostKernel.Nr.SchedYield));
        t.Add("getrandom", (LinuxKernel k, in SyscallArgs a) =>
        {
            byte* p = k.Buffer(a.A1, a.A2, PageFlags.Write);
            return p == null ? -Errno.EFAULT : HostKernel.Syscall(HostKernel.Nr.Getrandom, (nint)p, a.A2, a.A3);
        }, Ptr, Int, Hex);
        t.Add("umask", (LinuxKernel k, in SyscallArgs a) => HostKernel.Syscall(HostKernel.Nr.Umask, a.A1 & 0x1FF), Oct);
        t.Add("sysinfo", SysInfo, Ptr);
        t.Add("personality", (LinuxKernel k, in SyscallArgs a) => 0, Hex);
        t.Add("prctl", (LinuxKernel k, in SyscallArgs a) => -Errno.EINVAL, Int, Hex, Hex, Hex, Hex);
        // One process, one thread: creating processes or threads and replacing the image are not emulated yet.
        t.Add("fork", NoProcesses);
        t.Add("vfork", NoProcesses);
        t.Add("clone", NoProcesses, Hex, Ptr, Ptr, Ptr, Ptr);
        t.Add("clone3", NoProcesses, Ptr, Int);
        t.Add("execve", NoProcesses, Str, Ptr, Ptr);
        t.Add("execveat", NoProcesses, Int, Str, Ptr, Ptr, Hex);
        t.Add("wait4", (LinuxKernel k, in SyscallArgs a) => -Errno.ECHILD, Int, Ptr, Hex, Ptr);
        t.Add("waitpid", (LinuxKernel k, in SyscallArgs a) => -Errno.ECHILD, Int, Ptr, Hex);
    }

    /// <summary>An id as the old 16-bit calls report it: ids that do not fit become the overflow id 65534, as the kernel does.</summary>
    private static long Id16(int id) => (uint)id > 0xFFFF ? 65534 : id;

    private static long Exit(LinuxKernel k, in SyscallArgs a) => throw GuestExitException.Exited((int)a.A1);

    private static long NoProcesses(LinuxKernel k, in SyscallArgs a) => -Errno.ENOSYS;

    private static long GetGroups(LinuxKernel k, in SyscallArgs a)
    {
        int size = (int)a.A1;
        if (size < 0) return -Errno.EINVAL;
        var groups = new uint[65536];
        long n;
        fixed (uint* g = groups) n = HostKernel.Syscall(HostKernel.Nr.Getgroups, groups.Length, (nint)g);
        if (n < 0 || size == 0) return n;
        if (size < n) return -Errno.EINVAL;
        byte* p = k.Buffer(a.A2, (uint)(n * 4), PageFlags.Write);
        if (p == null) return -Errno.EFAULT;
        for (int i = 0; i < n; i++) ((uint*)p)[i] = groups[i];
        return n;
    }

    /// <summary>i386 struct user_desc.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct UserDesc
    {
        public uint EntryNumber, BaseAddr, Limit, Flags;
    }

    private const uint SegNotPresent = 1u << 5;

    private static long SetThreadArea(LinuxKernel k, in SyscallArgs a)
    {
        if (!k.CopyIn(a.A1, out UserDesc d)) return -Errno.EFAULT;
        CpuState* cpu = k.Cpu;
        int entry = (int)d.EntryNumber;
        if (entry == -1)
        {
            entry = -1;
            for (int i = 0; i < 3; i++)
                if (cpu->TlsFlags[i] == 0) { entry = SegmentSelectors.TlsEntryMin + i; break; }
            if (entry < 0) return -Errno.ESRCH;
            d.EntryNumber = (uint)entry;
            if (!k.CopyOut(a.A1, d)) return -Errno.EFAULT;
        }
        if (entry < SegmentSelectors.TlsEntryMin || entry >= SegmentSelectors.TlsEntryMin + 3) return -Errno.EINVAL;
        int idx = entry - SegmentSelectors.TlsEntryMin;
        bool empty = d.BaseAddr == 0 && d.Limit == 0 && (d.Flags & SegNotPresent) != 0;
        cpu->TlsBase[idx] = d.BaseAddr;
        cpu->TlsLimit[idx] = d.Limit;
        // Bit 31 marks the entry as installed (the kernel's "present" descriptor).
        cpu->TlsFlags[idx] = empty ? 0 : d.Flags | 0x8000_0000;
        // A segment register already holding this selector sees the new base at once, as after a reload.
        for (int s = 0; s < 6; s++)
            if (cpu->Selectors[s] >> 3 == entry) ((uint*)&cpu->EsBase)[s] = d.BaseAddr;
        return 0;
    }

    private static long GetThreadArea(LinuxKernel k, in SyscallArgs a)
    {
        if (!k.CopyIn(a.A1, out UserDesc d)) return -Errno.EFAULT;
        int idx = (int)d.EntryNumber - SegmentSelectors.TlsEntryMin;
        if (idx is < 0 or >= 3) return -Errno.EINVAL;
        CpuState* cpu = k.Cpu;
        d.BaseAddr = cpu->TlsBase[idx];
        d.Limit = cpu->TlsLimit[idx];
        d.Flags = cpu->TlsFlags[idx] == 0 ? SegNotPresent : cpu->TlsFlags[idx] & 0x7FFF_FFFF;
        return k.CopyOut(a.A1, d) ? 0 : -Errno.EFAULT;
    }

    /// <summary>The host's uname, unchanged: a 32-bit process on an x86-64 kernel sees machine "x86_64" too
    /// (only the linux32 personality would say i686), and hdbt matches the native run.</summary>
    private static long Uname(LinuxKernel k, in SyscallArgs a)
    {
        const int field = 65;
        byte* p = k.Buffer(a.A1, field * 6, PageFlags.Write);
        return p == null ? -Errno.EFAULT : HostKernel.Syscall(HostKernel.Nr.Uname, (nint)p);
    }

    private static long Prlimit64(LinuxKernel k, in SyscallArgs a)
    {
        byte* newp = null, oldp = null;
        if (a.A3 != 0 && (newp = k.Buffer(a.A3, 16, PageFlags.Read)) == null) return -Errno.EFAULT;
        if (a.A4 != 0 && (oldp = k.Buffer(a.A4, 16, PageFlags.Write)) == null) return -Errno.EFAULT;
        // Changing the host's limits would change hdbt's own; report success for lowering or keeping them.
        if (newp != null && oldp == null) return 0;
        return HostKernel.Syscall(HostKernel.Nr.Prlimit64, a.A1, a.A2, 0, (nint)oldp);
    }

    private static long GetRlimit(LinuxKernel k, in SyscallArgs a)
    {
        ulong* lim = stackalloc ulong[2];
        long r = HostKernel.Syscall(HostKernel.Nr.Prlimit64, 0, a.A1, 0, (nint)lim);
        if (r < 0) return r;
        byte* p = k.Buffer(a.A2, 8, PageFlags.Write);
        if (p == null) return -Errno.EFAULT;
        ((uint*)p)[0] = (uint)Math.Min(lim[0], 0xFFFF_FFFFul);
        ((uint*)p)[1] = (uint)Math.Min(lim[1], 0xFFFF_FFFFul);
        return 0;
    }

    private static long SchedGetAffinity(LinuxKernel k, in SyscallArgs a)
    {
        byte* p = k.Buffer(a.A3, a.A2, PageFlags.Write);
        if (p == null) return -Errno.EFAULT;
        long r = HostKernel.Syscall(HostKernel.Nr.SchedGetaffinity, a.A1, a.A2 & ~7u, (nint)p);
        return r;
    }

    private static long SysInfo(LinuxKernel k, in SyscallArgs a)
    {
        ulong* h = stackalloc ulong[16];
        long r = HostKernel.Syscall(HostKernel.Nr.Sysinfo, (nint)h);
        if (r < 0) return r;
        byte* p = k.Buffer(a.A1, 64, PageFlags.Write);
        if (p == null) return -Errno.EFAULT;
        // x86-64 layout: uptime, loads[3], totalram, freeram, sharedram, bufferram, totalswap, freeswap (8 bytes each),
        // procs (u16 at 80), totalhigh (88), freehigh (96), mem_unit (u32 at 104).
        ulong unit = *(uint*)((byte*)h + 104);
        ulong[] mem = [h[4], h[5], h[6], h[7], h[8], h[9]];
        // Scale memory so that every field fits 32 bits, adjusting mem_unit as the kernel does.
        while (mem.Any(m => m > 0xFFFF_FFFFul) && unit < (1ul << 30))
        {
            for (int i = 0; i < mem.Length; i++) mem[i] >>= 1;
            unit <<= 1;
        }
        uint* o = (uint*)p;
        new Span<byte>(p, 64).Clear();
        o[0] = (uint)h[0];
        o[1] = (uint)h[1]; o[2] = (uint)h[2]; o[3] = (uint)h[3];
        for (int i = 0; i < 6; i++) o[4 + i] = (uint)mem[i];
        *(ushort*)(p + 40) = *(ushort*)((byte*)h + 80);
        o[11] = 0; o[12] = 0;
        o[13] = (uint)unit;
        return 0;
    }
}
