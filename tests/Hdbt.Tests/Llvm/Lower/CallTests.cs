using static Iced.Intel.AssemblerRegisters;
using static Hdbt.Tests.Llvm.LlvmDifferential;

namespace Hdbt.Tests.Llvm.Lower;

/// <summary>Llvm/Lower/Call.cs: helpers that read and write globals (cpuid, popf, lazy flags), x87 and SSE helpers with memory operands.</summary>
public sealed unsafe class CallTests
{
    [Fact]
    public void GlobalReadingAndWritingHelpersMatchInterp()
    {
        AssertSame(a =>
        {
            a.mov(eax, 1u);
            a.cpuid();
            a.mov(esi, eax);
            a.push(0x8D5u);
            a.popfd();
            a.adc(esi, 1);
            a.pushfd();
            a.pop(edi);
            a.std();
            a.lea(ebp, __dword_ptr[esp - 64]);
            a.cld();
        });
    }

    [Fact]
    public void X87AndSseHelpersMatchInterp()
    {
        uint data = Hdbt.Tests.Llvm.BackendSnippetRunner.DataAddress;
        AssertSame(a =>
        {
            a.fld(__dword_ptr[data]);
            a.fld(__dword_ptr[data + 4]);
            a.faddp(st1, st0);
            a.fstp(__qword_ptr[data + 16]);
            a.movups(xmm0, __xmmword_ptr[data]);
            a.addps(xmm0, xmm0);
            a.movups(__xmmword_ptr[data + 32], xmm0);
            a.cvttss2si(eax, xmm0);
        }, r =>
        {
            r.Memory.Poke32(data, BitConverter.SingleToUInt32Bits(1.5f));
            r.Memory.Poke32(data + 4, BitConverter.SingleToUInt32Bits(-2.25f));
        });
    }
}
