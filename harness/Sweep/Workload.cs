namespace Hdbt.Harness.Sweep;

/// <summary>
/// One benchmark program at one size: absolute paths, arguments and what a correct run prints and
/// returns. <paramref name="Binary64"/> is the same source built for x86-64 (the native64 row), null
/// where no such build prints the i386 reference output (workloads/BUILD-INFO.txt says why).
/// </summary>
public sealed record Workload(string Name, string Category, string Binary, IReadOnlyList<string> Args, string ExpectedStdoutPath, int ExpectedStatus, string? Binary64 = null);
