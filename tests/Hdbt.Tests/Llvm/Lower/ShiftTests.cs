using static Iced.Intel.AssemblerRegisters;
using static Hdbt.Tests.Llvm.LlvmDifferential;

namespace Hdbt.Tests.Llvm.Lower;

/// <summary>Llvm/Lower/Shift.cs: shifts and rotates by every count 0..40 (masked modulo 32), 8/16/32-bit, and the shld/shrd/rcl/rcr helpers.</summary>
public sealed unsafe class ShiftTests
{
    [Fact]
    public void EveryCountMatchesInterp()
    {
        foreach (uint x in new uint[] { 0x8000_0001, 0x1234_5678, 0xFFFF_FFFF })
            for (uint count = 0; count <= 40; count++)
                AssertSame(a =>
                {
                    a.mov(esi, eax); a.shl(esi, cl); a.pushfd();
                    a.mov(edi, eax); a.shr(edi, cl); a.pushfd();
                    a.mov(edx, eax); a.sar(edx, cl); a.pushfd();
                    a.mov(ebx, eax); a.rol(ebx, cl); a.pushfd();
                    a.mov(ebp, eax); a.ror(ebp, cl); a.pushfd();
                    a.rol(ax, cl); a.ror(al, cl); a.sar(ah, 3);
                    a.shld(esi, edi, cl); a.shrd(edx, ebx, cl); a.pushfd();
                    a.rcl(ebx, cl); a.rcr(bp, cl); a.pushfd();
                }, r => { r.Cpu->Eax = x; r.Cpu->Ecx = count; });
    }
}
