using Hdbt.Frontend;
using Hdbt.Llvm;

namespace Hdbt.Engine;

/// <summary>Everything a run needs besides the program: mode, translator knobs, debug output.</summary>
public sealed record EmulatorOptions
{
    public ExecutionMode Mode { get; init; } = ExecutionMode.Interp;
    public TranslatorOptions Translator { get; init; } = new();
    public DebugMask Debug { get; init; }
    public TextWriter Log { get; init; } = Console.Error;
    public bool Strace { get; init; }

    /// <summary>
    /// The profile threshold: entries after which a unit is hot and the engine's hotness hook sees it
    /// (<see cref="Dispatcher.HotHook"/>); 0: never. Trace-forming modes make hot blocks trace heads.
    /// </summary>
    public long Threshold { get; init; } = DefaultThreshold;

    /// <summary>
    /// Whether hot blocks become trace heads (<see cref="TraceRecorder"/>): what the trace-forming modes do. Also settable
    /// for interp, whose backend runs trace IR like any other, so that trace formation is tested on its own.
    /// </summary>
    public bool FormTraces { get; init; }

    /// <summary>The predict threshold: at most this many blocks per trace (<c>--trace-len</c>; Hybrid QEMU's default 16).</summary>
    public int TraceLength { get; init; } = DefaultTraceLength;

    /// <summary>
    /// Worker threads that compile traces while the guest runs on (<c>hybridm</c>'s <c>--llvm-threads</c>); 0: traces are
    /// compiled on the guest thread. The backend's trace translation must then be safe on those threads.
    /// </summary>
    public int TraceThreads { get; init; }

    /// <summary>Hybrid QEMU's default predict threshold.</summary>
    public const int DefaultTraceLength = 16;

    /// <summary>Whether tcg blocks go on counting their entries after they are hot (costs up to a quarter of a hot loop's time).</summary>
    public bool CountEntries { get; init; }

    /// <summary>Hybrid QEMU's default profile threshold.</summary>
    public const long DefaultThreshold = 50;

    /// <summary>Size of the tcg code cache in bytes.</summary>
    public long CodeCacheSize { get; init; } = 256L << 20;

    /// <summary>Whether tcg links direct jumps between blocks (off: every exit returns to the dispatcher).</summary>
    public bool Linking { get; init; } = true;

    /// <summary>Whether tcg uses the host fault handler for guest loads (off: every load and store checks the page table inline).</summary>
    public bool HostFaults { get; init; } = true;

    /// <summary>Whether tcg stores are plain host stores under host page protection (off: every store checks the page table inline).</summary>
    public bool DirectStores { get; init; } = true;

    /// <summary>llvm: the LLVM IR pipeline each unit goes through (<c>--llvm-opt</c>, default O2).</summary>
    public LlvmOptLevel LlvmOpt { get; init; } = LlvmOptLevel.O2;

    /// <summary>llvm: the LLVM code generator's level (<c>--llvm-codegen</c>, default Default).</summary>
    public LlvmCodeGenLevel LlvmCodeGen { get; init; } = LlvmCodeGenLevel.Default;
}
