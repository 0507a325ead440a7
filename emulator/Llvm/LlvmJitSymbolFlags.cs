namespace Hdbt.Llvm;

/// <summary>LLVM-C <c>LLVMJITSymbolFlags</c>: generic flags (1 exported, 2 weak, 4 callable) and target flags, two bytes.</summary>
public struct LlvmJitSymbolFlags
{
    public const byte Exported = 1, Weak = 2, Callable = 4;

    public byte GenericFlags;
    public byte TargetFlags;
}
