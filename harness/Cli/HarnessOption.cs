namespace Hdbt.Harness.Cli;

/// <summary>
/// One harness option: spelling, argument name (null for a flag), help, and what it sets (returns an
/// error or null). <paramref name="Values"/>: how many arguments it takes (0 for a flag, 1 by default,
/// 2 for <c>--compare A B</c>, -1 for every following argument that is not an option, as <c>--merge</c>).
/// </summary>
public sealed record HarnessOption(string Name, string? ArgName, string Help, Func<HarnessOptions, string, string?> Apply, int Values = 1);
