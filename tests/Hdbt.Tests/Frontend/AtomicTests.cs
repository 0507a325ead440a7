using Hdbt.Tests.Support;

namespace Hdbt.Tests.Frontend;

/// <summary>xchg, cmpxchg, cmpxchg8b and xadd against the real CPU (committed program atomic, see Programs/build.sh).</summary>
public sealed class AtomicTests
{
    /// <summary>All sizes, register and memory forms, lock prefixes, compares that succeed and fail, flags clear and set.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("--one-insn-per-tb")]
    [InlineData("--no-opt")]
    public void InstructionsMatchNative(string option) =>
        CommittedProgram.AssertMatchesNative("Frontend", "atomic", option == "" ? [] : [option]);

    /// <summary>The destination is written even when the comparison fails, so a read-only page faults as on hardware.</summary>
    [Theory]
    [InlineData("ro-cmpxchg")]
    [InlineData("ro-cmpxchg8b")]
    [InlineData("ro-xadd")]
    public void ReadOnlyDestinationFaults(string mode)
    {
        foreach (var m in CommittedProgram.Modes)
        {
            var r = CommittedProgram.Run("Frontend", "atomic", args: [mode], mode: m);
            Assert.True(139 == r.ExitCode, $"--mode {m}: {r}");
            Assert.Contains("SIGSEGV", r.Stderr);
            Assert.Equal("", r.StdoutText);
        }
    }
}
