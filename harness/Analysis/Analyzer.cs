using Hdbt.Harness.Output;
using Hdbt.Harness.Sweep;

namespace Hdbt.Harness.Analysis;

/// <summary>
/// Turns raw runs into per-point statistics. Only valid measured runs count; invalid and warm-up
/// runs are left out of every number. Outliers (MAD rule) are flagged on the runs, not removed.
/// </summary>
public static class Analyzer
{
    /// <summary>Fixed seed: the same runs always give the same intervals.</summary>
    public const int BootstrapSeed = 20260101;

    public static AnalysisResult Analyze(SweepDefinition def, List<RunRecord> runs, IReadOnlyList<CounterRecord> counters)
    {
        var rng = new Random(BootstrapSeed);
        Func<RunRecord, double> time = def.Profile.Metric == "cpu" ? r => r.UserSeconds + r.SysSeconds : r => r.WallSeconds;
        var summary = new List<SummaryRecord>();
        var byPoint = runs.GroupBy(r => r.PointId).ToDictionary(g => g.Key, g => g.ToList());
        var points = PointOrder(def, runs);

        // Flag outliers on the runs themselves (runs.csv shows them); they stay in the statistics.
        foreach (var list in byPoint.Values)
        {
            var counted = list.Where(r => r.Counts).ToList();
            foreach (var r in list) r.Outlier = false;
            foreach (var i in Stats.MadOutliers(counted.Select(time).ToList())) counted[i].Outlier = true;
        }

        List<double> Walls(string pointId) =>
            byPoint.TryGetValue(pointId, out var l) ? l.Where(r => r.Counts).Select(r => r.WallSeconds).ToList() : [];
        // What speedups compare: wall time, or CPU time with metric "cpu".
        List<double> Times(string pointId) =>
            byPoint.TryGetValue(pointId, out var l) ? l.Where(r => r.Counts).Select(time).ToList() : [];

        string size = runs.FirstOrDefault()?.Size ?? def.Profile.Size;
        foreach (var p in points)
        {
            var list = byPoint[p.Id];
            var walls = Walls(p.Id);
            var counted = list.Where(r => r.Counts).ToList();
            var s = new SummaryRecord
            {
                Workload = p.Workload, Size = size, Mode = p.Mode, Threshold = p.Threshold, TraceLength = p.TraceLength, LlvmThreads = p.LlvmThreads,
                IsDefaultConfig = def.IsDefaultConfig(p.Threshold, p.TraceLength, p.LlvmThreads),
                N = walls.Count,
                NInvalid = list.Count(r => !r.Valid),
                NOutliers = counted.Count(r => r.Outlier),
                BaselineMode = def.BaselineMode,
                SpeedupMetric = def.Profile.Metric,
            };
            if (walls.Count > 0)
            {
                s.WallMedian = Stats.Median(walls);
                s.WallMean = Stats.Mean(walls);
                s.WallSd = Num(Stats.StdDev(walls));
                var (lo, hi) = Stats.BootstrapCi(walls, Stats.Median, rng);
                s.WallCiLow = Num(lo);
                s.WallCiHigh = Num(hi);
                s.UserMedian = Stats.Median(counted.Select(r => r.UserSeconds).ToList());
                s.SysMedian = Stats.Median(counted.Select(r => r.SysSeconds).ToList());
                s.CpuMedian = Stats.Median(counted.Select(r => r.UserSeconds + r.SysSeconds).ToList());
                var rss = counted.Select(r => (double)r.MaxRssKiB).ToList();
                s.MaxRssMedian = Stats.Median(rss);
                var (rlo, rhi) = Stats.BootstrapCi(rss, Stats.Median, rng);
                s.MaxRssCiLow = Num(rlo);
                s.MaxRssCiHigh = Num(rhi);
                var baseTimes = Times(new GridPoint(p.Workload, def.BaselineMode, null, null, null).Id);
                if (baseTimes.Count > 0)
                {
                    var (ratio, slo, shi) = Stats.SpeedupCi(baseTimes, Times(p.Id), rng);
                    s.Speedup = ratio;
                    s.SpeedupCiLow = Num(slo);
                    s.SpeedupCiHigh = Num(shi);
                }
            }
            summary.Add(s);
        }

        // Geometric mean per configuration over the workloads that have both it and the baseline.
        foreach (var cfg in points.GroupBy(p => p.ConfigLabel))
        {
            var first = cfg.First();
            var pairs = cfg.Select(p => ((IReadOnlyList<double>)Times(new GridPoint(p.Workload, def.BaselineMode, null, null, null).Id), (IReadOnlyList<double>)Times(p.Id)))
                .Where(x => x.Item1.Count > 0 && x.Item2.Count > 0).ToList();
            if (pairs.Count == 0) continue;
            var (g, lo, hi) = Stats.GeoMeanSpeedupCi(pairs, rng);
            summary.Add(new SummaryRecord
            {
                Workload = "geomean", Size = size, Mode = first.Mode, Threshold = first.Threshold, TraceLength = first.TraceLength, LlvmThreads = first.LlvmThreads,
                IsDefaultConfig = def.IsDefaultConfig(first.Threshold, first.TraceLength, first.LlvmThreads),
                N = pairs.Count, BaselineMode = def.BaselineMode, SpeedupMetric = def.Profile.Metric, Speedup = g, SpeedupCiLow = Num(lo), SpeedupCiHigh = Num(hi),
            });
        }

        return new AnalysisResult(summary, CounterStats(def, runs, counters, points));
    }

