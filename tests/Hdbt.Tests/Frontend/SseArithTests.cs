using Hdbt.Tests.Support;
using Xunit;

namespace Hdbt.Tests.Frontend;

/// <summary>
/// SSE/SSE2 floating-point arithmetic, min/max, sqrt and compares against the native run: every
/// form over edge values under every MXCSR rounding mode with FTZ/DAZ, comparing result bits and
/// MXCSR's sticky flags (Programs/sse_fp.c); and randomized native-vs-hdbt runs (Programs/sse_rand.c).
/// </summary>
public sealed class SseArithTests
{
    [Theory]
    [InlineData("f32")]
    [InlineData("f64")]
    [InlineData("cmp")]
    public void MatchesNative(string group) =>
        CommittedProgram.AssertMatchesNative("Frontend", "sse_fp", args: [group], expectedFile: $"sse_fp.{group}.expected");

    [Theory]
    [InlineData(1u, 20_000)]
    [InlineData(0xC0FFEEu, 20_000)]
    public void RandomCasesMatchNative(uint seed, int count) => AssertRandomMatchesNative(seed, count);

    [Theory]
    [Trait("Category", "Long")]
    [InlineData(7u, 1_000_000)]
    [InlineData(0x5EEDu, 1_000_000)]
    public void ManyRandomCasesMatchNative(uint seed, int count) => AssertRandomMatchesNative(seed, count);

    /// <summary>Runs sse_rand natively (this host is the oracle) and under hdbt; on a mismatch, shows the first differing case.</summary>
    private static void AssertRandomMatchesNative(uint seed, int count)
    {
        string program = CommittedProgram.PathOf("Frontend", "sse_rand");
        string[] args = [seed.ToString(), count.ToString()];
        var native = ChildProcess.Run(program, args);
        Assert.True(native.ExitCode == 0, $"native: {native}");
        var emulated = CommittedProgram.Run("Frontend", "sse_rand", args: args);
        Assert.True(emulated.ExitCode == 0, $"hdbt: {emulated}");
        if (native.StdoutText == emulated.StdoutText) return;
        var nv = ChildProcess.Run(program, [.. args, "-v"]).StdoutText.Split('\n');
        var ev = CommittedProgram.Run("Frontend", "sse_rand", args: [.. args, "-v"]).StdoutText.Split('\n');
        int i = 0;
        while (i < nv.Length && i < ev.Length && nv[i] == ev[i]) i++;
        Assert.Fail($"seed {seed}: case {i} differs\n  native: {(i < nv.Length ? nv[i] : "")}\n  hdbt:   {(i < ev.Length ? ev[i] : "")}");
    }
}
