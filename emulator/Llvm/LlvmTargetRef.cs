namespace Hdbt.Llvm;

/// <summary>A registered target (x86-64 here) (LLVM-C <c>LLVMTargetRef</c>). A typed handle so that a module can't be passed where a value is wanted; the layout is one pointer, as the C function expects.</summary>
public readonly record struct LlvmTargetRef(nint Handle)
{
    /// <summary>The null handle (LLVM's "none").</summary>
    public bool IsNull => Handle == 0;
}
