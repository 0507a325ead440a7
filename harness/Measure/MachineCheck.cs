using System.Globalization;
using System.Text.Json.Nodes;

namespace Hdbt.Harness.Measure;

/// <summary>
/// Whether the machine is quiet enough to time on, looked at before a sweep: the load average, the
/// processes running right now besides the harness, and the CPU frequency governors. Each finding that
/// makes timings noisier becomes a warning (printed, in notes.txt and in env.json); none stops the sweep.
/// </summary>
/// <param name="LoadAverage1">The 1-minute load average.</param>
/// <param name="Cores">Logical CPUs.</param>
/// <param name="OthersRunning">Runnable tasks besides the sampling thread (median of a few samples of /proc/stat's procs_running), or null when unreadable.</param>
/// <param name="Governors">Each distinct scaling governor with the CPUs that have it; empty when the kernel has no cpufreq (common in VMs).</param>
public sealed record MachineCheck(double? LoadAverage1, int Cores, int? OthersRunning, IReadOnlyDictionary<string, int> Governors)
{
    /// <summary>What makes timings noisier, one sentence each; empty on a quiet machine.</summary>
    public List<string> Warnings()
    {
        var w = new List<string>();
        // The load average decays over minutes, so the harness's own build just before the sweep keeps it up
        // for a while: it warns only at saturation; what runs right now says more.
        if (LoadAverage1 is { } l && l >= Cores)
            w.Add(string.Create(CultureInfo.InvariantCulture, $"the machine is loaded: 1-minute load average {l:F2} on {Cores} logical CPUs; timings will be noisy (wait, or use --metric cpu and --pin)"));
        if (OthersRunning is > 0 and var n)
            w.Add($"{n} other process(es) were running when the sweep started; they compete with the measured programs (see top)");
        var slow = Governors.Where(g => g.Key != "performance").ToList();
        if (slow.Count > 0)
            w.Add($"CPU frequency governor {string.Join(", ", slow.Select(g => $"{g.Key} ({g.Value} CPUs)"))}, not performance: the clock changes under load (cpupower frequency-set -g performance, as root)");
        return w;
    }

    /// <summary>The findings for env.json.</summary>
    public JsonObject ToJson() => new()
    {
        ["load_average_1min"] = LoadAverage1,
        ["logical_cores"] = Cores,
        ["other_processes_running"] = OthersRunning,
        ["cpu_governors"] = Governors.Count == 0 ? "none: no cpufreq in /sys (usual in a VM)"
            : string.Join(", ", Governors.Select(g => $"{g.Key} ({g.Value} CPUs)")),
        ["warnings"] = new JsonArray(Warnings().Select(x => (JsonNode?)JsonValue.Create(x)).ToArray()),
    };

    /// <summary>Looks at this machine now (takes about half a second: five samples of the run queue).</summary>
    public static MachineCheck Now()
    {
        double? load = null;
        try
        {
            var f = File.ReadAllText("/proc/loadavg").Split(' ');
            if (double.TryParse(f[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var l)) load = l;
        }
        catch (IOException) { }
        var samples = new List<int>();
        for (int i = 0; i < 5; i++)
        {
            if (i > 0) Thread.Sleep(100);
            try
            {
                var line = File.ReadLines("/proc/stat").FirstOrDefault(x => x.StartsWith("procs_running ", StringComparison.Ordinal));
                // The thread reading /proc/stat is running itself.
                if (line != null) samples.Add(Math.Max(0, int.Parse(line[14..], CultureInfo.InvariantCulture) - 1));
            }
            catch (IOException) { }
        }
        int? others = samples.Count == 0 ? null : samples.Order().ElementAt(samples.Count / 2);
        var governors = new Dictionary<string, int>();
        foreach (var cpu in Directory.Exists("/sys/devices/system/cpu") ? Directory.EnumerateDirectories("/sys/devices/system/cpu", "cpu*") : [])
        {
            var g = Path.Combine(cpu, "cpufreq", "scaling_governor");
            try { if (File.Exists(g)) { var name = File.ReadAllText(g).Trim(); governors[name] = governors.GetValueOrDefault(name) + 1; } }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return new MachineCheck(load, Environment.ProcessorCount, others, governors);
    }
}
