namespace Hdbt.Llvm;

/// <summary>Code generation level of the target machine (LLVM-C <c>LLVMCodeGenOptLevel</c>): instruction selection and register allocation effort, independent of the IR pipeline.</summary>
public enum LlvmCodeGenLevel
{
    None = 0, Less = 1, Default = 2, Aggressive = 3,
}
