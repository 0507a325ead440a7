using Hdbt.Harness.Output;
using Hdbt.Harness.Sweep;

namespace Hdbt.Harness.Tests.Support;

/// <summary>
/// Made-up sweeps for testing the analysis and the figures without running anything, including
/// modes that are not built yet (the figures must be ready for them). Never used outside tests.
/// </summary>
public static class Synthetic
{
    /// <summary>
    /// Workloads alpha and beta under interp, tcg (the baseline), optionally hybridm, and native; or, with
    /// <paramref name="native64"/>, a host without i386 where native is skipped and native64 runs alpha only.
    /// </summary>
    public static SweepDefinition Definition(bool withTraceModes, bool native64 = false)
    {
        var p = new Profile { Name = "synthetic", Workloads = ["alpha", "beta"], Thresholds = [10, 50, 500], TraceLengths = [4, 16], Reps = 4, Warmup = 0, Baseline = "tcg" };
        var modes = new List<ModeInfo> { new("interp", true, false, false), new("tcg", true, false, false) };
        if (withTraceModes) modes.Add(new ModeInfo("hybridm", true, true, true));
        var def = new SweepDefinition { Profile = p, Workloads = ["alpha", "beta"], Modes = modes, BaselineMode = "tcg" };
        if (!native64)
        {
            modes.Add(ModeInfo.Native);
            return def;
        }
        modes.Add(ModeInfo.Native64);
        def.Native64Workloads = ["alpha"];
        def.SkippedModes.Add("native");
        def.Notes.Add(NativeSkipped);
        def.Notes.Add("native64: no row for beta: no x86-64 build of it prints the i386 reference output (workloads/BUILD-INFO.txt); native64's geometric mean is over the other 1 workloads");
        return def;
    }

    public const string NativeSkipped = "native: skipped: this host's kernel does not execute i386 programs (execve failed: Exec format error); the sweep has no native row and no speedup over native";

    /// <summary>Peak RSS of the synthetic runs: small for native code, large for the .NET translator, 10% more for beta.</summary>
    public static long RssKiB(GridPoint p) => (p.Mode.StartsWith("native", StringComparison.Ordinal) ? 1_000 : 60_000) * (p.Workload == "beta" ? 11 : 10) / 10;

    /// <summary>Runs whose wall time is a known function of the point, with a little deterministic spread.</summary>
    public static (List<RunRecord> Runs, List<CounterRecord> Counters) Runs(SweepDefinition def, Func<GridPoint, double> seconds)
    {
        var runs = new List<RunRecord>();
        var counters = new List<CounterRecord>();
        foreach (var pr in def.Plan())
        {
            var p = pr.Point;
            double jitter = 1 + 0.01 * ((pr.Rep % 3) - 1);
            double wall = seconds(p) * jitter;
            runs.Add(new RunRecord
            {
                RunId = pr.RunId, PointId = p.Id, Round = pr.Round, Phase = pr.Phase == Phase.Warmup ? "warmup" : "measure", Rep = pr.Rep,
                Workload = p.Workload, Size = "test", Mode = p.Mode, Threshold = p.Threshold, TraceLength = p.TraceLength, LlvmThreads = p.LlvmThreads,
                WallSeconds = wall, UserSeconds = wall * 0.9, SysSeconds = wall * 0.05, MaxRssKiB = RssKiB(p) + pr.Rep % 2, Valid = true,
            });
            if (p.Mode is "native" or "native64") continue;
            void C(string k, double v) => counters.Add(new CounterRecord { RunId = pr.RunId, Counter = k, Value = v });
            C("startup_seconds", 0.05);
            C("translation_seconds", wall * 0.2);
            C("execution_seconds", wall * 0.9);
            C("blocks_translated", 1000);
            if (p.Mode == "hybridm")
            {
                C("llvm_translation_seconds", wall * 0.1);
                C("trace_execution_seconds", wall * 0.3);
                for (int len = 1; len <= (p.TraceLength ?? 1); len++) C($"trace_length_histogram.{len}", 40.0 / len);
            }
        }
        return (runs, counters);
    }
}
