namespace Hdbt.Llvm;

/// <summary>Operations of <c>atomicrmw</c> (LLVM-C <c>LLVMAtomicRMWBinOp</c>, the ones every supported version has).</summary>
public enum LlvmAtomicRmwOp
{
    Xchg = 0, Add, Sub, And, Nand, Or, Xor, Max, Min, UMax, UMin,
}
