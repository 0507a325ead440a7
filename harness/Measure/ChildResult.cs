namespace Hdbt.Harness.Measure;

/// <summary>How one child process ended and what it cost, measured for that child alone (wait4's rusage).</summary>
public sealed record ChildResult(
    double WallSeconds,
    double UserSeconds,
    double SysSeconds,
    long MaxRssKiB,
    int ExitCode,
    int Signal,
    bool TimedOut)
{
    /// <summary>Shell-style status: the exit code, or 128 + signal.</summary>
    public int Status => Signal != 0 ? 128 + Signal : ExitCode;
}
