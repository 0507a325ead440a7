using static Iced.Intel.AssemblerRegisters;
using static Hdbt.Tests.Llvm.LlvmDifferential;

namespace Hdbt.Tests.Llvm.Lower;

/// <summary>Llvm/Lower/Mov.cs: moves, movzx/movsx (ext*), 8- and 16-bit register writes (deposit), xchg.</summary>
public sealed unsafe class MovTests
{
    [Fact]
    public void ExtendAndDepositMatchInterp()
    {
        foreach (uint x in Values)
            AssertSame(a =>
            {
                a.movzx(esi, al); a.movsx(edi, al); a.movzx(edx, ax); a.movsx(ebp, ax);
                a.mov(bl, al); a.mov(bh, al); a.mov(cx, ax); a.mov(ch, ah);
                a.xchg(al, ah); a.xchg(esi, edi);
            }, r => { r.Cpu->Eax = x; r.Cpu->Ebx = 0xAABB_CCDD; r.Cpu->Ecx = 0x1122_3344; });
    }
}
