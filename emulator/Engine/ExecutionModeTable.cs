namespace Hdbt.Engine;

/// <summary>The execution modes: name, meaning, and whether this build has them.</summary>
public static class ExecutionModeTable
{
    public static readonly (ExecutionMode Mode, string Name, bool Built, string Help)[] All =
    [
        (ExecutionMode.Interp, "interp", true, "interpret the IR of each block (the reference oracle)"),
        (ExecutionMode.Tcg, "tcg", true, "translate blocks to x86-64 with the fast baseline backend"),
        (ExecutionMode.Llvm, "llvm", false, "translate blocks and traces with LLVM only"),
        (ExecutionMode.Hybrids, "hybrids", false, "TCG blocks, hot traces compiled by LLVM on the guest thread"),
        (ExecutionMode.Hybridm, "hybridm", false, "TCG blocks, hot traces compiled by LLVM on worker threads"),
    ];

    /// <summary>
    /// The environment variable that lets modes which work but are not marked built run anyway, comma-separated
    /// (<c>HDBT_PREVIEW_MODES=llvm</c>): for running the whole test suite under a mode before it is switched on
    /// (the tests' mode list takes it too), never for measurements.
    /// </summary>
    public const string PreviewVariable = "HDBT_PREVIEW_MODES";

    private static readonly string[] s_preview =
        (Environment.GetEnvironmentVariable(PreviewVariable) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Whether a mode may run: it is built, or <see cref="PreviewVariable"/> names it (and the build has its backend).</summary>
    public static bool Runnable((ExecutionMode Mode, string Name, bool Built, string Help) m) =>
        m.Built || (m.Mode is ExecutionMode.Llvm or ExecutionMode.Hybrids or ExecutionMode.Hybridm && s_preview.Contains(m.Name));

    public static (ExecutionMode Mode, string Name, bool Built, string Help)? Find(string name) =>
        All.Where(m => m.Name == name).Select(m => ((ExecutionMode, string, bool, string)?)m).FirstOrDefault();

    /// <summary>Whether a mode groups hot blocks into traces, so that <c>--threshold</c> and <c>--trace-len</c> mean something to it.</summary>
    public static bool FormsTraces(ExecutionMode mode) => mode is ExecutionMode.Llvm or ExecutionMode.Hybrids or ExecutionMode.Hybridm;

    /// <summary>Whether a mode compiles traces on worker threads, so that <c>--llvm-threads</c> means something to it.</summary>
    public static bool UsesWorkerThreads(ExecutionMode mode) => mode is ExecutionMode.Hybridm;

    /// <summary>One line of <c>hdbt --list-modes --all</c>: name, built|not-built, traces|blocks, workers|-, tab-separated (the harness reads it).</summary>
    public static string TraitsLine((ExecutionMode Mode, string Name, bool Built, string Help) m) =>
        $"{m.Name}\t{(m.Built ? "built" : "not-built")}\t{(FormsTraces(m.Mode) ? "traces" : "blocks")}\t{(UsesWorkerThreads(m.Mode) ? "workers" : "-")}";
}
