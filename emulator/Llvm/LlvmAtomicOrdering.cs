namespace Hdbt.Llvm;

/// <summary>Memory orderings of atomic instructions (LLVM-C <c>LLVMAtomicOrdering</c>; 3 is unused there too).</summary>
public enum LlvmAtomicOrdering
{
    NotAtomic = 0, Unordered = 1, Monotonic = 2, Acquire = 4, Release = 5, AcquireRelease = 6, SequentiallyConsistent = 7,
}
