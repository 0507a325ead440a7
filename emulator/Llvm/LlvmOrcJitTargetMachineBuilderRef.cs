namespace Hdbt.Llvm;

/// <summary>A JIT target machine builder (consumed by the LLJIT builder) (LLVM-C <c>LLVMOrcJITTargetMachineBuilderRef</c>). A typed handle so that a module can't be passed where a value is wanted; the layout is one pointer, as the C function expects.</summary>
public readonly record struct LlvmOrcJitTargetMachineBuilderRef(nint Handle)
{
    /// <summary>The null handle (LLVM's "none").</summary>
    public bool IsNull => Handle == 0;
}
