using System.Text.Json;
using Hdbt.Tests.Differential;
using Hdbt.Tests.Support;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Tests.Tcg;

/// <summary>
/// The TCG backend's mechanics: block linking on and off, a code cache so small it is flushed
/// many times, self-modifying code, statistics and the host code listing. Correctness of every
/// instruction under tcg is the differential suite's job; every guest program runs under tcg too.
/// </summary>
public sealed class TcgMechanicsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static (string Binary, string[] Args, string Expected) Workload(string name)
    {
        var w = WorkloadManifest.Workloads().Single(x => x.Name == name);
        var (args, expected) = w.Sizes["test"];
        return (WorkloadManifest.PathOf(w.Binary), args, File.ReadAllText(WorkloadManifest.PathOf(expected)));
    }

    private JsonElement RunWithStats(string[] options, string workload)
    {
        var (binary, args, expected) = Workload(workload);
        string json = _dir.File(Guid.NewGuid().ToString("n") + ".json");
        var r = ChildProcess.RunHdbt(["--mode", "tcg", "--stats-json", json, .. options, binary, .. args]);
        Assert.True(r.ExitCode == 0, $"{workload} {string.Join(' ', options)}: {r}");
        Assert.Equal(expected, r.StdoutText);
        return JsonDocument.Parse(File.ReadAllText(json)).RootElement.Clone();
    }

    [Theory]
    [InlineData("bytecode")]
    [InlineData("quicksort")]
    public void LinkingOnAndOffGiveTheSameResults(string workload)
    {
        var linked = RunWithStats([], workload);
        var unlinked = RunWithStats(["--no-link"], workload);
        Assert.True(linked.GetProperty("block_links").GetInt64() > 0);
        Assert.Equal(0, unlinked.GetProperty("block_links").GetInt64());
        // Without links every direct jump comes back to the dispatcher.
        Assert.True(unlinked.GetProperty("dispatcher_lookups").GetInt64() > 10 * linked.GetProperty("dispatcher_lookups").GetInt64());
    }

    [Fact]
    public void TinyCodeCacheIsFlushedManyTimesAndStaysCorrect()
    {
        var stats = RunWithStats(["--code-cache-size", "128K"], "bytecode");
        Assert.True(stats.GetProperty("code_cache_flushes").GetInt64() >= 3, $"flushes: {stats.GetProperty("code_cache_flushes")}");
    }

    [Fact]
    public void IndirectJumpsHitTheJumpCache()
    {
        var stats = RunWithStats([], "bytecode");
        Assert.True(stats.GetProperty("jump_cache_hits").GetInt64() > stats.GetProperty("jump_cache_misses").GetInt64());
        Assert.True(stats.GetProperty("host_code_bytes").GetInt64() > stats.GetProperty("guest_code_bytes").GetInt64());
    }

    [Theory]
    [InlineData("--no-link")]
    [InlineData("--code-cache-size=128K")]
    public void SelfModifyingCodeUnderLinkAndFlushVariants(string option) =>
        Assert.Equal(CommittedProgram.Expected("Guest", "smc.expected"),
            CommittedProgram.Run("Guest", "smc", option.Split('='), mode: "tcg").StdoutText);

    /// <summary>mov ecx, 5; xor eax, eax; L: add eax, ecx; dec ecx; jnz L; exit(eax).</summary>
    [Fact]
    public void OutAsmListsHostCodeUnderGuestInstructions()
    {
        string prog = TinyElf.Save(_dir.File("loop"), TinyElf.I386(
            [0xB9, 5, 0, 0, 0, 0x31, 0xC0, 0x01, 0xC8, 0x49, 0x75, 0xFB, 0x89, 0xC3, 0xB8, 1, 0, 0, 0, 0xCD, 0x80]));
        var r = ChildProcess.RunHdbt(["--mode", "tcg", "-d", "out_asm", prog]);
        Assert.Equal(15, r.ExitCode);
        Assert.Contains("OUT: [size=", r.Stderr);
        Assert.Contains("-- guest 0x", r.Stderr);
        Assert.Contains("-- guest 0x0804805b: add %ecx,%eax", r.Stderr);
        // Guest EAX and ECX are pinned to R8 and R9.
        Assert.Contains("add %r9d,%r8d", r.Stderr);
    }

    /// <summary>
    /// mov ecx, 1; mov eax, [0x12345678] (an unmapped page): the direct load faults on the host and the
    /// fault handler's record is mapped back to the guest instruction; the inline-checked load takes its
    /// slow path. Both must report exactly what interp reports.
    /// </summary>
    [Theory]
    [InlineData("tcg")]
    [InlineData("tcg", "--checked-loads")]
    [InlineData("tcg", "--one-insn-per-tb")]
    public void WildLoadIsReportedAtTheGuestInstruction(string mode, string? option = null)
    {
        string prog = TinyElf.Save(_dir.File("wild"), TinyElf.I386([0xB9, 1, 0, 0, 0, 0xA1, 0x78, 0x56, 0x34, 0x12, 0xCD, 0x80]));
        var r = ChildProcess.RunHdbt(["--mode", mode, .. option != null ? new[] { option } : [], prog]);
        var reference = ChildProcess.RunHdbt(["--mode", "interp", prog]);
        Assert.Equal(139, r.ExitCode);
        Assert.Contains("SIGSEGV at pc 0x08048059, fault address 0x12345678", r.Stderr);
        Assert.Equal(reference.Stderr, r.Stderr);
    }

    /// <summary>
    /// push mxcsr; ldmxcsr [esp]; xmm0 = 1.0 / 3.0 + 3.0 (cvtsi2sd, divsd, addsd); stmxcsr [esp]. The SSE
    /// arithmetic is host SSE code on CpuState.Xmm (not a helper call), and its result and sticky flags
    /// follow the guest's MXCSR exactly as on the real CPU (the differential harness compares registers,
    /// memory and the whole SSE state with the CPU's run of the same code).
    /// </summary>
    [Theory]
    [InlineData(0x1F80u)]
    [InlineData(0x3F80u)]
    [InlineData(0x5F80u)]
    [InlineData(0x7F80u)]
    [InlineData(0x9FC0u)]
    public void SseArithmeticIsInlineHostCodeUnderTheGuestMxcsr(uint mxcsr)
    {
        string outAsm = MatchesTheCpu($"tcg-sse-{mxcsr:x}", FpuKind.Sse, a =>
        {
            a.push((int)mxcsr);
            a.ldmxcsr(__dword_ptr[esp]);
            a.mov(eax, 1);
            a.cvtsi2sd(xmm0, eax);
            a.mov(eax, 3);
            a.cvtsi2sd(xmm1, eax);
            a.divsd(xmm0, xmm1);
            a.addsd(xmm0, xmm1);
            a.movd(ebx, xmm0);
            a.stmxcsr(__dword_ptr[esp]);
            a.pop(ecx);
        });
        // XMM1 is CpuState.Xmm + 16: the host divides and adds with it as a memory operand.
        Assert.Contains("divsd 0xA0(%r14),%xmm0", outAsm);
        Assert.Contains("addsd 0xA0(%r14),%xmm0", outAsm);
    }

    /// <summary>
    /// fldcw [esp] (the control word under test); 1 / 3 through fidivr and fdivrp; fsqrt; fldpi; fmulp;
    /// fimul 2^30; fistp [esp]; fnstsw ax. Under tcg the x87 instructions are the host's own (no helper
    /// calls), and results and status follow the guest's rounding and precision control exactly as on
    /// the real CPU (compared by the differential harness, x87 state included).
    /// </summary>
    [Theory]
    [InlineData(0x037Fu)]   // nearest, extended
    [InlineData(0x077Fu)]   // down
    [InlineData(0x0B7Fu)]   // up
    [InlineData(0x0F7Fu)]   // chop
    [InlineData(0x007Fu)]   // single precision
    [InlineData(0x027Fu)]   // double precision
    public void X87ArithmeticIsInlineHostCodeUnderTheGuestControlWord(uint cw)
    {
        string outAsm = MatchesTheCpu($"tcg-x87-{cw:x}", FpuKind.X87, a =>
        {
            a.push((int)cw);
            a.fldcw(__word_ptr[esp]);
            a.mov(__dword_ptr[esp], 3);
            a.fld1();
            a.fidivr(__dword_ptr[esp]);
            a.fld1();
            a.fdivrp(st1, st0);
            a.fsqrt();
            a.fldpi();
            a.fmulp(st1, st0);
            a.mov(__dword_ptr[esp], 1 << 30);
            a.fimul(__dword_ptr[esp]);
            a.fistp(__dword_ptr[esp]);
            a.fnstsw(ax);
            a.pop(ebx);
        });
        // Host lines are "  ADDRESS:  insn" (guest lines "-- guest ADDRESS: insn"); memory operands are [r15 + address].
        foreach (var insn in new[] { ":  fsqrt", ":  fmulp", ":  fistpl (%r15,", ":  fimull (%r15,", ":  fnstsw %ax" })
            Assert.Contains(insn, outAsm);
    }

    /// <summary>
    /// With --checked-loads every inline x87 memory operand takes its page check, and a failed one
    /// (or an fldcw that unmasks) the helper out of line: the x87 programs still match the CPU.
    /// </summary>
    [Theory]
    [InlineData("x87_state", "masks")]
    [InlineData("x87_state", "codepage")]
    [InlineData("x87", "convert")]
    public void X87WithCheckedLoadsMatchesNative(string program, string group)
    {
        var r = CommittedProgram.Run("Frontend", program, hdbtOptions: ["--checked-loads"], args: [group], mode: "tcg");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(CommittedProgram.Expected("Frontend", $"{program}.{group}.expected"), r.StdoutText);
    }

    /// <summary>
    /// Runs one case through the differential harness (interp and tcg against the real CPU: registers,
    /// flags, memory and the FP state) and returns tcg's out_asm log of the same program.
    /// </summary>
    private string MatchesTheCpu(string name, FpuKind fpu, Action<Assembler> code)
    {
        var set = new CaseSet(name, 1) { Fpu = fpu };
        set.Add(name, code);
        DiffRunner.Run(set);
        var program = SnippetProgram.Build(set.Cases, set.DefaultMemory, set.Fpu);
        string path = TinyElf.Save(_dir.File(name), program.Elf);
        var r = ChildProcess.RunHdbt(["--mode", "tcg", "-d", "out_asm", path]);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.Stderr;
    }
}
