using Hdbt.Harness.Measure;
using Hdbt.Harness.Sweep;
using Hdbt.Harness.Tests.Support;

namespace Hdbt.Harness.Tests.Measure;

/// <summary>posix_spawn + wait4: exit status, signals, timeouts, the child's own CPU time and max RSS, and the output check.</summary>
public sealed class SpawnerTests
{
    private static ChildResult Sh(TempDir dir, string script, double timeout = 30) =>
        Spawner.Run(["/bin/sh", "-c", script], dir.File("out"), dir.File("err"), TimeSpan.FromSeconds(timeout));

    [Fact]
    public void ExitStatusSignalAndOutput()
    {
        using var dir = new TempDir();
        var r = Sh(dir, "echo hello; echo oops >&2; exit 3");
        Assert.Equal(3, r.Status);
        Assert.Equal("hello\n", File.ReadAllText(dir.File("out")));
        Assert.Equal("oops\n", File.ReadAllText(dir.File("err")));
        var k = Sh(dir, "kill -SEGV $$");
        Assert.Equal(11, k.Signal);
        Assert.Equal(139, k.Status);
    }

    [Fact]
    public void KnobsOfTheMeasuredProgramsAreNotInherited()
    {
        using var dir = new TempDir();
        Environment.SetEnvironmentVariable("LLVM_DEBUG", "all");
        try
        {
            Sh(dir, "echo \"[$LLVM_DEBUG][$HOME]\"");
            Assert.Equal($"[][{Environment.GetEnvironmentVariable("HOME")}]\n", File.ReadAllText(dir.File("out")));
        }
        finally { Environment.SetEnvironmentVariable("LLVM_DEBUG", null); }
    }

    [Fact]
    public void TimeoutKillsTheChild()
    {
        using var dir = new TempDir();
        var r = Sh(dir, "sleep 30", timeout: 0.5);
        Assert.True(r.TimedOut);
        Assert.Equal(9, r.Signal);
        Assert.InRange(r.WallSeconds, 0.4, 10);
    }

    [Fact]
    public void CpuTimeAndMaxRssAreTheChildsOwn()
    {
        using var dir = new TempDir();
        // A shell variable of 20 MB makes the shell itself that big; the loop burns CPU in the child only.
        var r = Sh(dir, "x=$(head -c 20000000 /dev/zero | tr '\\0' a); i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; echo ${#x}");
        Assert.Equal(0, r.Status);
        Assert.Equal("20000000\n", File.ReadAllText(dir.File("out")));
        Assert.True(r.MaxRssKiB > 20000, $"max RSS {r.MaxRssKiB} KiB");
        Assert.True(r.UserSeconds > 0.05, $"user {r.UserSeconds} s");
        Assert.True(r.WallSeconds >= r.UserSeconds * 0.5);
    }

    [Fact]
    public void MissingProgramIsAnIOException()
    {
        using var dir = new TempDir();
        Assert.Throws<IOException>(() => Spawner.Run([dir.File("no-such-program")], dir.File("out"), dir.File("err"), TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void OutputCheckNamesTheFirstDifference()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("expected"), "abcdef\n");
        File.WriteAllText(dir.File("out"), "abcXef\n");
        File.WriteAllText(dir.File("err"), "");
        var w = new Workload("w", "int", "/bin/true", [], dir.File("expected"), 0);
        var ok = new ChildResult(1, 1, 0, 1000, 0, 0, false);
        Assert.Contains("at byte 3", RunExecutor.Check(ok, w, dir.File("out"), dir.File("err")));
        File.WriteAllText(dir.File("out"), "abcdef\n");
        Assert.Null(RunExecutor.Check(ok, w, dir.File("out"), dir.File("err")));
        File.WriteAllText(dir.File("err"), "hdbt: guest killed by SIGSEGV\n");
        Assert.Equal("exit status 139 (expected 0): hdbt: guest killed by SIGSEGV", RunExecutor.Check(ok with { ExitCode = 0, Signal = 11 }, w, dir.File("out"), dir.File("err")));
        Assert.StartsWith("timed out", RunExecutor.Check(ok with { TimedOut = true }, w, dir.File("out"), dir.File("err")));
    }

    [Fact]
    public void PinnedChildrenRunOnTheGivenCpusOnly()
    {
        using var dir = new TempDir();
        int cpu = CpuSet.Allowed()[^1];
        var r = Spawner.Run(["/bin/sh", "-c", "grep Cpus_allowed_list /proc/self/status"], dir.File("out"), dir.File("err"), TimeSpan.FromSeconds(30), cpus: [cpu]);
        Assert.Equal(0, r.Status);
        Assert.Equal($"Cpus_allowed_list:\t{cpu}", File.ReadAllText(dir.File("out")).Trim());
        // The harness itself stays where it was.
        Assert.Equal(Environment.ProcessorCount > 1, CpuSet.Allowed().Count > 1);
        Assert.Equal([0, 1, 2, 5], CpuSet.Parse("0-2,5", out _));
        Assert.Equal("0-2,5", CpuSet.Format([0, 1, 2, 5]));
    }

    [Fact]
    public void CancellingKillsTheRunAtOnce()
    {
        using var dir = new TempDir();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var r = Spawner.Run(["/bin/sh", "-c", "sleep 30"], dir.File("out"), dir.File("err"), TimeSpan.FromSeconds(60), cancel: cts.Token);
        Assert.True(r.Cancelled);
        Assert.False(r.TimedOut);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void TheLauncherIsAStaticElf64AndItsRecordIsReadBack()
    {
        var elf = Launcher.Image();
        Assert.Equal([0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1], elf[..6]);
        Assert.InRange(elf.Length, 200, 1000);
        Assert.Null(LaunchRecord.Parse(new byte[10]));
        using var dir = new TempDir();
        var r = Spawner.Run(["/bin/sh", "-c", "exit 7"], dir.File("out"), dir.File("err"), TimeSpan.FromSeconds(30));
        Assert.Equal(7, r.Status);
        Assert.False(File.Exists(dir.File("out") + ".launch"));
    }
}
