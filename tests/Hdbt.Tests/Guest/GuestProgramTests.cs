using Hdbt.Tests.Support;

namespace Hdbt.Tests.Guest;

/// <summary>Guest memory and code mechanics seen from guest programs: address space syscalls, self-modifying code, faults.</summary>
public sealed class GuestProgramTests
{
    [Fact]
    public void AddressSpaceOperationsMatchNative()
    {
        foreach (var mode in CommittedProgram.Modes)
        {
            using var dir = new TempDir();
            var r = CommittedProgram.Run("Guest", "memory", args: [dir.Path], mode: mode);
            Assert.True(r.ExitCode == 0, $"memory --mode {mode}: {r}");
            Assert.True(CommittedProgram.Expected("Guest", "memory.expected") == r.StdoutText, $"memory --mode {mode}: {r.StdoutText}");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("--one-insn-per-tb")]
    [InlineData("--no-opt")]
    // Traces: the loop that rewrites the code calls it, so a trace records the old code while the loop rewrites it.
    [InlineData("--traces --threshold 3")]
    [InlineData("--traces --threshold 3 --one-insn-per-tb")]
    public void SelfModifyingCodeIsRetranslated(string options) =>
        CommittedProgram.AssertMatchesNative("Guest", "smc", options.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    [Theory]
    [InlineData("null-call", 139, "SIGSEGV at pc 0x00000000, fault address 0x00000000")]
    [InlineData("write-ro", 139, "SIGSEGV")]
    [InlineData("exec-nx", 139, "SIGSEGV")]
    [InlineData("hlt", 139, "SIGSEGV")]
    [InlineData("int3", 133, "SIGTRAP")]
    [InlineData("stack-overflow", 139, "SIGSEGV")]
    [InlineData("none", 0, "")]
    public void FaultsAreReportedLikeLinux(string what, int status, string message)
    {
        string? reference = null;
        foreach (var mode in CommittedProgram.Modes)
        {
            var r = CommittedProgram.Run("Guest", "faults", args: [what], mode: mode);
            Assert.True(status == r.ExitCode, $"--mode {mode}: {r}");
            Assert.Contains(message, r.Stderr);
            if (status != 0) Assert.Single(r.Stderr.Trim().Split('\n'));
            // Every mode reports the same pc and fault address as the reference interpreter.
            reference ??= r.Stderr;
            Assert.Equal(reference, r.Stderr);
        }
    }
}
