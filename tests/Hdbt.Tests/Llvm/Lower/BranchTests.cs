using static Iced.Intel.AssemblerRegisters;
using static Hdbt.Tests.Llvm.LlvmDifferential;

namespace Hdbt.Tests.Llvm.Lower;

/// <summary>Llvm/Lower/Branch.cs: loops across blocks (goto_tb, linked in C#), branches inside a block (rep string loops), indirect jumps, int3 (raise).</summary>
public sealed unsafe class BranchTests
{
    [Fact]
    public void LoopsAndStringOpsMatchInterp()
    {
        AssertSame(a =>
        {
            var loop = a.CreateLabel();
            var skip = a.CreateLabel();
            a.mov(ecx, 100u);
            a.xor(eax, eax);
            a.Label(ref loop);
            a.add(eax, ecx);
            a.test(ecx, 1);
            a.jz(skip);
            a.rol(eax, 3);
            a.Label(ref skip);
            a.dec(ecx);
            a.jnz(loop);
            // rep movsb / rep stosd: loops inside one block.
            a.mov(esi, Hdbt.Tests.Llvm.BackendSnippetRunner.DataAddress);
            a.lea(edi, __dword_ptr[esi + 0x200]);
            a.mov(ecx, 37u);
            a.rep.movsb();
            a.mov(ecx, 9u);
            a.rep.stosd();
        }, r => r.Memory.Poke(Hdbt.Tests.Llvm.BackendSnippetRunner.DataAddress, Enumerable.Range(0, 64).Select(i => (byte)(i * 7)).ToArray()));
    }

    [Fact]
    public void IndirectJumpAndCallMatchInterp()
    {
        AssertSame(a =>
        {
            var here = a.CreateLabel();
            var done = a.CreateLabel();
            var fn = a.CreateLabel();
            // eax = address of "here" (call/pop); + 11 (pop 1, add 3, jmp 2, mov 5 bytes) skips the mov after the jump.
            a.call(here);
            a.Label(ref here);
            a.pop(eax);
            a.add(eax, 11);
            a.jmp(eax);
            a.mov(esi, 1u);
            a.call(fn);
            a.call(fn);
            a.jmp(done);
            a.Label(ref fn);
            a.inc(edi);
            a.ret();
            a.Label(ref done);
            a.nop();
        });
    }

    [Fact]
    public void RaiseReportsItsPc()
    {
        AssertSame(a =>
        {
            a.mov(esi, 1u);
            a.int3();
            a.mov(esi, 2u);
        });
    }
}
