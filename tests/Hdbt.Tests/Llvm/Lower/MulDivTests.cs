using static Iced.Intel.AssemblerRegisters;
using static Hdbt.Tests.Llvm.LlvmDifferential;

namespace Hdbt.Tests.Llvm.Lower;

/// <summary>Llvm/Lower/MulDiv.cs: the widening multiplies (mulu2/muls2) and the division helpers, including their SIGFPE at the right pc.</summary>
public sealed unsafe class MulDivTests
{
    [Fact]
    public void WideningMultipliesMatchInterp()
    {
        foreach (uint x in Values)
            foreach (uint y in new uint[] { 0, 1, 3, 0x8000_0000, 0xFFFF_FFFF, 0x1234_5678 })
                AssertSame(a =>
                {
                    a.mov(esi, eax);
                    a.mul(ebx); a.pushfd();
                    a.mov(edi, edx); a.mov(ebp, eax);
                    a.mov(eax, esi);
                    a.imul(ebx); a.pushfd();
                    a.imul(cx, bx); a.pushfd();
                    a.mul(bl);
                }, r => { r.Cpu->Eax = x; r.Cpu->Ebx = y; r.Cpu->Ecx = x ^ y; });
    }

    [Fact]
    public void DivisionAndItsFaultMatchInterp()
    {
        foreach (uint divisor in new uint[] { 7, 1, 0xFFFF_FFFF, 0 })
            AssertSame(a =>
            {
                a.mov(esi, 1u);
                a.xor(edx, edx);
                a.div(ebx);
                a.mov(edi, eax);
                a.mov(eax, 0x8000_0000u);
                a.cdq();
                a.idiv(ebx);
                a.mov(esi, 2u);
            }, r => { r.Cpu->Eax = 1_000_003; r.Cpu->Ebx = divisor; }, // 0: divide by zero; -1: 0x80000000 / -1 overflows the quotient.
            r => Assert.Equal(divisor is 0 or 0xFFFF_FFFF ? 8 : 0, r.Fault?.Signal ?? 0));
    }
}
