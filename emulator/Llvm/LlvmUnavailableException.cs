namespace Hdbt.Llvm;

/// <summary>
/// No usable libLLVM: none found, the one <c>HDBT_LLVM</c> names cannot be loaded, or it lacks a function hdbt
/// needs. The message is one sentence for a user: what was looked for and what to install or set.
/// </summary>
public sealed class LlvmUnavailableException(string message) : Exception(message);
