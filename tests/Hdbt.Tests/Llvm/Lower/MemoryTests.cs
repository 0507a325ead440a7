using Hdbt.Guest;
using static Iced.Intel.AssemblerRegisters;
using static Hdbt.Tests.Llvm.LlvmDifferential;

namespace Hdbt.Tests.Llvm.Lower;

/// <summary>
/// Llvm/Lower/Memory.cs: loads and stores of every size and sign, across a page boundary (the slow path),
/// faults on unmapped and read-only pages at the faulting instruction's pc, and a store into the block's own code.
/// </summary>
public sealed unsafe class MemoryTests
{
    [Fact]
    public void LoadsAndStoresOfEverySizeMatchInterp()
    {
        // Inside a page, and at the end of the first data page (the access crosses into the next one).
        foreach (uint at in new uint[] { BackendSnippetRunner.DataAddress + 0x100, BackendSnippetRunner.DataAddress + GuestMemory.PageSize - 2 })
            AssertSame(a =>
            {
                a.mov(__dword_ptr[ebx], eax);
                a.mov(__word_ptr[ebx + 4], ax);
                a.mov(__byte_ptr[ebx + 6], ah);
                a.mov(esi, __dword_ptr[ebx + 2]);
                a.movsx(edi, __word_ptr[ebx + 1]);
                a.movzx(edx, __byte_ptr[ebx + 3]);
                a.movsx(ebp, __byte_ptr[ebx + 5]);
                a.add(__dword_ptr[ebx + 1], esi);
                a.push(eax); a.pop(ecx);
            }, r => { r.Cpu->Eax = 0x8899_AABB; r.Cpu->Ebx = at; });
    }

    [Theory]
    [InlineData(0x0B00_0000u, false)]              // unmapped: a load faults
    [InlineData(BackendSnippetRunner.ReadOnlyAddress, true)]  // read-only: the store faults, the load before it does not
    public void FaultsAtTheFaultingInstruction(uint address, bool store)
    {
        AssertSame(a =>
        {
            a.mov(esi, 1u);
            a.mov(edi, __dword_ptr[BackendSnippetRunner.DataAddress]);
            if (store)
            {
                a.mov(edx, __dword_ptr[ebx]);
                a.mov(__dword_ptr[ebx], eax);
            }
            else a.mov(edx, __dword_ptr[ebx]);
            a.mov(esi, 2u);
        }, r => { r.Cpu->Ebx = address; r.Cpu->Eax = 5; }, r => Assert.Equal((11, address), (r.Fault!.Value.Signal, r.Fault.Value.Address!.Value)));
    }

    /// <summary>A store rewrites an instruction later in the same block: the block leaves after the store and the new code runs.</summary>
    [Fact]
    public void StoreIntoTheRunningBlockRunsTheNewCode()
    {
        AssertSame(a =>
        {
            var here = a.CreateLabel();
            // ebx = address of "here" (call/pop); the block from there stores into its own mov eax, imm32 (B8 imm32):
            // pop (1) + mov [ebx+10], imm32 (7) + nop (1) puts the mov at here + 9, its immediate at here + 10.
            a.call(here);
            a.Label(ref here);
            a.pop(ebx);
            a.mov(__dword_ptr[ebx + 10], 0x1234_5678u);
            a.nop();
            a.mov(eax, 0x1111_1111u);
            a.mov(esi, eax);
        }, check: r => Assert.Equal(0x1234_5678u, r.Cpu->Esi));
    }
}
