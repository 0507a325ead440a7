namespace Hdbt.Tests.Frontend;

/// <summary>How a guest program run under hdbt ended: its exit status and its output.</summary>
internal readonly record struct GuestRun(int ExitCode, string Stdout, string Stderr);
