namespace Hdbt.Llvm;

/// <summary>Floating-point comparison predicates of <c>fcmp</c> (LLVM-C <c>LLVMRealPredicate</c>): O = ordered (false when either is NaN), U = unordered (true when either is NaN).</summary>
public enum LlvmRealPredicate
{
    False = 0, Oeq, Ogt, Oge, Olt, Ole, One, Ord, Uno, Ueq, Ugt, Uge, Ult, Ule, Une, True,
}
