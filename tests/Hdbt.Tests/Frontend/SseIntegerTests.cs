using Hdbt.Tests.Support;
using Xunit;

namespace Hdbt.Tests.Frontend;

/// <summary>
/// SSE2 and MMX integer SIMD, logic, shuffles and data movement against the native run
/// (Programs/sse_int.c), and SSE faults: misaligned 16-byte operands and reserved MXCSR bits
/// (#GP, SIGSEGV), unmasked SIMD exceptions (SIGFPE) (Programs/sse_fault.c).
/// </summary>
public sealed class SseIntegerTests
{
    [Theory]
    [InlineData("int")]
    [InlineData("mmx")]
    [InlineData("move")]
    public void MatchesNative(string group) =>
        CommittedProgram.AssertMatchesNative("Frontend", "sse_int", args: [group], expectedFile: $"sse_int.{group}.expected");

    [Theory]
    [InlineData("movaps", 128 + 11)]
    [InlineData("movdqa_st", 128 + 11)]
    [InlineData("addps", 128 + 11)]
    [InlineData("pxor", 128 + 11)]
    [InlineData("ldmxcsr", 128 + 11)]
    [InlineData("mxcsr_mm", 128 + 11)]
    [InlineData("clflush", 128 + 11)]
    [InlineData("divss", 128 + 8)]
    [InlineData("cvtsi2ss", 128 + 8)]
    [InlineData("unaligned_ok", 0)]
    public void FaultsAsNative(string what, int status)
    {
        var native = NativeOracle.Run("Frontend", "sse_fault", [what]);
        Assert.True(native.ExitCode == status, $"{what} natively ({NativeOracle.Description}): expected status {status}, {native}");
        // tcg too: inline SSE code must not hide an unmasked exception, nor a misaligned operand's #GP.
        foreach (var mode in CommittedProgram.Modes)
        {
            var r = CommittedProgram.Run("Frontend", "sse_fault", args: [what], mode: mode);
            Assert.True(r.ExitCode == status, $"{what} --mode {mode}: {r}");
            Assert.True(native.StdoutText == r.StdoutText, NativeOracle.FirstDifference($"{what} --mode {mode}", native.StdoutText, r.StdoutText));
            if (status == 128 + 8) Assert.Contains("unmasked SIMD floating-point exception", r.Stderr);
        }
    }
}
