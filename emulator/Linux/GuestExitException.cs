using Hdbt.Host;
namespace Hdbt.Linux;

/// <summary>The guest process ended: by exit/exit_group (<see cref="Status"/>) or by a signal's default action (<see cref="Signal"/>).</summary>
public sealed class GuestExitException : Exception
{
    private GuestExitException(int status, int signal) : base(signal != 0 ? $"killed by {Signals.Name(signal)}" : $"exit {status}")
    {
        Status = status;
        Signal = signal;
    }

    /// <summary>The exit status (0..255) for a normal exit.</summary>
    public int Status { get; }

    /// <summary>The terminating signal, or 0 for a normal exit.</summary>
    public int Signal { get; }

    public static GuestExitException Exited(int status) => new(status & 0xFF, 0);

    public static GuestExitException Killed(int signal) => new(0, signal);
}
