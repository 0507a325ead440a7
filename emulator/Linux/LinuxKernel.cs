using System.Text;
using Hdbt.Guest;
using Hdbt.Host;

namespace Hdbt.Linux;

/// <summary>
/// The emulated Linux i386 process interface: performs the guest's system calls, mostly by
/// passing them to the host kernel with guest pointers turned into host pointers and i386
/// structures converted to and from their x86-64 layouts.
/// </summary>
public sealed unsafe class LinuxKernel
{
    private static readonly SyscallTable s_table = SyscallTable.CreateDefault();
    private readonly HashSet<uint> _warned = [];
    private readonly HashSet<string> _warnings = [];

    public LinuxKernel(GuestMemory memory, CpuState* cpu, KernelOptions options)
    {
        Memory = memory;
        Cpu = cpu;
        Options = options;
        Pid = (int)HostKernel.Syscall(HostKernel.Nr.Getpid);
        Compat = options.CompatEntry && CompatHost.Available;
    }

    /// <summary>
    /// Whether directory reading and seeking go through the host's 32-bit entry (<see cref="CompatHost"/>);
    /// if not, directory positions are numbered by <see cref="FdTable.Positions"/>' tables.
    /// </summary>
    public bool Compat { get; }

    public GuestMemory Memory { get; }
    public CpuState* Cpu { get; }
    public KernelOptions Options { get; }
    public FdTable Fds { get; } = new();
    public int Pid { get; }

    /// <summary>Start of the heap (end of the loaded image) and the current break.</summary>
    public uint BrkStart { get; set; }
    public uint Brk { get; set; }

    /// <summary>Top of the region mmap searches downwards from (just below the stack).</summary>
    public uint MmapTop { get; set; } = 0xF7FF_0000;

    /// <summary>Guest address given to set_tid_address (not used: there is one thread and no futex wake at exit).</summary>
    public uint ClearChildTid { get; set; }

    /// <summary>Signal dispositions: handler address per signal (0 = SIG_DFL, 1 = SIG_IGN), with flags and mask as given.</summary>
    public SignalAction[] SignalActions { get; } = new SignalAction[65];

    /// <summary>The guest's blocked-signal mask (64 bits).</summary>
    public ulong SignalMask { get; set; }

    /// <summary>Signals sent to the guest while blocked, delivered when unblocked.</summary>
    public PendingSignals SignalPending { get; } = new();

    /// <summary>The alternate signal stack given to sigaltstack.</summary>
    public SignalStack AltStack { get; set; }

    /// <summary>Number of syscalls performed (a statistic).</summary>
    public long SyscallCount { get; private set; }

    public static SyscallTable Table => s_table;

    /// <summary>Performs the syscall described by the guest registers and stores the result in EAX.</summary>
    public void Syscall()
    {
        SyscallCount++;
        uint nr = Cpu->Eax;
        var args = new SyscallArgs(Cpu->Ebx, Cpu->Ecx, Cpu->Edx, Cpu->Esi, Cpu->Edi, Cpu->Ebp);
        var def = s_table.Get(nr);
        var strace = Options.Strace;
        if (strace != null) strace.Write(Strace.FormatCall(this, nr, def, args));
        long result;
        try
        {
            result = def != null ? def.Handler(this, args) : Unknown(nr);
        }
        catch (GuestExitException)
        {
            if (strace != null) strace.WriteLine(" = ?");
            throw;
        }
        if (strace != null) strace.WriteLine(Strace.FormatResult(result, def?.Result ?? ArgKind.Int));
        Cpu->Eax = (uint)result;
    }

    /// <summary>Writes a one-line warning to <see cref="KernelOptions.Warnings"/>, once per distinct message.</summary>
    public void Warn(string message)
    {
        if (_warnings.Add(message)) Options.Warnings.WriteLine($"hdbt: warning: {message}");
    }

    private long Unknown(uint nr)
    {
        if (_warned.Add(nr))
            Options.Warnings.WriteLine($"hdbt: warning: syscall {nr} ({SyscallNames.Name(nr)}) is not implemented; it returns ENOSYS");
        return -Errno.ENOSYS;
    }

    // ---- guest memory helpers for syscalls ----

    /// <summary>Host pointer of a guest buffer, or null when some byte lacks the right (the syscall then returns EFAULT).</summary>
    public byte* Buffer(uint address, uint length, PageFlags right)
    {
        if (length == 0) return Memory.HostPointer(address);
        if (!Memory.CanAccess(address, length, right)) return null;
        if (right == PageFlags.Write) Memory.Check(address, length, PageFlags.Write); // notices writes to code pages
        return Memory.HostPointer(address);
    }

    /// <summary>Host pointer of a NUL-terminated guest string (checked readable), or null.</summary>
    public byte* CString(uint address)
    {
        if (address == 0) return null;
        return Memory.CStringLength(address, 65536) < 0 ? null : Memory.HostPointer(address);
    }

    /// <summary>A guest string decoded as UTF-8 (for messages and strace), or null if unreadable.</summary>
    public string? ReadString(uint address, int max = 4096)
    {
        var bytes = Memory.ReadCString(address, max);
        return bytes == null ? null : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Copies a host struct into guest memory; false if the range is not writable.</summary>
    public bool CopyOut<T>(uint address, in T value) where T : unmanaged
    {
        byte* p = Buffer(address, (uint)sizeof(T), PageFlags.Write);
        if (p == null) return false;
        *(T*)p = value;
        return true;
    }

    /// <summary>Copies a struct in from guest memory; false if the range is not readable.</summary>
    public bool CopyIn<T>(uint address, out T value) where T : unmanaged
    {
        byte* p = Buffer(address, (uint)sizeof(T), PageFlags.Read);
        if (p == null) { value = default; return false; }
        value = *(T*)p;
        return true;
    }
}
