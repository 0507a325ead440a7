using System.Text.RegularExpressions;
using Hdbt.Cli;
using Hdbt.Linux;
using Hdbt.Tests.Support;
using Hdbt.Host;

namespace Hdbt.Tests.Linux;

/// <summary>
/// A host fault that is an hdbt bug never ends hdbt with a bare signal: the command prints one line and
/// exits with status 70, in every mode. The faults are made on purpose through the test hook
/// <see cref="InternalFaultProbe"/> (HDBT_TEST_INTERNAL_FAULT), before the guest program starts.
/// </summary>
public sealed partial class InternalFaultTests
{
    [GeneratedRegex(@"^hdbt: internal error: host (SIGSEGV|SIGBUS|SIGILL|SIGFPE) at 0x[0-9a-f]+ \(fault address 0x[0-9a-f]+\) (?<why>[^\n]+)\n$")]
    private static partial Regex OneLine();

    private static ProcessResult RunWith(string kind, string mode) =>
        ChildProcess.RunHdbt(["--mode", mode, CommittedProgram.PathOf("Linux", "strace")],
            env: new Dictionary<string, string> { [InternalFaultProbe.Variable] = kind });

    public static TheoryData<string, string, string, string> HostFaults()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var mode in CommittedProgram.Modes)
        {
            data.Add("guest", mode, "SIGSEGV", "on guest memory, outside generated code");   // C# read an unmapped guest page
            data.Add("thunk", mode, "SIGSEGV", "in hdbt's native code");                     // a registered thunk (as CompatHost's)
            data.Add("native", mode, "SIGSEGV", "outside managed code");                     // the runtime declined it
            data.Add("fpe", mode, "SIGFPE", "outside managed code");
            data.Add("ill", mode, "SIGILL", "outside managed code");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(HostFaults))]
    public void HostFaultOutsideGeneratedCodeIsOneLineAndStatus70(string kind, string mode, string signal, string why)
    {
        var r = RunWith(kind, mode);
        Assert.True(r.ExitCode == ExitCodes.Internal, $"{kind} --mode {mode}: {r}");
        var m = OneLine().Match(r.Stderr);
        Assert.True(m.Success, $"{kind} --mode {mode}: not one internal-error line: {r}");
        Assert.Equal(signal, m.Groups[1].Value);
        Assert.Equal(why, m.Groups["why"].Value);
        Assert.Equal("", r.StdoutText);
    }

    /// <summary>A managed NullReferenceException still reaches .NET through the handler, and ends as hdbt's other internal errors do.</summary>
    [Fact]
    public void ManagedNullReferenceStaysAnException()
    {
        var r = RunWith("null", "interp");
        Assert.True(r.ExitCode == ExitCodes.Internal, r.ToString());
        Assert.StartsWith("hdbt: internal error: NullReferenceException: ", r.Stderr);
    }

    /// <summary>
    /// Managed stack overflow is still detected by the runtime through the handler (it prints "Stack overflow."
    /// and a stack, then aborts: status 134, which hdbt does not change). The NativeAOT runtime does not detect
    /// it on Linux (dotnet/runtime#82334: it sets up no alternate signal stack, so no handler, neither its own
    /// nor hdbt's, can run on the exhausted stack): the kernel kills the process with SIGSEGV and no message.
    /// That is the one known difference between the builds; this test pins both, so that a runtime that
    /// starts reporting it (or an hdbt that adds its own alternate stack) shows up here.
    /// </summary>
    [Fact]
    public void ManagedStackOverflowIsStillDetectedByTheRuntime()
    {
        var r = RunWith("stack", "interp");
        if (ChildProcess.HdbtIsNativeAot)
        {
            Assert.True(r.ExitCode == 128 + Signals.SIGSEGV, r.ToString());
            Assert.Equal("", r.Stderr);
            return;
        }
        Assert.True(r.ExitCode == 128 + Signals.SIGABRT, r.ToString());
        Assert.StartsWith("Stack overflow.", r.Stderr);
    }

    [Fact]
    public void HandlerStatusIsTheCommandsInternalErrorStatus() =>
        Assert.Equal(ExitCodes.Internal, HostFaultHandler.InternalErrorStatus);
}
