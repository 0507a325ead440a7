namespace Hdbt.Llvm;

/// <summary>An llvm::Error; null means success, anything else must be consumed exactly once (LLVM-C <c>LLVMErrorRef</c>). A typed handle so that a module can't be passed where a value is wanted; the layout is one pointer, as the C function expects.</summary>
public readonly record struct LlvmErrorRef(nint Handle)
{
    /// <summary>The null handle (LLVM's "none").</summary>
    public bool IsNull => Handle == 0;
}
