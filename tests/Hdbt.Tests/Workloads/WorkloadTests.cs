using Hdbt.Tests.Support;

namespace Hdbt.Tests.Workloads;

/// <summary>Every workload at its test size, and every small test program, produce exactly the committed reference output and status.</summary>
public sealed class WorkloadTests
{
    /// <summary>The modes every workload and test program runs under.</summary>
    private static readonly string[] s_modes = ExecutionModes.Built;

    public static TheoryData<string, string> WorkloadNames() => WithModes(WorkloadManifest.Workloads().Select(w => w.Name));

    public static TheoryData<string, string> TestProgramNames() => WithModes(WorkloadManifest.Tests().Select(t => t.Name));

    private static TheoryData<string, string> WithModes(IEnumerable<string> names)
    {
        var data = new TheoryData<string, string>();
        foreach (var n in names)
            foreach (var m in s_modes) data.Add(n, m);
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
