using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hdbt.Harness.Sweep;

/// <summary>
/// A sweep definition (profiles/NAME.json): which workloads, modes, knob values, repetitions and
/// baselines to run. Every field can be overridden on the command line. Unknown fields are an
/// error, so that a typo in a profile does not silently change a sweep.
/// </summary>
public sealed class Profile
{
    public string Name { get; set; } = "custom";
    public string Description { get; set; } = "";

    /// <summary>Workload names from workloads/manifest.json, or "*" for all of them.</summary>
    public List<string> Workloads { get; set; } = ["*"];

    /// <summary>Problem size: a key of each workload's "sizes" (test, ref).</summary>
    public string Size { get; set; } = "test";

    /// <summary>Emulator modes, or "*" for every mode hdbt knows (modes not built yet are reported and skipped).</summary>
    public List<string> Modes { get; set; } = ["*"];

    /// <summary>Profile thresholds (block executions before a trace is formed); only for trace-forming modes.</summary>
    public List<int> Thresholds { get; set; } = [50];

    /// <summary>Maximum blocks per trace; only for trace-forming modes.</summary>
    public List<int> TraceLengths { get; set; } = [16];

    /// <summary>LLVM worker threads; only for modes that compile on worker threads.</summary>
    public List<int> LlvmThreads { get; set; } = [1];

    /// <summary>"axes": vary one knob at a time around the defaults; "cross": every combination.</summary>
    public string Grid { get; set; } = "axes";

    public int DefaultThreshold { get; set; } = 50;
    public int DefaultTraceLength { get; set; } = 16;
    public int DefaultLlvmThreads { get; set; } = 1;

    /// <summary>Measured repetitions per point.</summary>
    public int Reps { get; set; } = 5;

    /// <summary>Runs per point before the measured ones, discarded.</summary>
    public int Warmup { get; set; } = 1;

    public double TimeoutSeconds { get; set; } = 300;

    /// <summary>
    /// Extra rows run in the same sweep: "native" (the i386 binary run directly), "native64" (the same
    /// source built for x86-64, run directly) and "qemu" (qemu-i386).
    /// </summary>
    public List<string> Baselines { get; set; } = ["native", "native64", "qemu"];

    /// <summary>The mode speedups are computed over.</summary>
    public string Baseline { get; set; } = "tcg";

    /// <summary>
    /// What speedups compare: "wall" (elapsed time, the default: what a user waits for, and the
    /// only fair measure for modes that compile on other threads) or "cpu" (user + system time of
    /// the process, steadier on a shared machine, but it counts worker threads' work too).
    /// </summary>
    public string Metric { get; set; } = "wall";

    /// <summary>Seed of the run-order shuffle (the statistics use their own fixed seed).</summary>
    public int Seed { get; set; } = 1;

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // Plain apostrophes and plus signs in the files people read, instead of \u0027 escapes.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Parses a profile; throws <see cref="FormatException"/> with one readable line on bad input.</summary>
    public static Profile Parse(string json, string source)
    {
        Profile? p;
        try { p = JsonSerializer.Deserialize<Profile>(json, JsonOptions); }
        catch (JsonException e) { throw new FormatException($"{source}: {e.Message}"); }
        if (p == null) throw new FormatException($"{source}: empty profile");
        p.Validate(source);
        return p;
    }

    /// <summary>Checks ranges; throws <see cref="FormatException"/> naming the bad field.</summary>
    public void Validate(string source)
    {
        void Require(bool ok, string what) { if (!ok) throw new FormatException($"{source}: {what}"); }
        Require(Workloads.Count > 0, "workloads is empty");
        Require(Modes.Count > 0, "modes is empty");
        Require(Thresholds.Count > 0 && Thresholds.All(t => t >= 1), "thresholds must be a non-empty list of integers >= 1");
        Require(TraceLengths.Count > 0 && TraceLengths.All(t => t >= 1), "trace_lengths must be a non-empty list of integers >= 1");
        Require(LlvmThreads.Count > 0 && LlvmThreads.All(t => t >= 1), "llvm_threads must be a non-empty list of integers >= 1");
        Require(Metric is "wall" or "cpu", $"metric must be wall or cpu, not '{Metric}'");
        Require(Grid is "axes" or "cross", $"grid must be axes or cross, not '{Grid}'");
        Require(Reps >= 1, "reps must be >= 1");
        Require(Warmup >= 0, "warmup must be >= 0");
        Require(TimeoutSeconds > 0, "timeout_seconds must be > 0");
        Require(Baselines.All(b => ModeInfo.BaselineRows.Contains(b)), $"baselines may contain only {string.Join(", ", ModeInfo.BaselineRows)}");
        Require(DefaultThreshold >= 1 && DefaultTraceLength >= 1 && DefaultLlvmThreads >= 1, "defaults must be >= 1");
    }

    public Profile Clone() => JsonSerializer.Deserialize<Profile>(JsonSerializer.Serialize(this, JsonOptions), JsonOptions)!;

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
