namespace Hdbt.Llvm;

/// <summary>An ORC thread-safe context: an LLVM context with a lock, shared by the modules built in it (LLVM-C <c>LLVMOrcThreadSafeContextRef</c>). A typed handle so that a module can't be passed where a value is wanted; the layout is one pointer, as the C function expects.</summary>
public readonly record struct LlvmOrcThreadSafeContextRef(nint Handle)
{
    /// <summary>The null handle (LLVM's "none").</summary>
    public bool IsNull => Handle == 0;
}
