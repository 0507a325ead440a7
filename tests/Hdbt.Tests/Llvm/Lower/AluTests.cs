using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;
using static Hdbt.Tests.Llvm.LlvmDifferential;

namespace Hdbt.Tests.Llvm.Lower;

/// <summary>Llvm/Lower/Alu.cs: add..xor, neg, not, setcond (setcc, flags read back with pushfd), select (cmov), against interp.</summary>
public sealed unsafe class AluTests
{
    [Fact]
    public void BinaryUnaryAndFlagsMatchInterp()
    {
        foreach (uint x in Values)
            foreach (uint y in new uint[] { 0, 1, 0x80, 0x8000_0000, 0xFFFF_FFFF, 0x1234_5678 })
                AssertSame(a =>
                {
                    a.mov(esi, eax);
                    a.add(esi, ebx); a.pushfd();
                    a.mov(edi, eax);
                    a.sub(edi, ebx); a.pushfd();
                    a.mov(ecx, eax);
                    a.adc(ecx, ebx); a.pushfd();
                    a.mov(edx, eax);
                    a.sbb(edx, ebx); a.pushfd();
                    a.and(esi, ebx); a.or(edi, eax); a.xor(ecx, edx);
                    a.imul(edx, ebx); a.pushfd();
                    a.neg(esi); a.pushfd();
                    a.not(edi);
                    a.add(al, bl); a.pushfd();
                    a.sub(bx, ax); a.pushfd();
                    a.inc(ecx); a.dec(edx); a.pushfd();
                }, r => { r.Cpu->Eax = x; r.Cpu->Ebx = y; });
    }

    [Fact]
    public void SetccAndCmovMatchInterp()
    {
        foreach (uint x in Values)
            foreach (uint y in new uint[] { 0, 1, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF })
                AssertSame(a =>
                {
                    a.cmp(eax, ebx);
                    a.setb(cl); a.setl(ch); a.setbe(dl); a.setg(dh);
                    a.cmovae(esi, eax); a.cmovle(edi, ebx);
                    a.test(eax, ebx);
                    a.sete(bl); a.sets(bh); a.setp(al);
                    a.cmovne(ebp, edx);
                }, r => { r.Cpu->Eax = x; r.Cpu->Ebx = y; r.Cpu->Ebp = 0x55; });
    }
}
