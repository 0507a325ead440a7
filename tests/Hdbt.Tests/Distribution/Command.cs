namespace Hdbt.Tests.Distribution;

/// <summary>One busybox invocation of a test (<see cref="Busybox.Parse"/>): arguments after the binary, and an optional file fed to stdin.</summary>
public sealed record Command(string Line, IReadOnlyList<string> Args, string? StdinFile);
