namespace Hdbt.Harness.Sweep;

/// <summary>One benchmark program at one size: absolute paths, arguments and what a correct run prints and returns.</summary>
public sealed record Workload(string Name, string Category, string Binary, IReadOnlyList<string> Args, string ExpectedStdoutPath, int ExpectedStatus);
