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
