using Hdbt.Tests.Support;
using Xunit;

namespace Hdbt.Tests.Frontend;

/// <summary>
/// SSE/SSE2 floating-point arithmetic, min/max, sqrt and compares against the native run: every
/// form over edge values under every MXCSR rounding mode with FTZ/DAZ, comparing result bits and
/// MXCSR's sticky flags (Programs/sse_fp.c); and randomized runs on the real CPU and under hdbt (Programs/sse_rand.c, <see cref="NativeOracle"/>).
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

    /// <summary>
    /// Runs sse_rand on the real CPU (<see cref="NativeOracle"/>: natively, or its x86-64 build on a
    /// host without i386 support) and under hdbt; on a mismatch, shows the first differing case.
    /// </summary>
    private static void AssertRandomMatchesNative(uint seed, int count)
    {
        string[] args = [seed.ToString(), count.ToString()];
        var native = NativeOracle.Run("Frontend", "sse_rand", args);
        Assert.True(native.ExitCode == 0, $"native ({NativeOracle.Description}): {native}");
        var emulated = CommittedProgram.Run("Frontend", "sse_rand", args: args);
        Assert.True(emulated.ExitCode == 0, $"hdbt: {emulated}");
        if (native.StdoutText == emulated.StdoutText) return;
        var nv = NativeOracle.Run("Frontend", "sse_rand", [.. args, "-v"]).StdoutText;
        var ev = CommittedProgram.Run("Frontend", "sse_rand", args: [.. args, "-v"]).StdoutText;
        Assert.Fail(NativeOracle.FirstDifference($"sse_rand seed {seed}, case by case", nv, ev));
    }
}
