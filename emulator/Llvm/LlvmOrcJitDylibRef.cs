namespace Hdbt.Llvm;

/// <summary>An ORC JITDylib: a symbol table of the JIT (LLVM-C <c>LLVMOrcJITDylibRef</c>). A typed handle so that a module can't be passed where a value is wanted; the layout is one pointer, as the C function expects.</summary>
public readonly record struct LlvmOrcJitDylibRef(nint Handle)
{
    /// <summary>The null handle (LLVM's "none").</summary>
    public bool IsNull => Handle == 0;
}
