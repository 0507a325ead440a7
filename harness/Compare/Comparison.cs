using System.Text.Json.Nodes;
using Hdbt.Harness.Analysis;
using Hdbt.Harness.Export;
using Hdbt.Harness.Output;
using Hdbt.Harness.Sweep;

namespace Hdbt.Harness.Compare;

/// <summary>
/// Compares two results folders point by point (same workload, mode and knobs): the ratio of the
/// medians B/A of the chosen metric with a 95% bootstrap CI that resamples both folders' runs, a
/// verdict (significant when the CI excludes 1), and per configuration the geometric mean of the ratios
/// over the workloads both have. Points only one folder has are listed; runs of different sizes are not
/// comparable and refused; a different machine or hdbt build is a warning.
/// </summary>
public sealed class Comparison
{
    private Comparison(string a, string b, string metric, List<CompareRow> rows, List<string> onlyA, List<string> onlyB, List<string> warnings)
    {
        A = a; B = b; Metric = metric; Rows = rows; OnlyInA = onlyA; OnlyInB = onlyB; Warnings = warnings;
    }

    public string A { get; }
    public string B { get; }

    /// <summary>"wall" or "cpu".</summary>
    public string Metric { get; }

    /// <summary>Points in A's order, then the geometric-mean rows.</summary>
    public List<CompareRow> Rows { get; }
    public List<string> OnlyInA { get; }
    public List<string> OnlyInB { get; }
    public List<string> Warnings { get; }

    /// <summary>Compares <paramref name="dirA"/> and <paramref name="dirB"/>; <paramref name="metric"/> null takes A's. Throws <see cref="FormatException"/> when they are not comparable.</summary>
    public static Comparison Of(string dirA, string dirB, string? metric)
    {
        var fa = new ResultsFolder(dirA);
        var fb = new ResultsFolder(dirB);
        var da = fa.LoadDefinition();
        var db = fb.LoadDefinition();
        if (da.Profile.Size != db.Profile.Size)
            throw new FormatException($"{fa.Dir} ran size {da.Profile.Size} and {fb.Dir} size {db.Profile.Size}: their times are not comparable");
        metric ??= da.Profile.Metric;
        if (metric is not ("wall" or "cpu")) throw new FormatException($"--metric must be wall or cpu, not '{metric}'");
        var warnings = new List<string>();
        if (da.Profile.Metric != db.Profile.Metric && metric == da.Profile.Metric)
            warnings.Add($"the folders' own metrics differ ({da.Profile.Metric} and {db.Profile.Metric}); both are compared in {metric} time, which every run records");
        warnings.AddRange(EnvDifferences(fa.EnvJson, fb.EnvJson));

        Func<RunRecord, double> time = metric == "cpu" ? r => r.UserSeconds + r.SysSeconds : r => r.WallSeconds;
        Dictionary<string, (RunRecord First, List<double> Times)> Points(ResultsFolder f) =>
            f.LoadRuns().Where(r => r.Counts).GroupBy(r => r.PointId).ToDictionary(g => g.Key, g => (g.First(), g.Select(time).ToList()));
        var pa = Points(fa);
        var pb = Points(fb);
        var rng = new Random(Analyzer.BootstrapSeed);
        var rows = new List<CompareRow>();
        string Config(RunRecord r) => new GridPoint(r.Workload, r.Mode, r.Threshold, r.TraceLength, r.LlvmThreads).ConfigLabel;
        int W(string w) { int i = da.Workloads.IndexOf(w); return i < 0 ? int.MaxValue : i; }
        int M(string m) { int i = da.Modes.FindIndex(x => x.Name == m); return i < 0 ? int.MaxValue : i; }
        foreach (var (id, (first, ta)) in pa.OrderBy(x => W(x.Value.First.Workload)).ThenBy(x => M(x.Value.First.Mode)).ThenBy(x => x.Key, StringComparer.Ordinal))
        {
            if (!pb.TryGetValue(id, out var b)) continue;
            var (ratio, lo, hi) = Stats.SpeedupCi(b.Times, ta, rng);
            rows.Add(new CompareRow(first.Workload, Config(first), ta.Count, b.Times.Count, Stats.Median(ta), Stats.Median(b.Times), ratio, Num(lo), Num(hi)));
        }
        foreach (var cfg in rows.GroupBy(r => r.Config).ToList())
        {
            var pairs = cfg.Select(r => ((IReadOnlyList<double>)pb[$"{r.Workload}/{r.Config}"].Times, (IReadOnlyList<double>)pa[$"{r.Workload}/{r.Config}"].Times)).ToList();
            var (g, lo, hi) = Stats.GeoMeanSpeedupCi(pairs, rng);
            rows.Add(new CompareRow("geomean", cfg.Key, pairs.Count, pairs.Count, null, null, g, Num(lo), Num(hi)));
        }
        return new Comparison(fa.Dir, fb.Dir, metric, rows,
            pa.Keys.Where(k => !pb.ContainsKey(k)).Order(StringComparer.Ordinal).ToList(), pb.Keys.Where(k => !pa.ContainsKey(k)).Order(StringComparer.Ordinal).ToList(), warnings);
    }

    private static double? Num(double v) => double.IsFinite(v) ? v : null;

    /// <summary>What differs between two env.json files that makes times less comparable.</summary>
    private static IEnumerable<string> EnvDifferences(string a, string b)
    {
        JsonNode? Read(string p) { try { return JsonNode.Parse(File.ReadAllText(p)); } catch (Exception e) when (e is IOException or System.Text.Json.JsonException) { return null; } }
        var ea = Read(a);
        var eb = Read(b);
        if (ea == null || eb == null) yield break;
        foreach (var key in new[] { "cpu_model", "logical_cores", "hostname", "kernel", "hdbt_version", "qemu_i386" })
        {
            string? x = ea[key]?.ToString(), y = eb[key]?.ToString();
            if (x != y) yield return $"{key} differs: {x ?? "none"} (A) and {y ?? "none"} (B)";
        }
    }

    /// <summary>The comparison as a table for --export-markdown and --export-latex.</summary>
    public ExportTable ToTable()
    {
        string m = Metric == "cpu" ? "CPU time" : "wall time";
        var body = Rows.Select(r => (IReadOnlyList<string>)
        [
            r.Workload == "geomean" ? $"geometric mean ({r.NA} workloads), {r.Config}" : $"{r.Workload}/{r.Config}",
            r.MedianA is { } a ? Numbers.Sig3(a) : "",
            r.MedianB is { } b ? Numbers.Sig3(b) : "",
            Numbers.RatioWithCi(r.Ratio, r.Low, r.High),
            r.Verdict,
        ]).ToList();
        int firstGeo = Rows.FindIndex(r => r.Workload == "geomean");
        var notes = new List<string>
        {
            $"A = {A}; B = {B}. Ratio = median {m} of B / median {m} of A (> 1: B is slower); 95% percentile-bootstrap CI resampling both folders' runs; significant when it excludes 1.",
        };
        if (OnlyInA.Count > 0) notes.Add($"only in A: {string.Join(", ", OnlyInA)}");
        if (OnlyInB.Count > 0) notes.Add($"only in B: {string.Join(", ", OnlyInB)}");
        notes.AddRange(Warnings.Select(w => "warning: " + w));
        return new ExportTable($"B against A ({m})", ["point", "A median (s)", "B median (s)", "B/A", "verdict"], body, notes,
            $"{A} and {B}", firstGeo < 0 ? null : firstGeo);
    }
}
