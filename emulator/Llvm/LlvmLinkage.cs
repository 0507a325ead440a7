namespace Hdbt.Llvm;

/// <summary>Linkage of globals and functions (LLVM-C <c>LLVMLinkage</c>, the values the translator uses).</summary>
public enum LlvmLinkage
{
    External = 0, LinkOnceOdr = 3, WeakOdr = 5, Internal = 8, Private = 9,
}
