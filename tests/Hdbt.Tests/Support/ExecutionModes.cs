using Hdbt.Engine;

namespace Hdbt.Tests.Support;

/// <summary>
/// The execution modes every execution test runs under: the built modes of the emulator's mode table,
/// so a mode that gets built joins every suite without a change here; with <c>HDBT_PREVIEW_MODES=llvm</c>, a mode
/// that runs but is not switched on yet joins too (<see cref="ExecutionModeTable.PreviewVariable"/>).
/// </summary>
public static class ExecutionModes
{
    public static readonly string[] Built = [.. ExecutionModeTable.All.Where(ExecutionModeTable.Runnable).Select(m => m.Name)];

    /// <summary>The built modes that do not form traces themselves (interp, tcg): they form them with <c>--traces</c>.</summary>
    public static readonly string[] BuiltWithoutTraces =
        [.. ExecutionModeTable.All.Where(m => ExecutionModeTable.Runnable(m) && !ExecutionModeTable.FormsTraces(m.Mode)).Select(m => m.Name)];
}
