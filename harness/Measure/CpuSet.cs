using System.Globalization;
using System.Runtime.InteropServices;

namespace Hdbt.Harness.Measure;

/// <summary>
/// CPU lists as <c>taskset -c</c> spells them (<c>2</c>, <c>0,1</c>, <c>0-3</c>) and the affinity calls
/// behind <c>--pin</c>: the measured children run on those CPUs only, the harness where it likes.
/// </summary>
public static partial class CpuSet
{
    /// <summary>Bytes of the kernel's cpu_set_t (1024 CPUs), as glibc uses.</summary>
    private const int MaskBytes = 128;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_setaffinity(int pid, nint size, byte[] mask);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_getaffinity(int pid, nint size, byte[] mask);

    /// <summary>Parses a CPU list; null with <paramref name="error"/> set when it is malformed.</summary>
    public static List<int>? Parse(string text, out string? error)
    {
        error = null;
        var cpus = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-');
            if (ends.Length is < 1 or > 2 || !ends.All(e => int.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                error = $"expected a CPU list such as 2, 0,1 or 0-3, not '{text}'";
                return null;
            }
            int lo = int.Parse(ends[0], CultureInfo.InvariantCulture), hi = int.Parse(ends[^1], CultureInfo.InvariantCulture);
            if (hi < lo || hi >= MaskBytes * 8) { error = $"bad CPU range '{part}'"; return null; }
            for (int c = lo; c <= hi; c++) cpus.Add(c);
        }
        return cpus.ToList();
    }

    /// <summary>The CPUs this process may run on (its affinity mask).</summary>
    public static List<int> Allowed()
    {
        var mask = new byte[MaskBytes];
        if (sched_getaffinity(0, MaskBytes, mask) != 0) return Enumerable.Range(0, Environment.ProcessorCount).ToList();
        return Enumerable.Range(0, MaskBytes * 8).Where(c => (mask[c / 8] & (1 << (c % 8))) != 0).ToList();
    }

    /// <summary>Restricts the calling thread (and so the children it spawns) to <paramref name="cpus"/>; throws <see cref="IOException"/> when the kernel refuses.</summary>
    public static void PinCurrentThread(IReadOnlyList<int> cpus)
    {
        var mask = new byte[MaskBytes];
        foreach (var c in cpus) mask[c / 8] |= (byte)(1 << (c % 8));
        if (sched_setaffinity(0, MaskBytes, mask) != 0)
            throw new IOException($"sched_setaffinity({Format(cpus)}) failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
    }

    /// <summary>The list in <c>taskset -c</c> form, ranges folded.</summary>
    public static string Format(IReadOnlyList<int> cpus)
    {
        var parts = new List<string>();
        for (int i = 0; i < cpus.Count;)
        {
            int j = i;
            while (j + 1 < cpus.Count && cpus[j + 1] == cpus[j] + 1) j++;
            parts.Add(j == i ? cpus[i].ToString(CultureInfo.InvariantCulture) : $"{cpus[i]}-{cpus[j]}");
            i = j + 1;
        }
        return string.Join(",", parts);
    }
}
