using System.Runtime.InteropServices;

namespace Hdbt.Host;

/// <summary>
/// What the native host fault handler (<see cref="HostFaultHandler"/>) saw when a SIGSEGV or SIGBUS hit
/// generated code. It lives in native memory and is written by the signal handler itself, so generated
/// code (the recovery stub) and C# can both read it by address; the layout is fixed.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 8)]
public struct FaultRecord
{
    /// <summary>Offsets for generated code that reads the record directly.</summary>
    public const int HostRipOffset = 0, FaultAddressOffset = 8, SignalOffset = 16, CountOffset = 20, Size = 24;

    /// <summary>Host RIP of the instruction that faulted (inside the code range).</summary>
    public ulong HostRip;

    /// <summary>The kernel's <c>si_addr</c>: the host address whose access faulted.</summary>
    public ulong FaultAddress;

    /// <summary>Host signal number: 11 (SIGSEGV) or 7 (SIGBUS).</summary>
    public int Signal;

    /// <summary>Faults recovered since installation (the handler increments it); lets a caller tell a new fault from an old record.</summary>
    public int Count;
}
