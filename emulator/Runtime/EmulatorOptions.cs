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
}
