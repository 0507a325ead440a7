using Hdbt.Harness.Output;
using Hdbt.Harness.Sweep;

namespace Hdbt.Harness.Tests.Support;

/// <summary>
/// Made-up sweeps for testing the analysis and the figures without running anything, including
/// modes that are not built yet (the figures must be ready for them). Never used outside tests.
/// </summary>
public static class Synthetic
{
    public static SweepDefinition Definition(bool withTraceModes)
    {
        var p = new Profile { Name = "synthetic", Workloads = ["alpha", "beta"], Thresholds = [10, 50, 500], TraceLengths = [4, 16], Reps = 4, Warmup = 0, Baseline = "tcg" };
        var modes = new List<ModeInfo> { new("interp", true, false, false), new("tcg", true, false, false) };
        if (withTraceModes) modes.Add(new ModeInfo("hybridm", true, true, true));
        modes.Add(ModeInfo.Native);
        return new SweepDefinition { Profile = p, Workloads = ["alpha", "beta"], Modes = modes, BaselineMode = "tcg" };
    }

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
                WallSeconds = wall, UserSeconds = wall * 0.9, SysSeconds = wall * 0.05, MaxRssKiB = 50000, Valid = true,
            });
            if (p.Mode == "native") continue;
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
