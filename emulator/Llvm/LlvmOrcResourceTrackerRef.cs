namespace Hdbt.Llvm;

/// <summary>An ORC resource tracker: removing it frees the code and symbols added with it (LLVM-C <c>LLVMOrcResourceTrackerRef</c>). A typed handle so that a module can't be passed where a value is wanted; the layout is one pointer, as the C function expects.</summary>
public readonly record struct LlvmOrcResourceTrackerRef(nint Handle)
{
    /// <summary>The null handle (LLVM's "none").</summary>
    public bool IsNull => Handle == 0;
}
