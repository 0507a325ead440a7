namespace Hdbt.Tests.Support;

/// <summary>How a child process ended: exit status (128 + N when signal N killed it), output, and whether it timed out.</summary>
public sealed record ProcessResult(int ExitCode, byte[] Stdout, string Stderr, bool TimedOut = false)
{
    public string StdoutText => System.Text.Encoding.UTF8.GetString(Stdout);

    /// <summary>A message for a failed assertion: how the process ended and what it said.</summary>
    public override string ToString() =>
        $"{(TimedOut ? "timed out" : $"exit {ExitCode}")}\n--- stderr ---\n{Stderr}\n--- stdout ---\n{StdoutText}";
}
