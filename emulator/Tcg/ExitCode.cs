namespace Hdbt.Tcg;

/// <summary>
/// What generated code returns to the dispatcher (the low 4 bits; a direct-jump exit carries the
/// block id and slot above them: <c>(id * 2 + slot) &lt;&lt; 4</c>).
/// </summary>
public enum ExitCode : uint
{
    /// <summary>Unlinked direct jump; EIP holds the target.</summary>
    Goto = 0,
    /// <summary>Indirect jump that missed the jump cache; EIP holds the target.</summary>
    Indirect = 1,
    /// <summary>int 0x80; EIP holds the pc after it.</summary>
    Syscall = 2,
    /// <summary>The instruction at EIP is not implemented.</summary>
    Unsupported = 3,
    /// <summary>A helper or checked access faulted; the exception is pending in <see cref="Helpers.HelperAbi"/>, EIP holds the pc.</summary>
    Fault = 4,
    /// <summary>A <c>raise</c> op; signal and address are in the <see cref="TcgContext"/>.</summary>
    Raise = 5,
    /// <summary>A store rewrote translated code; EIP holds the next instruction's pc.</summary>
    CodeModified = 6,
    /// <summary>A host fault inside generated code (recovery stub); the fault record says where.</summary>
    HostFault = 7,
}
