namespace Hdbt.Tcg;

/// <summary>The kinds of code a block places after its main body (see <see cref="OutOfLineCode"/>).</summary>
public enum OutOfLineKind : byte
{
    /// <summary>The entry counter reached zero: set EIP to the block's pc and leave with <see cref="Backend.ExitKind.Hot"/> (payload: the block's link code).</summary>
    HotExit,
    /// <summary>A guest fault at <see cref="OutOfLineCode.Pc"/>: leave with <see cref="Backend.ExitKind.Fault"/>.</summary>
    FaultExit,
    /// <summary>Code changed or the exception masks moved: leave with <see cref="Backend.ExitKind.CodeModified"/>, at <see cref="OutOfLineCode.Pc"/> if <see cref="OutOfLineCode.HasPc"/> (else EIP is set).</summary>
    CodeModifiedExit,
    /// <summary>The helper call of <see cref="OutOfLineCode.Op"/>, then back.</summary>
    SlowCall,
    /// <summary>The same, then the exception-mask check at <see cref="OutOfLineCode.Next"/> (fldcw), then back.</summary>
    SlowCallThenMaskCheck,
    /// <summary>A checked load through the load stub of <see cref="OutOfLineCode.Mem"/>, then back.</summary>
    SlowLoad,
    /// <summary>A checked store through the store stub of <see cref="OutOfLineCode.Mem"/>, then back.</summary>
    SlowStore,
    /// <summary>Load the guest's x87 state into the host unit, then back.</summary>
    X87LoadState,
}
