using Hdbt.Frontend;

namespace Hdbt.Runtime;

/// <summary>Everything a run needs besides the program: mode, translator knobs, debug output.</summary>
public sealed record EmulatorOptions
{
    public ExecutionMode Mode { get; init; } = ExecutionMode.Interp;
    public TranslatorOptions Translator { get; init; } = new();
    public DebugMask Debug { get; init; }
    public TextWriter Log { get; init; } = Console.Error;
    public bool Strace { get; init; }

    /// <summary>Size of the tcg code cache in bytes.</summary>
    public long CodeCacheSize { get; init; } = 256L << 20;

    /// <summary>Whether tcg links direct jumps between blocks (off: every exit returns to the dispatcher).</summary>
    public bool Linking { get; init; } = true;

    /// <summary>Whether tcg uses the host fault handler for guest loads (off: every load checks the page table inline).</summary>
    public bool HostFaults { get; init; } = true;
}
