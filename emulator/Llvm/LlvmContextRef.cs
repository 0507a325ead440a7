namespace Hdbt.Llvm;

/// <summary>An LLVM context: owns types and constants; one thread at a time (LLVM-C <c>LLVMContextRef</c>). A typed handle so that a module can't be passed where a value is wanted; the layout is one pointer, as the C function expects.</summary>
public readonly record struct LlvmContextRef(nint Handle)
{
    /// <summary>The null handle (LLVM's "none").</summary>
    public bool IsNull => Handle == 0;
}
