using System.Diagnostics;
using System.Globalization;
using Hdbt.Linux;
using Hdbt.Host;

namespace Hdbt.Engine;

/// <summary>Time since the hdbt process started, for the start-up counter.</summary>
/// <remarks>
/// The kernel keeps the start time of a process (set when it was forked, a few microseconds before the
/// exec of hdbt) and shows it in /proc/self/stat field 22, in clock ticks (USER_HZ = 100 on Linux, fixed
/// by the ABI) since boot, truncated: the result is too large by 0 to 10 ms. It is compared with
/// CLOCK_BOOTTIME, the clock that start time is on. This replaces <c>Process.StartTime</c>, which
/// reads the same field but also goes through the local time zone and costs more than the reading itself.
/// </remarks>
public static unsafe class ProcessStartClock
{
    private const int ClockBoottime = 7, UserHz = 100;

    /// <summary>Seconds since the process started, or -1 if /proc is not readable.</summary>
    public static double SecondsSinceStart()
    {
        long* ts = stackalloc long[2];
        if (HostKernel.Syscall(HostKernel.Nr.ClockGettime, ClockBoottime, (long)ts) != 0) return -1;
        double now = ts[0] + ts[1] * 1e-9;
        string stat;
        try { stat = File.ReadAllText("/proc/self/stat"); }
        catch (IOException) { return -1; }
        // Field 2 (the command name) may hold spaces and parentheses: count fields from the last ')'.
        string[] rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        if (rest.Length < 20 || !long.TryParse(rest[19], NumberStyles.None, CultureInfo.InvariantCulture, out long startTicks)) return -1;
        return now - (double)startTicks / UserHz;
    }

    /// <summary>The same in Stopwatch ticks (0 if unknown), the unit of time counters.</summary>
    public static long StopwatchTicksSinceStart()
    {
        double s = SecondsSinceStart();
        return s < 0 ? 0 : (long)(s * Stopwatch.Frequency);
    }
}
