namespace Hdbt.Engine;

/// <summary>How the guest ended: a normal exit status, or a signal with the pc (and address) where it happened.</summary>
public sealed record RunResult(int ExitStatus, int Signal, uint? Pc, uint? FaultAddress, string? Detail)
{
    /// <summary>hdbt's own exit status: the guest's status, or 128 + signal.</summary>
    public int ProcessExitCode => Signal != 0 ? 128 + Signal : ExitStatus;
}
