using Hdbt.Tests.Support;

namespace Hdbt.Tests.Guest;

/// <summary>
/// The smcstress guest program (Guest/Programs/smcstress.c): code rewritten at one address with other
/// lengths, a running block patching its own instructions in a loop, a rewritten neighbour, a page-straddling
/// instruction, mprotect RW/RX rounds. Each part is checked on its own (smcstress PART) against the native
/// output, so a failure names the mechanism. A mode is one InlineData row.
/// </summary>
public sealed class SmcStressTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("interp", 1)]
    [InlineData("interp", 2)]
    [InlineData("interp", 3)]
    [InlineData("interp", 4)]
    [InlineData("interp", 5)]
    [InlineData("interp", 6)]
    [InlineData("tcg", 1)]
    [InlineData("tcg", 2)]
    [InlineData("tcg", 3)]
    [InlineData("tcg", 4)]
    [InlineData("tcg", 5)]
    [InlineData("tcg", 6)]
    public void PartMatchesNative(string mode, int part) => AssertMatches(mode, [part.ToString()], $"smcstress.{part}.expected");

    /// <summary>tcg with every store checked inline (the slow path invalidates code) instead of write-protected code pages.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void PartMatchesNativeWithCheckedStores(int part) => AssertMatches("tcg", [part.ToString()], $"smcstress.{part}.expected", "--checked-stores");

    /// <summary>tcg's stores into code are plain host stores that fault on the write-protected page and are counted.</summary>
    [Fact]
    public void DirectStoresIntoCodeFaultOnTheWriteProtectedPage()
    {
        using var dir = new TempDir();
        string json = dir.File("stats.json");
        var r = ChildProcess.RunHdbt(["--mode", "tcg", "--stats-json", json, CommittedProgram.PathOf("Guest", "smcstress"), "2"], timeout: s_timeout);
        Assert.True(r.ExitCode == 0, r.ToString());
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
        Assert.True(doc.RootElement.GetProperty("code_write_faults").GetInt64() > 0, "no store into code went through the host fault handler");
        Assert.True(doc.RootElement.GetProperty("blocks_invalidated").GetInt64() > 0);
        var checkedRun = ChildProcess.RunHdbt(["--mode", "tcg", "--checked-stores", "--stats-json", json, CommittedProgram.PathOf("Guest", "smcstress"), "2"], timeout: s_timeout);
        Assert.True(checkedRun.ExitCode == 0, checkedRun.ToString());
        using var checkedDoc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
        Assert.False(checkedDoc.RootElement.TryGetProperty("code_write_faults", out _));
    }

    /// <summary>The whole program without the optimizer: the translator's SMC mechanics alone.</summary>
    [Theory]
    [InlineData("interp")]
    [InlineData("tcg")]
    public void WholeProgramMatchesNativeWithoutOptimizer(string mode) => AssertMatches(mode, [], "smcstress.expected", "--no-opt");

    private static void AssertMatches(string mode, string[] args, string expectedFile, params string[] options)
    {
        var r = ChildProcess.RunHdbt(["--mode", mode, .. options, CommittedProgram.PathOf("Guest", "smcstress"), .. args], timeout: s_timeout);
        Assert.False(r.TimedOut, $"smcstress {string.Join(' ', args)} under {mode} did not finish in {s_timeout.TotalSeconds} s");
        Assert.True(r.ExitCode == 0, $"smcstress {string.Join(' ', args)}: {r}");
        Assert.Equal(CommittedProgram.Expected("Guest", expectedFile), r.StdoutText);
    }
}
