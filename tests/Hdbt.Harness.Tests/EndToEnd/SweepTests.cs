using System.Text.Json;
using Hdbt.Harness.Output;
using Hdbt.Harness.Sweep;
using Hdbt.Harness.Tests.Support;
using HostAbi = Hdbt.Host.HostAbi;
using Hdbt.Host;

namespace Hdbt.Harness.Tests.EndToEnd;

/// <summary>Whole sweeps through the harness's entry point, with real processes.</summary>
[Collection("sweeps")]
public sealed class SweepTests
{
    /// <summary>The hdbt that building bench.sln produced (the harness references the emulator project).</summary>
    private static string Hdbt()
    {
        var p = Path.Combine(RepoPaths.Root, "emulator", "bin", "Release", "net10.0", "hdbt");
        Assert.True(File.Exists(p), $"build the solution in Release first ({p} is missing)");
        return p;
    }

    private static int Harness(params string[] args) => Program.Main([.. args, "--no-progress"]);

    [Fact]
    [Trait("Category", "Long")]
    public void QuickSweepOnTwoWorkloadsThenResumeShardAndMerge()
    {
        using var dir = new TempDir();
        string out1 = dir.File("quick");
        Assert.Equal(0, Harness("--sweep", "--profile", "quick", "--workloads", "nqueens,fannkuch", "--reps", "2", "--warmup", "1", "--out", out1, "--hdbt", Hdbt()));

        var folder = new ResultsFolder(out1);
        var def = folder.LoadDefinition();
        var runs = folder.LoadRuns();
        Assert.Equal(def.Plan().Count, runs.Count);
        Assert.All(runs, r => Assert.True(r.Valid, $"{r.PointId}: {r.InvalidReason}"));
        Assert.All(runs.Where(r => r.Mode is not ("native" or "native64" or "qemu")), r => Assert.True(r.WallSeconds > 0 && r.MaxRssKiB > 1000));
        // The programs' own peaks: a static native program's is far below a .NET translator's.
        if (runs.Any(r => r.Mode == "native64"))
            Assert.True(runs.Where(r => r.Mode == "native64").Max(r => r.MaxRssKiB) * 5 < runs.Where(r => r.Mode == "tcg").Min(r => r.MaxRssKiB));
        var summary = CsvFiles.Read<SummaryRecord>(folder.SummaryCsv);
        // The native row exists where the host's kernel executes i386 programs (hdbt's probe says so); elsewhere the notes say why not.
        if (HostAbi.CanExecI386) Assert.Contains(summary, s => s is { Workload: "geomean", Mode: "native" } && s.Speedup > 1);
        else Assert.Contains(File.ReadAllLines(folder.NotesTxt), n => n.StartsWith($"native: skipped: {HostAbi.NoNativeI386Reason}", StringComparison.Ordinal));
        Assert.All(summary.Where(s => s.Workload != "geomean"), s => Assert.Equal(2, s.N));
        Assert.Contains(CsvFiles.Read<StatRecord>(folder.StatsCsv), s => s.Counter == "guest_insns_executed" && s.Median > 0);
        Assert.True(File.Exists(Path.Combine(out1, "plots", "speedup-per-workload.svg")));
        using (var env = JsonDocument.Parse(File.ReadAllText(folder.EnvJson)))
        {
            foreach (var key in new[] { "cpu_model", "logical_cores", "kernel", "dotnet", "qemu_i386", "git_commit", "profile", "command_line" })
                Assert.True(env.RootElement.TryGetProperty(key, out _), key);
            // The plain build is measured here: env.json and notes.txt name it as not the binary users run.
            Assert.Equal("jit", env.RootElement.GetProperty("hdbt_build").GetString());
            Assert.Contains(File.ReadAllLines(folder.NotesTxt), n => n.StartsWith("HDBT BUILD: hdbt is the jit build given by --hdbt, not NativeAOT", StringComparison.Ordinal));
        }

        // Resume: drop the last runs as an interrupted sweep would have them missing; --resume runs exactly those.
        var kept = runs.OrderBy(r => r.RunId).Take(runs.Count - 3).ToList();
        folder.WriteRuns(kept);
        Assert.Equal(0, Harness("--resume", out1, "--hdbt", Hdbt()));
        var resumed = folder.LoadRuns();
        Assert.Equal(runs.Select(r => r.RunId).Order(), resumed.Select(r => r.RunId).Order());
        Assert.Equal(kept.Select(r => r.StartedUtc), resumed.OrderBy(r => r.RunId).Take(kept.Count).Select(r => r.StartedUtc));

        // Shards and merge: the union of two shards is the whole grid.
        string s1 = dir.File("s1"), s2 = dir.File("s2"), merged = dir.File("merged");
        string[] common = ["--profile", "quick", "--workloads", "nqueens,fannkuch", "--reps", "1", "--warmup", "0", "--baselines", "native", "--hdbt", Hdbt()];
        Assert.Equal(0, Harness([.. common, "--shard", "1/2", "--out", s1]));
        Assert.Equal(0, Harness([.. common, "--shard", "2/2", "--out", s2]));
        Assert.Equal(0, Harness("--merge", s1, s2, "--out", merged));
        var m = new ResultsFolder(merged);
        var mruns = m.LoadRuns();
        Assert.Equal(new ResultsFolder(s1).LoadRuns().Count + new ResultsFolder(s2).LoadRuns().Count, mruns.Count);
        Assert.Equal(mruns.Count, mruns.Select(r => r.RunId).Distinct().Count());
        var points = m.LoadDefinition().Points().Select(p => p.Id).Order().ToList();
        Assert.Equal(points, mruns.Select(r => r.PointId).Distinct().Order());
        Assert.Contains(CsvFiles.Read<SummaryRecord>(m.SummaryCsv), s => s.Workload == "geomean");

        // A sweep split by workload (disjoint lists) merges into one with both.
        string w1 = dir.File("w1"), w2 = dir.File("w2"), both = dir.File("both");
        string[] one = ["--profile", "quick", "--reps", "1", "--warmup", "0", "--baselines", "native", "--hdbt", Hdbt()];
        Assert.Equal(0, Harness([.. one, "--workloads", "nqueens", "--out", w1]));
        Assert.Equal(0, Harness([.. one, "--workloads", "fannkuch", "--out", w2]));
        Assert.Equal(0, Harness("--merge", w1, w2, "--out", both));
        var b = new ResultsFolder(both);
        Assert.Equal(["nqueens", "fannkuch"], b.LoadDefinition().Workloads);
        Assert.Equal(b.LoadDefinition().Points().Select(p => p.Id).Order(), b.LoadRuns().Select(r => r.PointId).Distinct().Order());
        // Overlapping workload lists that are not the same list are not parts of one sweep.
        Assert.NotEqual(0, Harness("--merge", w1, both, "--out", dir.File("bad")));

        // --plot redraws from the folder alone.
        File.Delete(Path.Combine(merged, "plots", "speedup-per-workload.svg"));
        Assert.Equal(0, Harness("--plot", merged));
        Assert.True(File.Exists(Path.Combine(merged, "plots", "speedup-per-workload.svg")));
    }

