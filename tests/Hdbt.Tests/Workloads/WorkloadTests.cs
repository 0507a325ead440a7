using Hdbt.Tests.Support;

namespace Hdbt.Tests.Workloads;

/// <summary>Every workload at its test size, and every small test program, produce exactly the committed reference output and status.</summary>
public sealed class WorkloadTests
{
    /// <summary>The modes every workload and test program runs under.</summary>
    private static readonly string[] s_modes = ExecutionModes.Built;

    public static TheoryData<string, string> WorkloadNames() => WithModes(WorkloadManifest.Workloads().Select(w => w.Name));

    public static TheoryData<string, string> TestProgramNames() => WithModes(WorkloadManifest.Tests().Select(t => t.Name));

    private static TheoryData<string, string> WithModes(IEnumerable<string> names, string[]? modes = null)
    {
        var data = new TheoryData<string, string>();
        foreach (var n in names)
            foreach (var m in modes ?? s_modes) data.Add(n, m);
        return data;
    }

    /// <summary>Test programs light enough to run a second time with one instruction per block and no optimizer
    /// (strings executes about 500 million guest instructions: its paths are covered by the default run).</summary>
    public static TheoryData<string, string> LightTestProgramNames() =>
        WithModes(WorkloadManifest.Tests().Select(t => t.Name).Where(n => n != "strings"));

    [Theory]
    [MemberData(nameof(WorkloadNames))]
    public void WorkloadAtTestSizeMatchesReference(string name, string mode)
    {
        var w = WorkloadManifest.Workloads().Single(x => x.Name == name);
        var (args, expected) = w.Sizes["test"];
        var r = ChildProcess.RunHdbt(["--mode", mode, WorkloadManifest.PathOf(w.Binary), .. args]);
        Assert.True(r.ExitCode == w.ExpectedStatus, $"{name}: exit {r.ExitCode}, stderr: {r.Stderr}");
        Assert.Equal(File.ReadAllText(WorkloadManifest.PathOf(expected)), r.StdoutText);
    }

    /// <summary>
    /// Trace formation on its own (<c>--traces</c>) in the built modes that do not form traces themselves, at a low
    /// threshold so that short runs make many traces: the traces (stitched, reoptimized, run by the mode's backend) must
    /// not change a byte of the output. The trace-forming modes run the plain tests above.
    /// </summary>
    public static TheoryData<string, string> WorkloadNamesWithTraces() =>
        WithModes(WorkloadManifest.Workloads().Select(w => w.Name), ExecutionModes.BuiltWithoutTraces);

    public static TheoryData<string, string> TestProgramNamesWithTraces() =>
        WithModes(WorkloadManifest.Tests().Select(t => t.Name), ExecutionModes.BuiltWithoutTraces);

    /// <summary>The trace options the tests use: hot after 3 entries, traces of up to 16 blocks.</summary>
    private static readonly string[] s_traceOptions = ["--traces", "--threshold", "3"];

    [Theory]
    [MemberData(nameof(WorkloadNamesWithTraces))]
    public void WorkloadAtTestSizeMatchesReferenceWithTraces(string name, string mode)
    {
        var w = WorkloadManifest.Workloads().Single(x => x.Name == name);
        var (args, expected) = w.Sizes["test"];
        using var dir = new TempDir();
        string json = Path.Combine(dir.Path, "stats.json");
        var r = ChildProcess.RunHdbt(["--mode", mode, .. s_traceOptions, "--stats-json", json, WorkloadManifest.PathOf(w.Binary), .. args]);
        Assert.True(r.ExitCode == w.ExpectedStatus, $"{name}: exit {r.ExitCode}, stderr: {r.Stderr}");
        Assert.Equal(File.ReadAllText(WorkloadManifest.PathOf(expected)), r.StdoutText);
        using var stats = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
        Assert.True(stats.RootElement.GetProperty("traces").GetInt64() > 0, $"{name} --mode {mode}: no trace formed");
    }

    [Theory]
    [MemberData(nameof(TestProgramNamesWithTraces))]
    public void TestProgramMatchesReferenceWithTraces(string name, string mode) => RunTestProgram(name, mode, s_traceOptions);

    [Theory]
    [MemberData(nameof(TestProgramNames))]
    public void TestProgramMatchesReference(string name, string mode) => RunTestProgram(name, mode, []);

    [Theory]
    [MemberData(nameof(LightTestProgramNames))]
    public void TestProgramMatchesReferenceWithoutOptimizerAndOneInsnPerBlock(string name, string mode) =>
        RunTestProgram(name, mode, ["--no-opt", "--one-insn-per-tb"]);

    private static void RunTestProgram(string name, string mode, string[] hdbtOptions)
    {
        var t = WorkloadManifest.Tests().Single(x => x.Name == name);
        using var dir = new TempDir();
        string[] args = t.NeedsTmpdir ? [dir.Path, .. t.Args] : t.Args;
        string? stdin = t.Stdin != null ? File.ReadAllText(WorkloadManifest.PathOf(t.Stdin)) : null;
        var r = ChildProcess.RunHdbt(["--mode", mode, .. hdbtOptions, WorkloadManifest.PathOf(t.Binary), .. args],
            stdin: stdin, env: new Dictionary<string, string>(t.Env));
        Assert.True(r.ExitCode == t.ExpectedStatus, $"{name} --mode {mode}: exit {r.ExitCode} (expected {t.ExpectedStatus}), stderr: {r.Stderr}");
        Assert.Equal(File.ReadAllText(WorkloadManifest.PathOf(t.ExpectedStdout)), r.StdoutText);
    }
}
