namespace Hdbt.Harness.Cli;

/// <summary>One harness option: spelling, argument name (null for a flag), help, and what it sets (returns an error or null).</summary>
public sealed record HarnessOption(string Name, string? ArgName, string Help, Func<HarnessOptions, string, string?> Apply);
