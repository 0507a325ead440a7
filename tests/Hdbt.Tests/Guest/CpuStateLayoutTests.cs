using System.Runtime.CompilerServices;
using Hdbt.Guest;

namespace Hdbt.Tests.Guest;

/// <summary>Generated code depends on CpuState's offsets: the global slots first, vector state aligned.</summary>
public sealed unsafe class CpuStateLayoutTests
{
    private static int Offset<T>(ref CpuState s, ref T field) =>
        (int)Unsafe.ByteOffset(ref Unsafe.As<CpuState, byte>(ref s), ref Unsafe.As<T, byte>(ref field));

    [Fact]
    public void GlobalSlotsComeFirstInOrder()
    {
        var s = new CpuState();
        Assert.Equal(0, Offset(ref s, ref s.Eax));
        Assert.Equal(8 * 4, Offset(ref s, ref s.Eip));
        Assert.Equal((CpuState.GlobalSlotCount - 1) * 4, Offset(ref s, ref s.GsBase));
    }

    [Fact]
    public void VectorRegistersAre16ByteAligned()
    {
        var s = new CpuState();
        Assert.Equal(0, Offset(ref s, ref s.Xmm[0]) % 16);
        Assert.Equal(0, Offset(ref s, ref s.FpRegs[0]) % 16);
        Assert.Equal(0, Offset(ref s, ref s.MemoryHandle) % 8);
    }
}
