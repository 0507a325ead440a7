using Hdbt.Harness.Output;
using Hdbt.Harness.Sweep;

namespace Hdbt.Harness.Export;

/// <summary>The tables the harness exports: a sweep's speedups (from summary.csv rows) and a comparison of two sweeps.</summary>
public static class Tables
{
    /// <summary>
    /// Speedup over the baseline per workload (rows, the geometric mean last) and mode (columns; the
    /// default knobs of trace-forming modes), with the 95% CI, and the baseline's median time.
    /// </summary>
    public static ExportTable Summary(SweepDefinition def, IReadOnlyList<SummaryRecord> summary, string source)
    {
        var p = def.Profile;
        string metric = p.Metric == "cpu" ? "CPU time" : "wall time";
        var rows = summary.Where(s => s.IsDefaultConfig).ToList();
        var modes = def.Modes.Select(m => m.Name).Where(m => m != def.BaselineMode && rows.Any(r => r.Mode == m && r.Speedup != null)).ToList();
        var header = new List<string> { "workload", $"{ModeInfo.Label(def.BaselineMode)} median (s)" };
        header.AddRange(modes.Select(ModeInfo.Label));
        var body = new List<IReadOnlyList<string>>();
        SummaryRecord? Row(string w, string m) => rows.FirstOrDefault(r => r.Workload == w && r.Mode == m);
        foreach (var w in def.Workloads.Where(w => rows.Any(r => r.Workload == w)))
        {
            var b = Row(w, def.BaselineMode);
            double? t = p.Metric == "cpu" ? b?.CpuMedian : b?.WallMedian;
            var cells = new List<string> { w, t is { } x ? Numbers.Sig3(x) : "" };
            cells.AddRange(modes.Select(m => Row(w, m) is { } r ? Numbers.RatioWithCi(r.Speedup, r.SpeedupCiLow, r.SpeedupCiHigh) : ""));
            body.Add(cells);
        }
        int? rule = null;
        if (rows.Any(r => r.Workload == "geomean"))
        {
            rule = body.Count;
            var cells = new List<string> { "geometric mean", "" };
            cells.AddRange(modes.Select(m => Row("geomean", m) is { } r ? Numbers.RatioWithCi(r.Speedup, r.SpeedupCiLow, r.SpeedupCiHigh) : ""));
            body.Add(cells);
        }
        var notes = new List<string>
        {
            $"Speedup = median {metric} of {ModeInfo.Label(def.BaselineMode)} / median {metric} of the mode, {p.Reps} measured runs per point after {p.Warmup} warm-up; "
                + "95% percentile-bootstrap CI in parentheses; geometric mean over the workloads with both rows.",
        };
        if (def.Modes.Any(m => m.FormsTraces)) notes.Add($"Trace-forming modes at their default knobs (threshold {p.DefaultThreshold}, trace length {p.DefaultTraceLength}).");
        notes.AddRange(def.Notes.Where(IsBaselineNote));
        return new ExportTable($"Speedup over {ModeInfo.Label(def.BaselineMode)} ({p.Size} size, {metric})", header, body, notes, source, rule);
    }

    /// <summary>Notes a reader of a table or figure needs: rows that did not run, and a baseline that fell back.</summary>
    public static bool IsBaselineNote(string n) =>
        n.StartsWith("native:", StringComparison.Ordinal) || n.StartsWith("native64:", StringComparison.Ordinal)
        || n.StartsWith("qemu:", StringComparison.Ordinal) || n.StartsWith("BASELINE", StringComparison.Ordinal);
}
