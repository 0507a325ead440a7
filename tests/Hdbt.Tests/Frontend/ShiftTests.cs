using Hdbt.Tests.Support;
using Hdbt.Frontend;
using Hdbt.Guest;
using Hdbt.Ir;
using Hdbt.Linux;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;
using Xunit;
using Hdbt.Host;

namespace Hdbt.Tests.Frontend;

public sealed unsafe class ShiftTests
{
    /// <summary>The 8-bit forms over every value and counts 0..33; the wider forms, other encodings,
    /// memory destinations and shld/shrd over edge and random values (see Programs/shift*.c).</summary>
    [Theory]
    [InlineData("shift8", "cl")]
    [InlineData("shift8", "imm")]
    [InlineData("shift", "reg")]
    [InlineData("shift", "other")]
    [InlineData("shift", "double")]
    public void MatchesNative(string program, string group) =>
        CommittedProgram.AssertMatchesNative("Frontend", program, args: [group], expectedFile: $"{program}.{group}.expected");

    public static TheoryData<string> ClShifts => ["shl", "shr", "sar", "rol", "ror", "rcl", "rcr", "shld", "shrd", "shl8", "rcr16"];

    /// <summary>A count that masks to 0 changes neither the operand nor any flag, here with flags still
    /// held lazily from a cmp (the programs only start from popf-loaded flags).</summary>
    [Theory]
    [MemberData(nameof(ClShifts))]
    public void ZeroCountKeepsOperandAndLazyFlags(string op)
    {
        foreach (uint count in new uint[] { 0, 32, 64 })
        {
            using var r = new SnippetRunner();
            r.Cpu->Eax = 0x8000_0000;
            r.Cpu->Ebx = 1;
            r.Cpu->Ecx = count;
            r.Cpu->Edx = 0x1234_5678;
            r.Run(a =>
            {
                a.cmp(eax, ebx);
                a.pushfd();
                a.pop(esi);
                switch (op)
                {
                    case "shl": a.shl(edx, cl); break;
                    case "shr": a.shr(edx, cl); break;
                    case "sar": a.sar(edx, cl); break;
                    case "rol": a.rol(edx, cl); break;
                    case "ror": a.ror(edx, cl); break;
                    case "rcl": a.rcl(edx, cl); break;
                    case "rcr": a.rcr(edx, cl); break;
                    case "shld": a.shld(edx, ebx, cl); break;
                    case "shrd": a.shrd(edx, ebx, cl); break;
                    case "shl8": a.shl(dl, cl); break;
                    default: a.rcr(dx, cl); break;
                }
                a.pushfd();
                a.pop(edi);
            });
            Assert.Equal(0x1234_5678u, r.Cpu->Edx);
            Assert.Equal(r.Cpu->Esi, r.Cpu->Edi);
            // cmp 0x80000000, 1 overflows: OF set, so the check above covers a nontrivial state.
            Assert.NotEqual(0u, r.Cpu->Esi & Flags.OF);
        }
    }

    /// <summary>A zero count still writes a memory operand back, as the hardware's read-modify-write
    /// does: on a read-only page it faults.</summary>
    [Fact]
    public void ZeroCountStillWritesMemory()
    {
        using var r = new SnippetRunner();
        var e = Assert.Throws<GuestFaultException>(() => r.Run(a => a.shl(__dword_ptr[SnippetRunner.ReadOnlyAddress], 0)));
        Assert.Equal(Signals.SIGSEGV, e.Signal);
        Assert.Equal(SnippetRunner.ReadOnlyAddress, e.FaultAddress);

        using var r2 = new SnippetRunner();
        e = Assert.Throws<GuestFaultException>(() => r2.Run(a => a.rol(__byte_ptr[SnippetRunner.ReadOnlyAddress], cl)));
        Assert.Equal(Signals.SIGSEGV, e.Signal);
    }

    /// <summary>A count known at translation time needs no run-time test, so the flags stay lazily known.</summary>
    [Fact]
    public void ImmediateCountNeedsNoBranch()
    {
        using var r = new SnippetRunner();
        var a = new Assembler(32);
        a.shl(eax, 3);
        a.sar(bl, 9);
        a.rol(dx, 1);
        a.ror(ecx, 31);
        var s = new MemoryStream();
        a.Assemble(new StreamCodeWriter(s), SnippetRunner.CodeAddress);
        // jmp $ ends the block.
        r.Memory.Poke(SnippetRunner.CodeAddress, [.. s.ToArray(), 0xEB, 0xFE]);
        var block = new Translator(r.Memory, new TranslatorOptions { VerifyIr = true }).Translate(SnippetRunner.CodeAddress);
        Assert.Equal(5, block.InsnCount);
        Assert.DoesNotContain(block.Ops, o => o.Code is Opcode.BrCond or Opcode.Label);
    }
}
