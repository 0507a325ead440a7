using Hdbt.Tests.Support;
using Xunit;

namespace Hdbt.Tests.Frontend;

/// <summary>
/// Rounding modes, precision control, FTZ/DAZ and floating-point exception flags through glibc's
/// fenv.h and the raw control/status registers (fnstcw, fnstsw, stmxcsr), in an x87 build and an
/// SSE2 build of Programs/fpround.c, against their native outputs.
/// </summary>
public sealed class FpRoundTests
{
    [Theory]
    [InlineData("fpround_x87")]
    [InlineData("fpround_sse2")]
    public void MatchesNative(string program) => CommittedProgram.AssertMatchesNative("Frontend", program);

    /// <summary>The same without the IR optimizer and one instruction per block: control/status state survives block ends.</summary>
    [Theory]
    [InlineData("fpround_x87")]
    [InlineData("fpround_sse2")]
    public void MatchesNativeWithoutOptimizerOneInsnPerBlock(string program) =>
        CommittedProgram.AssertMatchesNative("Frontend", program, hdbtOptions: ["--no-opt", "--one-insn-per-tb"]);
}
