using System.Buffers.Binary;
using Hdbt.Host;

namespace Hdbt.Harness.Measure;

/// <summary>
/// What the <see cref="Launcher"/> writes about the program it ran: the errno of a failed vfork or
/// execve (0 when the program ran), its wait status, monotonic start and end times around vfork and
/// wait4, and its rusage (user and system time, max RSS in KiB).
/// </summary>
public sealed record LaunchRecord(int Errno, int WaitStatus, double WallSeconds, double UserSeconds, double SysSeconds, long MaxRssKiB)
{
    /// <summary>Parses the launcher's 200-byte record; null when it is short or has no magic (the launcher was killed before writing).</summary>
    public static LaunchRecord? Parse(byte[] b)
    {
        if (b.Length != Launcher.RecordSize || BinaryPrimitives.ReadUInt64LittleEndian(b) != Launcher.Magic) return null;
        long L(int offset) => BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(offset));
        double Time(int offset, double fractionUnit) => L(offset) + L(offset + 8) * fractionUnit;
        int r = Launcher.RusageOffset;
        return new LaunchRecord(
            (int)-L(Launcher.ErrorOffset),
            BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(Launcher.StatusOffset)),
            Time(Launcher.EndOffset, 1e-9) - Time(Launcher.StartOffset, 1e-9),
            Time(r, 1e-6),
            Time(r + 16, 1e-6),
            L(r + 32));
    }
}
