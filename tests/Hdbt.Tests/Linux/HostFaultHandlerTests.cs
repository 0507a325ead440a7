using System.Runtime.CompilerServices;
using Hdbt.Linux;
using Hdbt.Tests.Support;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;
using Hdbt.Host;

namespace Hdbt.Tests.Linux;

/// <summary>
/// The host fault handler in-process: faults in a code range become records and a jump to a recovery stub;
/// faults elsewhere still reach .NET (NullReferenceException, DivideByZeroException, OverflowException).
/// What it does with hdbt's own faults is checked end to end by <see cref="InternalFaultTests"/>. Code is
/// emitted into an RWX buffer and called through an unmanaged function pointer, as the TCG backend does.
/// </summary>
[Collection(nameof(HostFaultHandler))]
public sealed unsafe class HostFaultHandlerTests : IDisposable
{
    private const int Sentinel = 0x5EC0DE;
    private const int RecoveryAt = 0, LoadAt = 32, StoreAt = 64, OkAt = 96, BufferSize = 4096;
    private readonly nint _buffer;

    public HostFaultHandlerTests()
    {
        _buffer = HostKernel.Mmap(0, BufferSize, HostKernel.ProtRead | HostKernel.ProtWrite | HostKernel.ProtExec, HostKernel.MapPrivate | HostKernel.MapAnonymous, -1, 0);
        Assert.True(_buffer > 0);
        Put(RecoveryAt, a => { a.mov(eax, Sentinel); a.ret(); });       // recovery: return the sentinel to the caller
        Put(LoadAt, a => { a.mov(rax, __qword_ptr[rdi]); a.ret(); });   // long load(nint p) => *p
        Put(StoreAt, a => { a.mov(__dword_ptr[rdi], 1); a.mov(eax, 7); a.ret(); });
        Put(OkAt, a => { a.mov(eax, 1234); a.ret(); });
    }

    public void Dispose()
    {
        HostFaultHandler.Current?.Dispose();
        HostKernel.Syscall(HostKernel.Nr.Munmap, _buffer, BufferSize);
    }

    private void Put(int offset, Action<Assembler> emit)
    {
        var a = new Assembler(64);
        emit(a);
        using var ms = new MemoryStream();
        a.Assemble(new StreamCodeWriter(ms), (ulong)(_buffer + offset));
        ms.ToArray().CopyTo(new Span<byte>((void*)(_buffer + offset), 32));
    }

    private long Call(int offset, nint arg) => ((delegate* unmanaged<nint, long>)(_buffer + offset))(arg);

    private HostFaultHandler Install() => HostFaultHandler.Install(_buffer, _buffer + BufferSize, _buffer + RecoveryAt);

    [Fact]
    public void LoadFromUnmappedAddressIsRecovered()
    {
        using var h = Install();
        Assert.Equal(Sentinel, Call(LoadAt, 0x10));
        Assert.Equal((ulong)(_buffer + LoadAt), h.Record->HostRip);
        Assert.Equal(0x10ul, h.Record->FaultAddress);
        Assert.Equal(11, h.Record->Signal);
        Assert.Equal(1, h.Record->Count);
    }

    [Fact]
    public void StoreToProtNonePageIsRecoveredAndNormalCodeStillRuns()
    {
        nint guard = HostKernel.Mmap(0, 4096, HostKernel.ProtNone, HostKernel.MapPrivate | HostKernel.MapAnonymous, -1, 0);
        try
        {
            using var h = Install();
            Assert.Equal(1234, Call(OkAt, 0));
            Assert.Equal(Sentinel, Call(StoreAt, guard + 0x124));
            Assert.Equal((ulong)(_buffer + StoreAt), h.Record->HostRip);
            Assert.Equal((ulong)(guard + 0x124), h.Record->FaultAddress);
            Assert.Equal(11, h.Record->Signal);
            // A second fault overwrites the record and counts.
            Assert.Equal(Sentinel, Call(LoadAt, guard + 8));
            Assert.Equal((ulong)(_buffer + LoadAt), h.Record->HostRip);
            Assert.Equal((ulong)(guard + 8), h.Record->FaultAddress);
            Assert.Equal(2, h.Record->Count);
        }
        finally { HostKernel.Syscall(HostKernel.Nr.Munmap, guard, 4096); }
    }

