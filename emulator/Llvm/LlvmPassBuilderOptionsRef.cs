namespace Hdbt.Llvm;

/// <summary>Options of the new pass manager's LLVMRunPasses (LLVM-C <c>LLVMPassBuilderOptionsRef</c>). A typed handle so that a module can't be passed where a value is wanted; the layout is one pointer, as the C function expects.</summary>
public readonly record struct LlvmPassBuilderOptionsRef(nint Handle)
{
    /// <summary>The null handle (LLVM's "none").</summary>
    public bool IsNull => Handle == 0;
}
