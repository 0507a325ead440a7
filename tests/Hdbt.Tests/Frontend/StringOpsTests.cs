using Hdbt.Tests.Support;

namespace Hdbt.Tests.Frontend;

/// <summary>
/// movs, stos, lods, cmps and scas against the real CPU: committed programs (sources and build.sh
/// in Programs/) whose native output is the expected one.
/// </summary>
public sealed class StringOpsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// Every prefix, size and direction; zero counts; repe/repne early exits; overlapping copies;
    /// segment overrides; 16-bit addressing; setcc after a rep loop; loops of 256 KiB.
    /// </summary>
    [Theory]
    [InlineData("")]
    [InlineData("--one-insn-per-tb")]
    [InlineData("--no-opt")]
    public void InstructionsMatchNative(string option) =>
        CommittedProgram.AssertMatchesNative("Frontend", "string_ops", option == "" ? [] : [option]);

    /// <summary>glibc's memcpy, memmove, memset, strlen, strcmp, strchr, memchr... (the SSE2 versions hdbt's CPUID selects) over sizes and alignments.</summary>
    [Fact]
    public void GlibcStringFunctionsMatchNative() =>
        CommittedProgram.AssertMatchesNative("Frontend", "string_libc");

    /// <summary>
    /// Iced names the SSE2 movsd and cmpsd like the string instructions: they must run as SSE (a
    /// string movsd/cmpsd from ESI = EDI = 0 would fault), then exit(0).
    /// </summary>
    [Theory]
    [InlineData(new byte[] { 0xF2, 0x0F, 0x10, 0xC1 })]
    [InlineData(new byte[] { 0xF2, 0x0F, 0xC2, 0xC1, 0x00 })]
    public void SseFormsRunAsSse(byte[] code)
    {
        var path = TinyElf.Save(_dir.File("sse"), TinyElf.I386([.. code, .. TinyElf.ExitCode(0)]));
        var r = ChildProcess.RunHdbt([path]);
        Assert.True(r.ExitCode == 0, r.ToString());
    }

    /// <summary>A rep prefix on a non-string instruction is ignored: gcc's "repz ret".</summary>
    [Fact]
    public void RepzRetReturns()
    {
        const uint entry = TinyElf.Base + 84;
        uint target = entry + 7;
        // push target; repz ret; target: exit(7)
        byte[] code = [0x68, (byte)target, (byte)(target >> 8), (byte)(target >> 16), (byte)(target >> 24), 0xF3, 0xC3,
            .. TinyElf.ExitCode(7)];
        var path = TinyElf.Save(_dir.File("repzret"), TinyElf.I386(code));
        var r = ChildProcess.RunHdbt([path]);
        Assert.Equal(7, r.ExitCode);
        Assert.Equal("", r.Stderr);
    }
}