    private static double? Num(double v) => double.IsFinite(v) ? v : null;

    /// <summary>Points in figure order (workloads, then modes as in the definition), from the runs that exist.</summary>
    private static List<GridPoint> PointOrder(SweepDefinition def, List<RunRecord> runs)
    {
        var seen = runs.GroupBy(r => r.PointId).Select(g => g.First())
            .Select(r => new GridPoint(r.Workload, r.Mode, r.Threshold, r.TraceLength, r.LlvmThreads)).ToList();
        int W(string w) { int i = def.Workloads.IndexOf(w); return i < 0 ? int.MaxValue : i; }
        int M(string m) { int i = def.Modes.FindIndex(x => x.Name == m); return i < 0 ? int.MaxValue : i; }
        return seen.OrderBy(p => W(p.Workload)).ThenBy(p => p.Workload, StringComparer.Ordinal).ThenBy(p => M(p.Mode))
            .ThenBy(p => p.Threshold).ThenBy(p => p.TraceLength).ThenBy(p => p.LlvmThreads).ToList();
    }

    private static List<StatRecord> CounterStats(SweepDefinition def, List<RunRecord> runs, IReadOnlyList<CounterRecord> counters, List<GridPoint> points)
    {
        var countedRuns = runs.Where(r => r.Counts).ToDictionary(r => r.RunId, r => r.PointId);
        var byPointCounter = counters.Where(c => countedRuns.ContainsKey(c.RunId))
            .GroupBy(c => (Point: countedRuns[c.RunId], c.Counter))
            .ToDictionary(g => g.Key, g => g.Select(c => c.Value).ToList());
        var counterOrder = counters.Select(c => c.Counter).Distinct().ToList();
        var result = new List<StatRecord>();
        foreach (var p in points)
            foreach (var name in counterOrder)
            {
                if (!byPointCounter.TryGetValue((p.Id, name), out var v)) continue;
                result.Add(new StatRecord
                {
                    Workload = p.Workload, Mode = p.Mode, Threshold = p.Threshold, TraceLength = p.TraceLength, LlvmThreads = p.LlvmThreads,
                    IsDefaultConfig = def.IsDefaultConfig(p.Threshold, p.TraceLength, p.LlvmThreads),
                    Counter = name, N = v.Count, Median = Stats.Median(v), Mean = v.Average(), Min = v.Min(), Max = v.Max(),
                });
            }
        return result;
    }
}
