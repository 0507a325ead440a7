using static Iced.Intel.AssemblerRegisters;
using static Hdbt.Tests.Llvm.LlvmDifferential;

namespace Hdbt.Tests.Llvm.Lower;

/// <summary>Llvm/Lower/Bit.cs: bswap, bsf/bsr (ctz/clz, including a zero source), bt/bts/btr.</summary>
public sealed unsafe class BitTests
{
    [Fact]
    public void BitOpsMatchInterp()
    {
        foreach (uint x in Values)
            AssertSame(a =>
            {
                a.mov(esi, eax); a.bswap(esi);
                a.mov(edi, 0x77u); a.bsf(edi, eax); a.pushfd();
                a.mov(edx, 0x66u); a.bsr(edx, eax); a.pushfd();
                a.mov(ecx, 13u);
                a.bt(eax, ecx); a.setb(bl);
                a.mov(ebp, eax); a.bts(ebp, ecx); a.btr(eax, 31); a.pushfd();
            }, r => r.Cpu->Eax = x);
    }
}
