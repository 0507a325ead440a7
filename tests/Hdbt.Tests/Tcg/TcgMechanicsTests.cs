using System.Text.Json;
using Hdbt.Tests.Support;

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
    /// push mxcsr; ldmxcsr [esp]; xmm0 = 1.0 / 3.0 + 3.0 (cvtsi2sd, divsd, addsd); ebx = low dword;
    /// stmxcsr [esp]; exit((ebx ^ (mxcsr &amp; 0x3F)) &amp; 0xFF). The SSE arithmetic is host SSE code on
    /// CpuState.Xmm (not a helper call), and its rounding and sticky flags follow the guest's MXCSR
    /// exactly as on the real CPU, which runs the same program as the reference.
    /// </summary>
    [Theory]
    [InlineData(0x1F80u)]
    [InlineData(0x3F80u)]
    [InlineData(0x5F80u)]
    [InlineData(0x7F80u)]
    [InlineData(0x9FC0u)]
    public void SseArithmeticIsInlineHostCodeUnderTheGuestMxcsr(uint mxcsr)
    {
        byte[] code =
        [
            0x68, (byte)mxcsr, (byte)(mxcsr >> 8), 0, 0,    // push mxcsr
            0x0F, 0xAE, 0x14, 0x24,                         // ldmxcsr [esp]
            0xB8, 1, 0, 0, 0, 0xF2, 0x0F, 0x2A, 0xC0,       // mov eax, 1; cvtsi2sd xmm0, eax
            0xB8, 3, 0, 0, 0, 0xF2, 0x0F, 0x2A, 0xC8,       // mov eax, 3; cvtsi2sd xmm1, eax
            0xF2, 0x0F, 0x5E, 0xC1,                         // divsd xmm0, xmm1
            0xF2, 0x0F, 0x58, 0xC1,                         // addsd xmm0, xmm1
            0x66, 0x0F, 0x7E, 0xC3,                         // movd ebx, xmm0
            0x0F, 0xAE, 0x1C, 0x24,                         // stmxcsr [esp]
            0x8B, 0x04, 0x24, 0x83, 0xE0, 0x3F, 0x31, 0xC3, // mov eax, [esp]; and eax, 0x3f; xor ebx, eax
            0xB8, 1, 0, 0, 0, 0xCD, 0x80,                   // exit(ebx)
        ];
        string outAsm = ExitStatusMatchesNative($"sse{mxcsr:x}", code);
        // XMM1 is CpuState.Xmm + 16: the host divides and adds with it as a memory operand.
        Assert.Contains("divsd 0xA0(%r14),%xmm0", outAsm);
        Assert.Contains("addsd 0xA0(%r14),%xmm0", outAsm);
    }

    /// <summary>
    /// fldcw [esp] (the control word under test); fld1; fild dword 3; fdivp; fsqrt; fldpi; fmulp;
    /// fistp [esp]; fnstsw ax; exit((result ^ sw) &amp; 0xFF). Under tcg the x87 instructions are the
    /// host's own (no helper calls), and results and status follow the guest's rounding and
    /// precision control exactly as on the real CPU, which runs the same program as the reference.
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
        byte[] code =
        [
            0x68, (byte)cw, (byte)(cw >> 8), 0, 0,          // push cw
            0xD9, 0x2C, 0x24,                               // fldcw [esp]
            0xC7, 0x04, 0x24, 3, 0, 0, 0,                   // mov dword [esp], 3
            0xD9, 0xE8,                                     // fld1
            0xDA, 0x3C, 0x24,                               // fidivr dword [esp]  (st0 = 3 / 1)
            0xD9, 0xE8, 0xDE, 0xF1,                         // fld1; fdivrp st(1)  (1 / 3)
            0xD9, 0xFA,                                     // fsqrt
            0xD9, 0xEB, 0xDE, 0xC9,                         // fldpi; fmulp
            0xC7, 0x04, 0x24, 0x00, 0x00, 0x00, 0x40,       // mov dword [esp], 2^30
            0xDA, 0x0C, 0x24,                               // fimul dword [esp]
            0xDB, 0x1C, 0x24,                               // fistp dword [esp]
            0xDF, 0xE0,                                     // fnstsw ax
            0x8B, 0x1C, 0x24, 0x31, 0xC3,                   // mov ebx, [esp]; xor ebx, eax
            0xB8, 1, 0, 0, 0, 0xCD, 0x80,                   // exit(ebx)
        ];
        string outAsm = ExitStatusMatchesNative($"x87{cw:x}", code);
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

    /// <summary>Runs <paramref name="code"/> natively, under tcg and under interp; the exit statuses must agree. Returns tcg's out_asm log.</summary>
    private string ExitStatusMatchesNative(string name, byte[] code)
    {
        string prog = TinyElf.Save(_dir.File(name), TinyElf.I386(code));
        var native = ChildProcess.Run(prog, []);
        var r = ChildProcess.RunHdbt(["--mode", "tcg", "-d", "out_asm", prog]);
        Assert.Equal(native.ExitCode, r.ExitCode);
        Assert.Equal(native.ExitCode, ChildProcess.RunHdbt(["--mode", "interp", prog]).ExitCode);
        return r.Stderr;
    }
}
