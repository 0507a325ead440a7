using Hdbt.Guest;
using Hdbt.Linux;
using Hdbt.Host;

namespace Hdbt.Tests.Guest;

/// <summary>GuestMemory's bookkeeping: rights, faults, free-range search, code-write notification.</summary>
public sealed class GuestMemoryTests : IDisposable
{
    private readonly GuestMemory _memory = new();

    public void Dispose() => _memory.Dispose();

    [Fact]
    public void AccessOutsideMappingsFaultsWithTheAddress()
    {
        _memory.MapAnonymous(0x1000_0000, 0x2000, HostKernel.ProtRead | HostKernel.ProtWrite);
        _memory.Write32(0x1000_1FFC, 0xDEADBEEF);
        Assert.Equal(0xDEADBEEFu, _memory.Read32(0x1000_1FFC));
        var e = Assert.Throws<GuestFaultException>(() => _memory.Read32(0x1000_1FFE));
        Assert.Equal(Signals.SIGSEGV, e.Signal);
        Assert.Equal(0x1000_2000u, e.FaultAddress);
    }

    [Fact]
    public void ReadOnlyPagesRejectWrites()
    {
        _memory.MapAnonymous(0x2000_0000, 0x1000, HostKernel.ProtRead);
        Assert.Equal(0u, _memory.Read32(0x2000_0000));
        Assert.Throws<GuestFaultException>(() => _memory.Write8(0x2000_0000, 1));
        Assert.True(_memory.Protect(0x2000_0000, 0x1000, HostKernel.ProtRead | HostKernel.ProtWrite));
        _memory.Write8(0x2000_0000, 1);
        Assert.False(_memory.Protect(0x3000_0000, 0x1000, HostKernel.ProtRead));
    }

    [Fact]
    public void FindFreeSearchesDownwardsAroundMappings()
    {
        _memory.MapAnonymous(0x4000_0000 - 0x3000, 0x3000, HostKernel.ProtRead);
        Assert.Equal(0x4000_0000u - 0x5000, _memory.FindFree(0x2000, 0x4000_0000));
        Assert.Equal(0x4000_0000u, _memory.FindFree(0x1000, 0x4000_1000));
    }

    [Fact]
    public void WritesToCodePagesAreReported()
    {
        var pages = new List<uint>();
        _memory.CodeWriteHandler = pages.Add;
        _memory.MapAnonymous(0x5000_0000, 0x2000, HostKernel.ProtRead | HostKernel.ProtWrite | HostKernel.ProtExec);
        _memory.MarkCode(0x5000_1000 >> GuestMemory.PageShift);
        _memory.Write32(0x5000_0000, 1);
        Assert.Empty(pages);
        _memory.Write32(0x5000_0FFE, 1); // straddles into the code page
        Assert.Equal([0x5000_1000u >> GuestMemory.PageShift], pages);
        _memory.Write32(0x5000_1000, 1); // no longer marked: already invalidated
        Assert.Single(pages);
    }
}
