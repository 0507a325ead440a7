namespace Hdbt.Llvm;

/// <summary>A target machine: triple, CPU, features, codegen level (LLVM-C <c>LLVMTargetMachineRef</c>). A typed handle so that a module can't be passed where a value is wanted; the layout is one pointer, as the C function expects.</summary>
public readonly record struct LlvmTargetMachineRef(nint Handle)
{
    /// <summary>The null handle (LLVM's "none").</summary>
    public bool IsNull => Handle == 0;
}
