namespace Hdbt.Llvm;

/// <summary>An ORC definition generator (consumed by LLVMOrcJITDylibAddGenerator) (LLVM-C <c>LLVMOrcDefinitionGeneratorRef</c>). A typed handle so that a module can't be passed where a value is wanted; the layout is one pointer, as the C function expects.</summary>
public readonly record struct LlvmOrcDefinitionGeneratorRef(nint Handle)
{
    /// <summary>The null handle (LLVM's "none").</summary>
    public bool IsNull => Handle == 0;
}
