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

    /// <summary>
    /// Whether the calls whose answer depends on the caller's ABI (directory reading and seeking) go
    /// through the host's 32-bit entry. It is used only where it exists (<see cref="Host.CompatHost.Available"/>,
    /// which is also false under HDBT_NO_COMPAT=1); false selects the <see cref="DirectoryPositions"/> path
    /// on any host, which tests use.
    /// </summary>
    public bool CompatEntry { get; init; } = true;
}
