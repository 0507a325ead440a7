namespace Hdbt.Harness.Measure;

/// <summary>How one child process ended and what it cost, measured for that child alone (its rusage, reported by the <see cref="Launcher"/>).</summary>
public sealed record ChildResult(
    double WallSeconds,
    double UserSeconds,
    double SysSeconds,
    long MaxRssKiB,
    int ExitCode,
    int Signal,
    bool TimedOut)
{
    /// <summary>Killed because the sweep was told to stop (SIGTERM): the run is not recorded and --resume repeats it.</summary>
    public bool Cancelled { get; init; }

    /// <summary>Shell-style status: the exit code, or 128 + signal.</summary>
    public int Status => Signal != 0 ? 128 + Signal : ExitCode;
}
