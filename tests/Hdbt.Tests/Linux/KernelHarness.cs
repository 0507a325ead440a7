using System.Runtime.InteropServices;
using System.Text;
using Hdbt.Guest;
using Hdbt.Linux;
using Xunit;
using Hdbt.Host;

namespace Hdbt.Tests.Linux;

/// <summary>
/// A <see cref="LinuxKernel"/> with a little guest memory, driven directly: syscalls are made
/// by setting the registers as int 0x80 would see them, without translating any guest code.
/// </summary>
public sealed unsafe class KernelHarness : IDisposable
{
    /// <summary>Guest data area: [DataStart, DataStart + DataSize) is mapped read-write.</summary>
    public const uint DataStart = 0x0010_0000, DataSize = 0x10_0000;

    private readonly CpuState* _cpu;
    private uint _next = DataStart;

    /// <param name="compatEntry">Whether the kernel may use the host's 32-bit entry (<see cref="KernelOptions.CompatEntry"/>).</param>
    public KernelHarness(bool compatEntry = true)
    {
        Memory = new GuestMemory();
        Memory.MapAnonymous(DataStart, DataSize, HostKernel.ProtRead | HostKernel.ProtWrite);
        _cpu = (CpuState*)NativeMemory.AllocZeroed((nuint)sizeof(CpuState));
        Kernel = new LinuxKernel(Memory, _cpu, new KernelOptions { Warnings = Warnings, ExePath = "/guest/prog", CompatEntry = compatEntry });
    }

    public GuestMemory Memory { get; }
    public LinuxKernel Kernel { get; }
    public StringWriter Warnings { get; } = new();

    /// <summary>Performs i386 syscall <paramref name="name"/> and returns EAX as a signed value.</summary>
    public int Call(string name, params uint[] args)
    {
        int nr = SyscallNames.Number(name);
        Assert.True(nr >= 0, name);
        _cpu->Eax = (uint)nr;
        uint Arg(int i) => i < args.Length ? args[i] : 0;
        _cpu->Ebx = Arg(0);
        _cpu->Ecx = Arg(1);
        _cpu->Edx = Arg(2);
        _cpu->Esi = Arg(3);
        _cpu->Edi = Arg(4);
        _cpu->Ebp = Arg(5);
        Kernel.Syscall();
        return (int)_cpu->Eax;
    }

    /// <summary>Reserves guest bytes (filled with <paramref name="fill"/>) and returns their address.</summary>
    public uint Alloc(uint size, byte fill = 0)
    {
        uint a = _next;
        _next += (size + 15) & ~15u;
        Assert.True(_next <= DataStart + DataSize);
        new Span<byte>(Memory.HostPointer(a), (int)size).Fill(fill);
        return a;
    }

    /// <summary>Copies a NUL-terminated string into guest memory.</summary>
    public uint Str(string s)
    {
        byte[] b = Encoding.UTF8.GetBytes(s + "\0");
        uint a = Alloc((uint)b.Length);
        b.CopyTo(new Span<byte>(Memory.HostPointer(a), b.Length));
        return a;
    }

    public Span<byte> Bytes(uint address, int length) => new(Memory.HostPointer(address), length);

    public uint U32(uint address) => *(uint*)Memory.HostPointer(address);
    public ulong U64(uint address) => *(ulong*)Memory.HostPointer(address);
    public void SetU32(uint address, uint value) => *(uint*)Memory.HostPointer(address) = value;
    public void SetU64(uint address, ulong value) => *(ulong*)Memory.HostPointer(address) = value;

    public void Dispose()
    {
        // Close what the guest left open (host numbers above 2 belong to the guest).
        for (uint g = 0; g < Kernel.Fds.Size; g++)
            if (Kernel.Fds.Host(g) > 2) FdTable.Release(Kernel.Fds.Remove(g));
        Memory.Dispose();
        NativeMemory.Free(_cpu);
    }
}
