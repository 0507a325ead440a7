namespace Hdbt.Llvm;

/// <summary>Integer comparison predicates of <c>icmp</c> (LLVM-C <c>LLVMIntPredicate</c>; the values are the C enum's).</summary>
public enum LlvmIntPredicate
{
    Eq = 32, Ne, Ugt, Uge, Ult, Ule, Sgt, Sge, Slt, Sle,
}
