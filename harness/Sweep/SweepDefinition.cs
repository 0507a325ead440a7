namespace Hdbt.Harness.Sweep;

/// <summary>
/// Everything that fixes a sweep's plan, saved as sweep.json in its results folder: the resolved
/// profile (overrides applied), the workloads and modes actually run, the effective baseline and
/// the shard. --resume, --plot and --merge start from it.
/// </summary>
public sealed class SweepDefinition
{
    public Profile Profile { get; set; } = new();
    public List<string> Workloads { get; set; } = [];

    /// <summary>Modes that run, in figure order: emulator modes, then native, native64 and qemu.</summary>
    public List<ModeInfo> Modes { get; set; } = [];

    /// <summary>Modes that were asked for but are not built or installed (reported, never faked).</summary>
    public List<string> SkippedModes { get; set; } = [];

    /// <summary>The mode speedups are over (the requested one, or interp when that is not built).</summary>
    public string BaselineMode { get; set; } = "tcg";

    /// <summary>
    /// The workloads that have a native64 build (an x86-64 build whose output equals the i386 reference):
    /// the native64 row has points for these only. Null in sweeps from before native64 (no restriction).
    /// </summary>
    public List<string>? Native64Workloads { get; set; }

    /// <summary>CPUs the measured programs are pinned to (--pin), null when not pinned; --resume keeps them.</summary>
    public List<int>? PinCpus { get; set; }

    public int ShardIndex { get; set; } = 1;
    public int ShardCount { get; set; } = 1;

    /// <summary>Notes for the reader (baseline fallback, skipped modes, how to install qemu).</summary>
    public List<string> Notes { get; set; } = [];

    public string ShardLabel => ShardCount == 1 ? "" : $"{ShardIndex}/{ShardCount}";

    /// <summary>The points of this sweep (this shard's only when sharded), in a fixed order.</summary>
    public List<GridPoint> Points()
    {
        var all = GridExpander.Expand(Profile, Workloads, Modes, Native64Workloads);
        return ShardCount == 1 ? all : GridExpander.Shard(all, ShardIndex, ShardCount);
    }

    public List<PlannedRun> Plan() => RunPlan.Build(Points(), Profile.Warmup, Profile.Reps, Profile.Seed);

    public ModeInfo? Mode(string name) => Modes.FirstOrDefault(m => m.Name == name);

    /// <summary>Whether a point has the profile's default knob values (the one shown in per-workload bars).</summary>
    public bool IsDefaultConfig(int? threshold, int? traceLength, int? threads) =>
        (threshold == null || threshold == Profile.DefaultThreshold)
        && (traceLength == null || traceLength == Profile.DefaultTraceLength)
        && (threads == null || threads == Profile.DefaultLlvmThreads);
}