    [Fact]
    public void ReadBeyondEndOfMappedFileIsSigbus()
    {
        using var dir = new TempDir();
        string path = dir.File("empty");
        using var f = File.Create(path);   // length 0: the mapped page lies wholly beyond end of file
        nint map = HostKernel.Mmap(0, 4096, HostKernel.ProtRead, HostKernel.MapShared, (int)f.SafeFileHandle.DangerousGetHandle(), 0);
        Assert.True(map > 0, $"mmap {map}");
        try
        {
            using var h = Install();
            Assert.Equal(Sentinel, Call(LoadAt, map + 16));
            Assert.Equal(7, h.Record->Signal);
            Assert.Equal((ulong)(map + 16), h.Record->FaultAddress);
            Assert.Equal((ulong)(_buffer + LoadAt), h.Record->HostRip);
        }
        finally { HostKernel.Syscall(HostKernel.Nr.Munmap, map, 4096); }
    }

    [Fact]
    public void ManagedNullReferenceStillBecomesAnException()
    {
        using var h = Install();
        Assert.Throws<NullReferenceException>(() => ReadField(null));
        // And the handler still works after the runtime handled a fault through it.
        Assert.Equal(Sentinel, Call(LoadAt, 0x10));
        Assert.Throws<NullReferenceException>(() => ReadField(null));
    }

    [Fact]
    public void ManagedDivisionFaultsStillBecomeExceptions()
    {
        using var h = Install();
        Assert.Throws<DivideByZeroException>(() => Divide(1, 0));
        Assert.Throws<OverflowException>(() => Divide(int.MinValue, -1));
        Assert.Equal(Sentinel, Call(LoadAt, 0x10));
    }

    [Fact]
    public void NativeCodeRangesAreRegisteredAndForgotten()
    {
        nint start = 0x1234_0000;
        Assert.False(HostFaultHandler.IsNativeCode(start));
        HostFaultHandler.RegisterNativeCode(start, 4096);
        try
        {
            Assert.True(HostFaultHandler.IsNativeCode(start));
            Assert.True(HostFaultHandler.IsNativeCode(start + 4095));
            Assert.False(HostFaultHandler.IsNativeCode(start + 4096));
        }
        finally { HostFaultHandler.UnregisterNativeCode(start); }
        Assert.False(HostFaultHandler.IsNativeCode(start));
    }

    [Fact]
    public void InstallChainsOverTheRuntimeAndUninstallRestoresIt()
    {
        var (segvBefore, segvFlags) = HostFaultHandler.CurrentAction(11);
        var (busBefore, _) = HostFaultHandler.CurrentAction(7);
        var (illBefore, _) = HostFaultHandler.CurrentAction(4);
        var (fpeBefore, fpeFlags) = HostFaultHandler.CurrentAction(8);
        var h = Install();
        foreach (int sig in new[] { 4, 7, 8, 11 }) Assert.Equal(h.HandlerAddress, HostFaultHandler.CurrentAction(sig).Handler);
        // SA_SIGINFO and (for SIGSEGV) SA_ONSTACK always; SA_ONSTACK, SA_NODEFER and SA_RESTART as the previous handler had them.
        int flags = HostFaultHandler.CurrentAction(11).Flags;
        Assert.Equal(0x08000004, flags & 0x08000004);
        Assert.Equal(segvFlags & 0x50000000, flags & 0x50000000);
        Assert.Equal(fpeFlags & 0x58000000, HostFaultHandler.CurrentAction(8).Flags & 0x58000000);
        // A second Install only moves the range.
        Assert.Same(h, HostFaultHandler.Install(_buffer + 32, _buffer + 64, _buffer));
        Assert.Equal(_buffer + 32, h.RangeStart);
        Assert.Equal(_buffer + 64, h.RangeEnd);
        h.SetRange(_buffer, _buffer + BufferSize);
        Assert.Equal(_buffer + BufferSize, h.RangeEnd);
        h.Dispose();
        Assert.Null(HostFaultHandler.Current);
        Assert.Equal(segvBefore, HostFaultHandler.CurrentAction(11).Handler);
        Assert.Equal(busBefore, HostFaultHandler.CurrentAction(7).Handler);
        Assert.Equal(illBefore, HostFaultHandler.CurrentAction(4).Handler);
        Assert.Equal(fpeBefore, HostFaultHandler.CurrentAction(8).Handler);
    }

    private sealed class Box { public int Value = 1; }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ReadField(Box? b) => b!.Value;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Divide(int a, int b) => a / b;
}
