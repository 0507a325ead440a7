namespace Hdbt.Runtime;

/// <summary>Why generated or interpreted code returned to the dispatcher.</summary>
public enum ExitReason
{
    /// <summary>Direct jump through chaining slot 0; EIP holds the target.</summary>
    Jump0,
    /// <summary>Direct jump through chaining slot 1; EIP holds the target.</summary>
    Jump1,
    /// <summary>Jump to a computed target in EIP.</summary>
    Indirect,
    /// <summary>int 0x80: EIP holds the pc after it.</summary>
    Syscall,
    /// <summary>The instruction at EIP is not implemented.</summary>
    Unsupported,
}
