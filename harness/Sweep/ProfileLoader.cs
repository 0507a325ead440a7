using Hdbt.Harness.Cli;

namespace Hdbt.Harness.Sweep;

/// <summary>Finds a profile by name (profiles/NAME.json) or path, and applies command-line overrides.</summary>
public static class ProfileLoader
{
    public static IEnumerable<string> Available() =>
        Directory.Exists(RepoPaths.Profiles)
            ? Directory.EnumerateFiles(RepoPaths.Profiles, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)
            : [];

    /// <summary>Loads a profile; throws <see cref="FormatException"/> with one line when it is missing or bad.</summary>
    public static Profile Load(string nameOrPath)
    {
        string path = File.Exists(nameOrPath) ? nameOrPath : Path.Combine(RepoPaths.Profiles, nameOrPath + ".json");
        if (!File.Exists(path))
            throw new FormatException($"no profile '{nameOrPath}' (profiles: {string.Join(", ", Available())}, or a path to a JSON file)");
        var p = Profile.Parse(File.ReadAllText(path), path);
        if (string.IsNullOrEmpty(p.Name) || p.Name == "custom") p.Name = Path.GetFileNameWithoutExtension(path);
        return p;
    }

    /// <summary>A copy of <paramref name="p"/> with every option given on the command line applied, validated again.</summary>
    public static Profile ApplyOverrides(Profile p, HarnessOptions o)
    {
        var r = p.Clone();
        if (o.Workloads != null) r.Workloads = o.Workloads;
        if (o.Modes != null) r.Modes = o.Modes;
        if (o.Thresholds != null) r.Thresholds = o.Thresholds;
        if (o.TraceLengths != null) r.TraceLengths = o.TraceLengths;
        if (o.LlvmThreads != null) r.LlvmThreads = o.LlvmThreads;
        if (o.Grid != null) r.Grid = o.Grid;
        if (o.Reps != null) r.Reps = o.Reps.Value;
        if (o.Warmup != null) r.Warmup = o.Warmup.Value;
        if (o.Size != null) r.Size = o.Size;
        if (o.Timeout != null) r.TimeoutSeconds = o.Timeout.Value;
        if (o.Baselines != null) r.Baselines = o.Baselines;
        if (o.Baseline != null) r.Baseline = o.Baseline;
        if (o.Seed != null) r.Seed = o.Seed.Value;
        if (o.Metric != null) r.Metric = o.Metric;
        r.Validate("command line");
        return r;
    }
}
