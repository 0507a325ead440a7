namespace Hdbt.Llvm;

/// <summary>LLVM reported an error (verifier, pass pipeline, JIT): the message says which step and what LLVM said.</summary>
public sealed class LlvmException(string message) : Exception(message);
