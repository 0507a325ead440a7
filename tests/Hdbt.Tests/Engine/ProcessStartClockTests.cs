using System.Diagnostics;
using System.Text.Json;
using Hdbt.Engine;
using Hdbt.Tests.Support;

namespace Hdbt.Tests.Engine;

/// <summary>The start-up counter: time from process start to the first guest instruction.</summary>
public sealed class ProcessStartClockTests
{
    [Fact]
    public void AgreesWithTheProcessStartTimeDotNetReports()
    {
        double ours = ProcessStartClock.SecondsSinceStart();
        double theirs = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds;
        Assert.True(ours > 0, $"{ours}");
        // Both come from the same kernel start time (10 ms ticks); theirs is read a little later.
        Assert.InRange(theirs - ours, -0.02, 0.5);
    }

    [Fact]
    public void StartupCounterIsPartOfTheWholeProcessTime()
    {
        using var dir = new TempDir();
        string json = dir.File("stats.json");
        var sw = Stopwatch.StartNew();
        var r = ChildProcess.RunHdbt(["--stats-json", json, Repo.Path("workloads", "tests", "bin", "hello")]);
        double wall = sw.Elapsed.TotalSeconds;
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        double startup = doc.RootElement.GetProperty("startup_seconds").GetDouble();
        double run = doc.RootElement.GetProperty("execution_seconds").GetDouble();
        Assert.True(startup > 0.001, $"startup {startup}");
        // The counter may be up to one 10 ms kernel tick too large.
        Assert.True(startup + run < wall + 0.011, $"startup {startup} + run {run} > whole process {wall}");
    }
}
