namespace Hdbt.Cli;

/// <summary>One command-line option: its spellings, argument name (null for a flag), help, environment variable, and what it sets.</summary>
public sealed record OptionSpec(string[] Names, string? ArgName, string Help, string? EnvVar, Func<CliOptions, string, string?> Apply);
