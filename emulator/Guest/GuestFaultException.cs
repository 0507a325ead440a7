using Hdbt.Host;
namespace Hdbt.Guest;

/// <summary>
/// A synchronous guest fault (what Linux turns into a signal): raised by guest memory checks,
/// division errors and faulting instructions, and reported with the guest pc that caused it.
/// </summary>
public sealed class GuestFaultException(int signal, uint faultAddress, bool hasAddress, string? detail = null)
    : Exception(detail ?? $"{Host.Signals.Name(signal)} at address 0x{faultAddress:x8}")
{
    /// <summary>The Linux signal number (SIGSEGV, SIGFPE, SIGILL, ...).</summary>
    public int Signal { get; } = signal;

    /// <summary>The faulting data address, for SIGSEGV and SIGBUS.</summary>
    public uint FaultAddress { get; } = faultAddress;

    /// <summary>Whether <see cref="FaultAddress"/> means anything for this fault.</summary>
    public bool HasAddress { get; } = hasAddress;

    /// <summary>Guest pc of the faulting instruction, when known.</summary>
    public uint? Pc { get; set; }

    public static GuestFaultException Segv(uint address) => new(Host.Signals.SIGSEGV, address, true);
}
