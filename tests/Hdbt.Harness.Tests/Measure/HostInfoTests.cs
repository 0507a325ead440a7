using Hdbt.Harness.Measure;
using HostAbi = Hdbt.Host.HostAbi;
using Hdbt.Host;

namespace Hdbt.Harness.Tests.Measure;

/// <summary>The harness reads hdbt's --host-info answer, the one verdict on what this host runs.</summary>
public sealed class HostInfoTests
{
    [Fact]
    public void TheProbesAnswerIsParsed()
    {
        var h = HostInfo.Parse("i386-exec: no (execve failed: Exec format error)\nint80: no (the probe was killed by SIGSEGV)\n");
        Assert.NotNull(h);
        Assert.False(h.CanExecI386);
        Assert.Equal("execve failed: Exec format error", h.ExecDetail);
        Assert.False(h.HasInt80);
        Assert.Equal("the probe was killed by SIGSEGV", h.Int80Detail);
        Assert.Equal("this host's kernel does not execute i386 programs (execve failed: Exec format error)", h.NoNativeI386Reason);
        var yes = HostInfo.Parse("i386-exec: yes (a static i386 program ran)\nint80: yes (int 0x80 getpid answered)");
        Assert.True(yes is { CanExecI386: true, HasInt80: true, ExecDetail: "a static i386 program ran" });
    }

    [Theory]
    [InlineData("")]
    [InlineData("usage: hdbt [options] program [args...]")]
    [InlineData("i386-exec: yes (a static i386 program ran)")]
    [InlineData("i386-exec: maybe (?)\nint80: yes (ok)")]
    public void AnythingElseIsNoAnswer(string text) => Assert.Null(HostInfo.Parse(text));

    /// <summary>The real hdbt's answer is what HostAbi, in this process, finds (both probe the same kernel).</summary>
    [Fact]
    public void HdbtAnswersAsHostAbi()
    {
        var hdbt = Path.Combine(Hdbt.Harness.Sweep.RepoPaths.Root, "emulator", "bin", "Release", "net10.0", "hdbt");
        Assert.True(File.Exists(hdbt), $"build the solution in Release first ({hdbt} is missing)");
        var h = HostInfo.Ask(hdbt);
        Assert.NotNull(h);
        Assert.Equal(HostAbi.CanExecI386, h.CanExecI386);
        Assert.Equal(HostAbi.HasInt80, h.HasInt80);
        Assert.Equal(HostAbi.ExecDetail, h.ExecDetail);
    }
}
