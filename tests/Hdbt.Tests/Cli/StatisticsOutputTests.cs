using System.Text.Json;
using Hdbt.Profiling;
using Hdbt.Tests.Support;

namespace Hdbt.Tests.Cli;

/// <summary>-p basic, --stats-json and -d print what the counter and mask tables declare.</summary>
public sealed class StatisticsOutputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>mov ecx, 5; xor eax, eax; L: add eax, ecx; dec ecx; jnz L; exit(eax) — 15, after 3 blocks.</summary>
    private string LoopProgram() => TinyElf.Save(_dir.File("loop"), TinyElf.I386(
        [0xB9, 5, 0, 0, 0, 0x31, 0xC0, 0x01, 0xC8, 0x49, 0x75, 0xFB, 0x89, 0xC3, 0xB8, 1, 0, 0, 0, 0xCD, 0x80]));

    [Fact]
    public void StatsJsonHasEveryCounter()
    {
        string json = _dir.File("stats.json");
        var r = ChildProcess.RunHdbt(["--stats-json", json, LoopProgram()]);
        Assert.Equal(15, r.ExitCode);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        string[] interpOmits = ["host_code_bytes", "block_links", "code_cache_flushes", "code_cache_used", "code_write_faults",
            "llvm_lower_seconds", "llvm_verify_seconds", "llvm_optimize_seconds", "llvm_codegen_seconds",
            .. CounterTable.All.Where(c => c.Section == CounterTable.TraceSection).Select(c => c.Key)];
        foreach (var c in CounterTable.All)
            Assert.True(root.TryGetProperty(c.Key, out _) != interpOmits.Contains(c.Key), $"{c.Key} present or absent wrongly");
        Assert.Equal(3, root.GetProperty("blocks_translated").GetInt64());
        Assert.Equal(11, root.GetProperty("guest_insns_translated").GetInt64());
        // 2 instructions, then the 3-instruction loop body 5 times, then 3 to exit.
        Assert.Equal(2 + 3 * 5 + 3, root.GetProperty("guest_insns_executed").GetInt64());
        Assert.Equal(1, root.GetProperty("syscalls").GetInt64());
        Assert.Equal("interp", root.GetProperty("mode").GetString());
    }

    /// <summary>With --traces the trace statistic is there: the loop's block becomes a trace head at the threshold and its trace the loop.</summary>
    [Fact]
    public void TracesFillTheTraceStatistic()
    {
        string json = _dir.File("traces.json");
        var r = ChildProcess.RunHdbt(["--traces", "--threshold", "2", "-p", "basic", "--stats-json", json, LoopProgram()]);
        Assert.Equal(15, r.ExitCode);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        foreach (var c in CounterTable.All.Where(c => c.Section == CounterTable.TraceSection))
            Assert.True(root.TryGetProperty(c.Key, out _), $"{c.Key} missing with --traces");
        Assert.Equal(1, root.GetProperty("traces").GetInt64());
        Assert.Equal(1, root.GetProperty("trace_blocks").GetInt64());
        Assert.Equal(3, root.GetProperty("trace_guest_insns").GetInt64());
        Assert.Equal(1, root.GetProperty("trace_length_distribution")[1].GetInt64());
        Assert.Contains("Length distribution (blocks: traces)", r.Stderr);
        Assert.Contains("Trace statistic:", r.Stderr);
        var plain = ChildProcess.RunHdbt(["-p", "basic", LoopProgram()]);
        Assert.DoesNotContain("Trace statistic:", plain.Stderr);
    }

    /// <summary>Counters a mode does not measure are absent from the JSON and "n/a" in the report, never a fake 0.</summary>
    [Fact]
    public void TcgLeavesOutWhatItDoesNotCount()
    {
        string json = _dir.File("tcg.json");
        var r = ChildProcess.RunHdbt(["--mode", "tcg", "-p", "basic", "--stats-json", json, LoopProgram()]);
        Assert.Equal(15, r.ExitCode);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        // Generated code counts block entries only until a block is hot (--count-entries: always), never chained transitions.
        Assert.False(root.TryGetProperty("blocks_executed", out _));
        Assert.False(root.TryGetProperty("guest_insns_executed", out _));
        Assert.False(root.TryGetProperty("chained_transitions", out _));
        Assert.True(root.GetProperty("host_code_bytes").GetInt64() > 0);
        Assert.Contains("Guest instructions executed", r.Stderr);
        Assert.Contains("n/a (not counted in this mode)", r.Stderr);
        Assert.DoesNotContain("Guest instructions per second", r.Stderr);
    }

    [Fact]
    public void ProfileBasicPrintsTheBlockStatistic()
    {
        var r = ChildProcess.RunHdbt(["-p", "basic", LoopProgram()]);
        Assert.Contains("Block statistic:", r.Stderr);
        // Every counter but the trace statistic's, which is a section of its own that only trace-forming runs print.
        foreach (var c in CounterTable.All.Where(c => c.Section != CounterTable.TraceSection)) Assert.Contains(c.Label, r.Stderr);
        var traces = ChildProcess.RunHdbt(["--traces", "-p", "basic", LoopProgram()]);
        foreach (var c in CounterTable.All) Assert.Contains(c.Label, traces.Stderr);
    }

    [Fact]
    public void DebugMasksLogGuestCodeAndIr()
    {
        var r = ChildProcess.RunHdbt(["-d", "in_asm,op,op_opt", LoopProgram()]);
        Assert.Equal(15, r.ExitCode);
        Assert.Contains("IN: 0x08048054", r.Stderr);
        Assert.Contains("0x0804805b:  add %ecx,%eax", r.Stderr);
        Assert.Contains("OP after optimization:", r.Stderr);
        Assert.Contains("goto_tb slot=0, 0x0804805b", r.Stderr);
        Assert.Contains("exit_syscall", r.Stderr);
    }

    [Fact]
    public void LogFileReceivesTheDebugOutput()
    {
        string log = _dir.File("log.txt");
        var r = ChildProcess.RunHdbt(["-D", log, "-d", "in_asm", "-p", "basic", LoopProgram()]);
        Assert.Equal(15, r.ExitCode);
        Assert.Equal("", r.Stderr);
        var text = File.ReadAllText(log);
        Assert.Contains("IN: 0x08048054", text);
        Assert.Contains("Block statistic:", text);
    }
}
