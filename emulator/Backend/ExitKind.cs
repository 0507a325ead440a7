namespace Hdbt.Backend;

/// <summary>
/// The one vocabulary of why translated code stopped running, for every backend. Generated code
/// returns these numbers in the low 4 bits of its result (a payload such as the unit id above them);
/// the first group reaches the engine's loop, the last three never leave the backend (it turns them
/// into a <see cref="Guest.GuestFaultException"/> at the right guest pc).
/// </summary>
public enum ExitKind : uint
{
    /// <summary>Direct jump through chaining slot <see cref="UnitExit.Slot"/> of <see cref="UnitExit.From"/>, not linked yet; EIP holds the target.</summary>
    Jump = 0,
    /// <summary>Indirect jump, call or return whose target was not in the jump cache; EIP holds the target.</summary>
    Indirect = 1,
    /// <summary>int 0x80; EIP holds the pc after it.</summary>
    Syscall = 2,
    /// <summary>The instruction at EIP is not implemented.</summary>
    Unsupported = 3,
    /// <summary>A store rewrote the running unit's own code; EIP holds the next instruction's pc.</summary>
    CodeModified = 6,
    /// <summary>
    /// <see cref="UnitExit.From"/> was entered for the <c>threshold</c>-th time and left before running:
    /// the engine's hotness hook sees it, then execution resumes at EIP (the unit's own pc).
    /// </summary>
    Hot = 8,

    /// <summary>Backend-internal: a helper or slow path faulted; the exception is pending in <see cref="Helpers.HelperAbi"/>.</summary>
    Fault = 4,
    /// <summary>Backend-internal: a <c>raise</c> op (signal and address are in the backend's context).</summary>
    Raise = 5,
    /// <summary>Backend-internal: a host fault inside generated code (the fault record says where).</summary>
    HostFault = 7,
}
