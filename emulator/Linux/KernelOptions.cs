namespace Hdbt.Linux;

/// <summary>Settings of the emulated Linux layer.</summary>
public sealed record KernelOptions
{
    /// <summary>Where --strace lines go (null: no tracing).</summary>
    public TextWriter? Strace { get; init; }

    /// <summary>Where one-line warnings (unsupported syscalls) go.</summary>
    public TextWriter Warnings { get; init; } = Console.Error;

    /// <summary>Absolute host path of the guest program (what /proc/self/exe names).</summary>
    public string ExePath { get; init; } = "";
}
