namespace Hdbt.Runtime;

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

    public static (ExecutionMode Mode, string Name, bool Built, string Help)? Find(string name) =>
        All.Where(m => m.Name == name).Select(m => ((ExecutionMode, string, bool, string)?)m).FirstOrDefault();
}
