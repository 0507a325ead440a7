namespace Hdbt.Linux;

/// <summary>A guest signal disposition as rt_sigaction stores it (i386 layout: handler, flags, restorer, mask).</summary>
public record struct SignalAction(uint Handler, uint Flags, uint Restorer, ulong Mask)
{
    public const uint Default = 0, Ignore = 1;
}
