using Hdbt.Tests.Support;

namespace Hdbt.Tests.Linux;

/// <summary>
/// The syscall layer end to end: C programs (Programs/*.c, built with gcc -m32 -static) run
/// under hdbt must print what they print natively (Programs/*.out, from a native run; see
/// Programs/build.sh) and end the same way.
/// </summary>
public sealed class GuestProgramTests
{
    /// <summary>Runs a program that works in a fresh temporary directory and compares its output with the native one.</summary>
    [Theory]
    [InlineData("files")]
    [InlineData("fds")]
    [InlineData("raw")]
    [InlineData("timesig")]
    public void MatchesNativeOutput(string program)
    {
        // A fresh directory for each mode: the programs expect to start in an empty one.
        foreach (var mode in CommittedProgram.Modes)
        {
            string dir = Directory.CreateTempSubdirectory("hdbt-linux-").FullName;
            try
            {
                var r = CommittedProgram.Run("Linux", program, args: [dir], mode: mode);
                Assert.True(r.ExitCode == 0, $"{program} --mode {mode}: {r}");
                Assert.True(CommittedProgram.Expected("Linux", program + ".expected") == r.StdoutText,
                    $"{program} --mode {mode}: stdout differs from native:\n{r.StdoutText}");
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    /// <summary>Exit statuses of signals the guest sends itself: 128 + signal, as a shell sees a native process end.</summary>
    [Theory]
    [InlineData("abort", 134, "start\n")]
    [InlineData("term", 143, "start\n")]
    [InlineData("segv", 139, "start\n")]
    [InlineData("kill", 137, "start\n")]
    [InlineData("usr1", 138, "start\n")]
    [InlineData("rt", 165, "start\n")]
    [InlineData("pending", 143, "start\nstill alive while blocked\n")]
    [InlineData("ignored", 7, "start\nignored\n")]
    [InlineData("pipe", 141, "start\n")]
    [InlineData("exit", 42, "start\n")]
    public void SignalsEndTheProcessAsNatively(string mode, int status, string stdout)
    {
        foreach (var m in CommittedProgram.Modes)
        {
            var run = CommittedProgram.Run("Linux", "die", args: [mode], mode: m);
            Assert.True(run.ExitCode == status, $"--mode {m}: {run}");
            Assert.Equal(stdout, run.StdoutText);
        }
    }

    /// <summary>hdbt cannot run guest handlers yet: it says so and takes the default action (a native run would run the handler).</summary>
    [Fact]
    public void InstalledHandlerWarnsAndTakesDefaultAction()
    {
        var run = CommittedProgram.Run("Linux", "die", args: ["handler"]);
        Assert.True(run.ExitCode == 143, run.ToString());
        Assert.Contains("hdbt: warning: the guest's handler for SIGTERM cannot run", run.Stderr);
    }

    [Fact]
    public void StraceDecodesArgumentsAndErrors()
    {
        var run = CommittedProgram.Run("Linux", "strace", hdbtOptions: ["--strace"]);
        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Equal("hi\n", run.StdoutText);
        var lines = run.Stderr.Split('\n').Select(l => l[(l.IndexOf(' ') + 1)..]).ToList();
        Assert.Contains("openat(AT_FDCWD,\"/nonexistent\",O_RDONLY,0) = -1 errno=2 (ENOENT)", lines);
        Assert.Contains("open(\"/nonexistent/dir/x\",O_WRONLY|O_CREAT|O_TRUNC,0644) = -1 errno=2 (ENOENT)", lines);
        Assert.Contains("close(99) = -1 errno=9 (EBADF)", lines);
        Assert.Contains(lines, l => l.StartsWith("write(1,0x", StringComparison.Ordinal) && l.EndsWith(",3) = 3", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("kill(", StringComparison.Ordinal) && l.EndsWith(",0) = 0", StringComparison.Ordinal));
        Assert.Contains("exit_group(3) = ?", lines);
    }
}
