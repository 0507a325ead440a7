using System.Text.Json;
using Hdbt.Backend;
using Hdbt.Engine;
using Hdbt.Loader;
using Hdbt.Tests.Support;

namespace Hdbt.Tests.Engine;

/// <summary>
/// The entry counter of every backend and the engine's hot exit: units count their entries (linked
/// jumps and jump-cache hits included), take one hot exit at the threshold, and the counts do not
/// change with the threshold or the backend.
/// </summary>
public sealed class HotnessTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Modes => [.. ExecutionModes.Built];

    /// <summary>
    /// The modes whose entry counts cover the whole run: in the trace-forming ones a hot block becomes a trace, whose
    /// loops are not block entries (the trace statistic counts traces); they are checked with no threshold below.
    /// </summary>
    public static TheoryData<string> ModesWithoutTraces => [.. ExecutionModes.BuiltWithoutTraces];

    /// <summary>mov ecx, 5; xor eax, eax; L: add eax, ecx; dec ecx; jnz L; exit(eax) — blocks A (once), L (4 times), C (once).</summary>
    private string LoopProgram() => TinyElf.Save(_dir.File("loop"), TinyElf.I386(
        [0xB9, 5, 0, 0, 0, 0x31, 0xC0, 0x01, 0xC8, 0x49, 0x75, 0xFB, 0x89, 0xC3, 0xB8, 1, 0, 0, 0, 0xCD, 0x80]));

    /// <summary>
    /// mprotect(the page, RWX); 200 times: call f through eax (an indirect call: the jump cache); then rewrite f's
    /// immediate and call it once more; exit with what f put in ebx. f: mov ebx, 1; ret — 2 after the rewrite.
    /// </summary>
    private string RewriteHotIndirectTarget()
    {
        const uint code = TinyElf.Base + 84, f = code + 58;
        byte[] B(uint v) => BitConverter.GetBytes(v);
        byte[] program =
        [
            0xB8, 125, 0, 0, 0, 0xBB, .. B(TinyElf.Base), 0xB9, 0, 0x10, 0, 0, 0xBA, 7, 0, 0, 0, 0xCD, 0x80, // mprotect(base, 4096, 7)
            0xBE, 200, 0, 0, 0,                 // mov esi, 200
            0xB8, .. B(f), 0xFF, 0xD0,          // loop: mov eax, f; call eax
            0x4E, 0x75, 0xF6,                   // dec esi; jnz loop
            0xC6, 0x05, .. B(f + 1), 2,         // mov byte [f + 1], 2
            0xB8, .. B(f), 0xFF, 0xD0,          // mov eax, f; call eax
            0xB8, 1, 0, 0, 0, 0xCD, 0x80,       // exit(ebx)
            0xBB, 1, 0, 0, 0, 0xC3,             // f: mov ebx, 1; ret
        ];
        Assert.Equal(58, Array.IndexOf(program, (byte)0xBB, 50));
        return TinyElf.Save(_dir.File("rewrite"), TinyElf.I386(program));
    }

    /// <summary>
    /// A hot unit reached through the jump cache, then rewritten, runs its new code, with and without a trace in its
    /// place: the code cache and the jump cache both forget it.
    /// </summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public void A_hot_unit_entered_through_the_jump_cache_and_then_rewritten_runs_its_new_code(string mode)
    {
        string program = RewriteHotIndirectTarget();
        // With --trace-len 1 the trace of f ends where f returns, so nothing enters it from the engine: only the jump cache leads to f.
        foreach (string[] options in new[] { Array.Empty<string>(), ["--threshold", "10"], ["--traces", "--threshold", "10"],
            ["--traces", "--threshold", "10", "--trace-len", "1"] })
        {
            var r = ChildProcess.RunHdbt(["--mode", mode, .. options, program]);
            Assert.True(r.ExitCode == 2, $"--mode {mode} {string.Join(' ', options)}: exit {r.ExitCode} (1: the old code ran), {r.Stderr}");
        }
    }

    private JsonElement Stats(string mode, string program, params string[] options)
    {
        string json = _dir.File($"{mode}-{Guid.NewGuid():N}.json");
        var r = ChildProcess.RunHdbt(["--mode", mode, "--stats-json", json, .. options, program]);
        Assert.True(r.ExitCode is 15 or 0, $"hdbt --mode {mode} exited {r.ExitCode}: {r.Stderr}");
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        return doc.RootElement.Clone();
    }

    [Theory]
    [MemberData(nameof(ModesWithoutTraces))]
    public void EveryBlockEntryIsCountedWhateverTheThreshold(string mode)
    {
        string program = LoopProgram();
        foreach (var (threshold, hot) in new[] { ("0", 0), ("1", 3), ("2", 1), ("4", 1), ("5", 0), ("50", 0) })
        {
            var s = Stats(mode, program, "--threshold", threshold, "--count-entries");
            Assert.Equal(3, s.GetProperty("blocks_translated").GetInt64());
            Assert.Equal(1 + 4 + 1, s.GetProperty("blocks_executed").GetInt64());
            Assert.Equal(5 + 3 * 4 + 3, s.GetProperty("guest_insns_executed").GetInt64());
            Assert.True(hot == s.GetProperty("hot_blocks").GetInt64(), $"threshold {threshold}: hot_blocks {s.GetProperty("hot_blocks")}, expected {hot}");
        }
    }

    /// <summary>On a real program the two backends count the same entries, hot blocks and jump-cache misses.</summary>
    [Fact]
    public void BackendsAgreeOnAWholeProgram()
    {
        string sha1 = WorkloadManifest.PathOf("bin/sha1");
        string[] keys = ["blocks_translated", "blocks_executed", "guest_insns_executed", "hot_blocks", "jump_cache_misses", "jump_cache_hits"];
        var reference = Stats("interp", sha1);
        Assert.True(reference.GetProperty("hot_blocks").GetInt64() > 10);
        foreach (var mode in ExecutionModes.BuiltWithoutTraces.Where(m => m != "interp"))
        {
            var s = Stats(mode, sha1, "--count-entries");
            foreach (var key in keys)
                Assert.True(reference.GetProperty(key).GetInt64() == s.GetProperty(key).GetInt64(),
                    $"{key}: interp {reference.GetProperty(key)}, {mode} {s.GetProperty(key)}");
        }
        // The trace-forming modes, with no threshold (so no traces): every block entry, as interp counts them.
        var noThreshold = Stats("interp", sha1, "--threshold", "0");
        foreach (var mode in ExecutionModes.Built.Except(ExecutionModes.BuiltWithoutTraces))
        {
            var s = Stats(mode, sha1, "--threshold", "0", "--count-entries");
            foreach (var key in keys)
                Assert.True(noThreshold.GetProperty(key).GetInt64() == s.GetProperty(key).GetInt64(),
                    $"{key} (--threshold 0): interp {noThreshold.GetProperty(key)}, {mode} {s.GetProperty(key)}");
        }
        // Entries survive flushes of a full code cache (counted before the code goes) and do not depend on linking.
        foreach (var options in new[] { new[] { "--code-cache-size", "128K" }, ["--no-link"] })
        {
            var s = Stats("tcg", sha1, [.. options, "--count-entries"]);
            if (options[0] == "--code-cache-size") Assert.True(s.GetProperty("code_cache_flushes").GetInt64() > 1);
            foreach (var key in new[] { "blocks_executed", "guest_insns_executed" })
                Assert.True(reference.GetProperty(key).GetInt64() == s.GetProperty(key).GetInt64(),
                    $"{key} with {string.Join(' ', options)}: interp {reference.GetProperty(key)}, tcg {s.GetProperty(key)}");
        }
    }

    /// <summary>By default tcg stops counting a block's entries once it is hot (its counter code patched out): the same hot blocks, no entry totals.</summary>
    [Fact]
    public void TcgStopsCountingAtTheThreshold()
    {
        string sha1 = WorkloadManifest.PathOf("bin/sha1");
        var reference = Stats("interp", sha1);
        var s = Stats("tcg", sha1);
        Assert.Equal(reference.GetProperty("hot_blocks").GetInt64(), s.GetProperty("hot_blocks").GetInt64());
        Assert.False(s.TryGetProperty("blocks_executed", out _));
        Assert.False(s.TryGetProperty("guest_insns_executed", out _));
    }

    /// <summary>The hook the trace recorder will use sees each hot unit once, at the threshold-th entry, before it runs.</summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public void HotHookSeesTheLoopOnce(string mode)
    {
        string path = LoopProgram();
        var seen = new List<(uint Pc, long Entries)>();
        var options = new EmulatorOptions { Mode = ExecutionModeTable.Find(mode)!.Value.Mode, Threshold = 3, Log = TextWriter.Null, Translator = new() { VerifyIr = true } };
        using var emulator = new Emulator(options);
        emulator.HotHook = unit => seen.Add((unit.GuestPc, unit.Entries));
        var result = emulator.Run(ElfFile.Load(path), path, [path], []);
        Assert.Equal(15, result.ExitStatus);
        // L starts after mov ecx, 5 (5 bytes) and xor eax, eax (2 bytes); two entries ran before the hot one.
        var (pc, entries) = Assert.Single(seen);
        Assert.Equal(TinyElf.Base + 52 + 32 + 7, pc);
        Assert.Equal(2, entries);
    }
}
