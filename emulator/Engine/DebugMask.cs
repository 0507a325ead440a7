namespace Hdbt.Engine;

/// <summary>What <c>-d</c> logs. Names and help come from <see cref="DebugMaskTable"/>.</summary>
[Flags]
public enum DebugMask
{
    None = 0,
    InAsm = 1,
    Op = 2,
    OpOpt = 4,
    Exec = 8,
    OutAsm = 16,
    LlvmIr = 32,
}
