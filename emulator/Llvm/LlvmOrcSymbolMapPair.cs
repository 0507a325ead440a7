namespace Hdbt.Llvm;

/// <summary>
/// LLVM-C <c>LLVMOrcCSymbolMapPair</c>: a name and its evaluated symbol (<c>LLVMJITEvaluatedSymbol</c>: an
/// address and flags), 24 bytes with padding, laid out as the C struct for <c>LLVMOrcAbsoluteSymbols</c>.
/// </summary>
public struct LlvmOrcSymbolMapPair
{
    public LlvmOrcSymbolStringPoolEntryRef Name;
    public ulong Address;
    public LlvmJitSymbolFlags Flags;
}
