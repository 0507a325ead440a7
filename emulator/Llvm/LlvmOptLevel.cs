namespace Hdbt.Llvm;

/// <summary>IR optimisation level: the new pass manager's <c>default&lt;On&gt;</c> pipeline.</summary>
public enum LlvmOptLevel
{
    O0, O1, O2, O3,
}