    /// <summary>
    /// A stand-in for hdbt with two built modes: tcg prints the workload's expected output, interp something
    /// else; it answers --host-info with <paramref name="hostInfo"/>.
    /// </summary>
    private static string FakeHdbt(TempDir dir, string hostInfo, string tcgDelay = "")
    {
        var fake = dir.File("hdbt");
        string expected = new WorkloadManifest(RepoPaths.Manifest).Get("nqueens", "test").ExpectedStdoutPath;
        File.WriteAllText(fake, $$"""
            #!/bin/sh
            case "$1" in
                --list-modes) printf 'interp\tbuilt\tblocks\t-\ntcg\tbuilt\tblocks\t-\n'; exit 0 ;;
                --version) echo fake; exit 0 ;;
                --host-info) printf '%s\n' '{{hostInfo.Replace("\n", "' '", StringComparison.Ordinal)}}'; exit 0 ;;
                --mode) [ "$2" = tcg ] && { {{tcgDelay}} exec cat '{{expected}}'; } ;;
            esac
            echo 'not the expected output'
            """ + "\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        return fake;
    }

    /// <summary>
    /// Wrong output makes runs invalid, keeps them out of every statistic and figure, and leaves the valid
    /// rows alone. The stand-in hdbt answers --host-info as this host's real probe does, so the native row
    /// runs where the host executes i386 programs and is skipped, with hdbt's reason, where it does not.
    /// </summary>
    [Fact]
    public void WrongOutputMakesRunsInvalidAndKeepsThemOutOfTheStatistics()
    {
        using var dir = new TempDir();
        var fake = FakeHdbt(dir, HostAbi.Describe());
        string out1 = dir.File("bad");
        Assert.Equal(1, Harness("--profile", "quick", "--workloads", "nqueens", "--reps", "2", "--warmup", "0", "--baselines", "native", "--out", out1, "--hdbt", fake));
        var folder = new ResultsFolder(out1);
        var runs = folder.LoadRuns();
        Assert.Equal(2, runs.Count(r => r.Mode == "interp"));
        Assert.All(runs.Where(r => r.Mode == "interp"), r => Assert.Contains("stdout differs", r.InvalidReason));
        Assert.Equal(2, runs.Count(r => r.Mode == "tcg" && r.Valid));
        var summary = CsvFiles.Read<SummaryRecord>(folder.SummaryCsv);
        var interp = summary.Single(s => s is { Workload: "nqueens", Mode: "interp" });
        Assert.Equal(0, interp.N);
        Assert.Equal(2, interp.NInvalid);
        Assert.Null(interp.WallMedian);
        Assert.Null(interp.Speedup);
        Assert.Equal(2, summary.Single(s => s is { Workload: "nqueens", Mode: "tcg" }).N);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(out1, "failures")));
        var notes = File.ReadAllLines(folder.NotesTxt);
        Assert.Contains(notes, n => n.StartsWith("INVALID", StringComparison.Ordinal));
        if (HostAbi.CanExecI386)
        {
            Assert.Equal(2, runs.Count(r => r.Mode == "native" && r.Valid));
            Assert.NotNull(summary.Single(s => s is { Workload: "nqueens", Mode: "native" }).Speedup);
        }
        else
        {
            Assert.DoesNotContain(runs, r => r.Mode == "native");
            Assert.Contains(notes, n => n == $"native: skipped: {HostAbi.NoNativeI386Reason}; the sweep has no native row and no speedup over native");
        }
    }

    /// <summary>
    /// The harness takes hdbt's word for what the host runs: told that the kernel does not execute i386
    /// programs, it skips the native row and says why in notes.txt and env.json, whatever this host is.
    /// </summary>
    [Fact]
    public void NativeIsSkippedWithHdbtsReasonWhenTheHostRunsNoI386Programs()
    {
        using var dir = new TempDir();
        var fake = FakeHdbt(dir, "i386-exec: no (execve failed: Exec format error)\nint80: no (the probe was killed by SIGSEGV)");
        string out1 = dir.File("no-native");
        Assert.Equal(0, Harness("--profile", "quick", "--workloads", "nqueens", "--modes", "tcg", "--reps", "1", "--warmup", "0", "--baselines", "native", "--out", out1, "--hdbt", fake));
        var folder = new ResultsFolder(out1);
        Assert.Equal(["tcg"], folder.LoadRuns().Select(r => r.Mode).Distinct());
        Assert.Equal(["native"], folder.LoadDefinition().SkippedModes);
        const string Reason = "this host's kernel does not execute i386 programs (execve failed: Exec format error)";
        Assert.Contains($"native: skipped: {Reason}; the sweep has no native row and no speedup over native", File.ReadAllLines(folder.NotesTxt));
        using var env = JsonDocument.Parse(File.ReadAllText(folder.EnvJson));
        Assert.Equal("no (execve failed: Exec format error)", env.RootElement.GetProperty("host_i386_exec").GetString());
        Assert.Equal("no (the probe was killed by SIGSEGV)", env.RootElement.GetProperty("host_int80").GetString());
        Assert.StartsWith($"native: skipped: {Reason}", env.RootElement.GetProperty("native_baseline").GetString());
        Assert.Equal("unknown", env.RootElement.GetProperty("hdbt_build").GetString());
        Assert.Equal("hdbt is the unknown build given by --hdbt, not NativeAOT", env.RootElement.GetProperty("hdbt_build_fallback").GetString());
        // A native baseline cannot be had here: an error that says why, before any run.
        Assert.Equal(2, Harness("--profile", "quick", "--workloads", "nqueens", "--modes", "tcg", "--baseline", "native", "--out", dir.File("never"), "--hdbt", fake));
        Assert.False(Directory.Exists(dir.File("never")));
    }

    /// <summary>
    /// SIGTERM (Slurm at a time limit, kill) ends a sweep like Ctrl-C: a message, the folder written with its
    /// figures, no .scratch/ left, exit status 143 and a resumable plan; the run it cut short is not recorded.
    /// </summary>
    [Fact]
    public async Task SigtermWritesEverythingAndLeavesAResumableFolder()
    {
        using var dir = new TempDir();
        var fake = FakeHdbt(dir, HostAbi.Describe(), tcgDelay: "sleep 0.4;");
        string out1 = dir.File("term");
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "--profile", "quick", "--workloads", "nqueens", "--modes", "tcg",
            "--baselines", "", "--reps", "20", "--warmup", "0", "--out", out1, "--hdbt", fake, "--no-progress"])
        { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        var runsCsv = Path.Combine(out1, "runs.csv");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((!File.Exists(runsCsv) || File.ReadAllLines(runsCsv).Length < 3) && DateTime.UtcNow < deadline) await Task.Delay(100);
        await System.Diagnostics.Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExitAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(limit.Token);
        string output = await stdout, errors = await stderr;
        Assert.True(143 == p.ExitCode, $"exit {p.ExitCode}: {output} {errors}");
        Assert.Contains("stopped by SIGTERM", output);
        Assert.Contains("--resume", output);
        Assert.False(Directory.Exists(Path.Combine(out1, ".scratch")));
        var folder = new ResultsFolder(out1);
        var runs = folder.LoadRuns();
        Assert.InRange(runs.Count, 2, folder.LoadDefinition().Plan().Count - 1);
        Assert.All(runs, r => Assert.True(r.Valid, r.InvalidReason));
        Assert.True(File.Exists(folder.SummaryCsv));
        Assert.True(File.Exists(Path.Combine(out1, "plots", "peak-memory.png")));
    }
}
