using Hdbt.Harness.Analysis;
using Hdbt.Harness.Tests.Support;

namespace Hdbt.Harness.Tests.Analysis;

/// <summary>From runs to summary rows: speedups, geometric means, invalid runs left out, outliers flagged.</summary>
public sealed class AnalyzerTests
{
    private static double Seconds(Hdbt.Harness.Sweep.GridPoint p) => (p.Workload == "alpha" ? 1 : 3) * p.Mode switch
    {
        "interp" => 10.0,
        "tcg" => 2.0,
        "native" => 0.5,
        _ => 1.0 + (p.Threshold ?? 0) / 1000.0,
    };

    [Fact]
    public void SpeedupsAndGeometricMeansAreOverTheBaseline()
    {
        var def = Synthetic.Definition(withTraceModes: true);
        var (runs, counters) = Synthetic.Runs(def, Seconds);
        var a = Analyzer.Analyze(def, runs, counters);
        var interp = a.Summary.Single(s => s is { Workload: "alpha", Mode: "interp" });
        Assert.Equal(0.2, interp.Speedup!.Value, 6);
        Assert.Equal(4, interp.N);
        Assert.Equal(1.0, a.Summary.Single(s => s is { Workload: "beta", Mode: "tcg" }).Speedup!.Value, 6);
        var hy = a.Summary.Single(s => s is { Workload: "beta", Mode: "hybridm", Threshold: 500, TraceLength: 16, LlvmThreads: 1 });
        Assert.Equal(2.0 / 1.5, hy.Speedup!.Value, 6);
        Assert.False(hy.IsDefaultConfig);
        Assert.True(hy.SpeedupCiLow <= hy.Speedup && hy.Speedup <= hy.SpeedupCiHigh);
        var geo = a.Summary.Single(s => s is { Workload: "geomean", Mode: "native" });
        Assert.Equal(4.0, geo.Speedup!.Value, 6);
        Assert.Equal(2, geo.N);
        // Counters become per-point statistics, including keys the harness never heard of.
        Assert.Contains(a.Stats, s => s is { Workload: "alpha", Mode: "hybridm", Counter: "trace_length_histogram.3", IsDefaultConfig: true });
        Assert.DoesNotContain(a.Stats, s => s.Mode == "native");
    }

    [Fact]
    public void CpuMetricComparesUserPlusSystemTime()
    {
        var def = Synthetic.Definition(withTraceModes: false);
        def.Profile.Metric = "cpu";
        var (runs, counters) = Synthetic.Runs(def, Seconds);
        foreach (var r in runs.Where(r => r is { Workload: "alpha", Mode: "interp" })) { r.UserSeconds = 0.9; r.SysSeconds = 0.1; }
        var a = Analyzer.Analyze(def, runs, counters);
        var interp = a.Summary.Single(s => s is { Workload: "alpha", Mode: "interp" });
        // tcg's CPU time is 0.95 × its wall time (2 s with ±1% spread) in the synthetic runs; interp's is now 1 s.
        double tcgCpu = Stats.Median(runs.Where(r => r is { Workload: "alpha", Mode: "tcg" }).Select(r => r.UserSeconds + r.SysSeconds).ToList());
        Assert.InRange(tcgCpu, 0.95 * 1.98, 0.95 * 2.02);
        Assert.Equal(tcgCpu, interp.Speedup!.Value, 9);
        Assert.Equal("cpu", interp.SpeedupMetric);
        Assert.Equal(1.0, interp.CpuMedian!.Value, 6);
        Assert.InRange(interp.WallMedian!.Value, 9.9, 10.1);
    }

    [Fact]
    public void InvalidAndWarmupRunsAreLeftOutAndOutliersFlagged()
    {
        var def = Synthetic.Definition(withTraceModes: false);
        def.Profile.Warmup = 1;
        def.Profile.Reps = 6;
        var (runs, counters) = Synthetic.Runs(def, Seconds);
        var tcgAlpha = runs.Where(r => r is { Workload: "alpha", Mode: "tcg" }).ToList();
        tcgAlpha[0].WallSeconds = 1000;  // the warm-up: excluded by phase
        tcgAlpha[1].WallSeconds = 500;
        tcgAlpha[1].Valid = false;      // a wrong run: excluded
        tcgAlpha[2].WallSeconds = 2.6;  // an outlier: flagged, kept
        var a = Analyzer.Analyze(def, runs, counters);
        var s = a.Summary.Single(x => x is { Workload: "alpha", Mode: "tcg" });
        Assert.Equal(5, s.N);
        Assert.Equal(1, s.NInvalid);
        Assert.Equal(1, s.NOutliers);
        Assert.True(tcgAlpha[2].Outlier);
        Assert.InRange(s.WallMedian!.Value, 1.9, 2.1);
        Assert.Equal(5, a.Stats.Single(x => x is { Workload: "alpha", Mode: "tcg", Counter: "blocks_translated" }).N);
    }
}
