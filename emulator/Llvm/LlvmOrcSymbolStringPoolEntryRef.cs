namespace Hdbt.Llvm;

/// <summary>An interned, reference-counted symbol name (LLVM-C <c>LLVMOrcSymbolStringPoolEntryRef</c>). A typed handle so that a module can't be passed where a value is wanted; the layout is one pointer, as the C function expects.</summary>
public readonly record struct LlvmOrcSymbolStringPoolEntryRef(nint Handle)
{
    /// <summary>The null handle (LLVM's "none").</summary>
    public bool IsNull => Handle == 0;
}
