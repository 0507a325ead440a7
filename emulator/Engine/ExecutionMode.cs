namespace Hdbt.Engine;

/// <summary>How guest code is executed. Which modes exist is in <see cref="ExecutionModeTable"/>.</summary>
public enum ExecutionMode
{
    Interp,
    Tcg,
    Llvm,
    Hybrids,
    Hybridm,
}
