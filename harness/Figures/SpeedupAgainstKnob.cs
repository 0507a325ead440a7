namespace Hdbt.Harness.Figures;

/// <summary>
/// <c>speedup-vs-threshold-MODE</c> and <c>speedup-vs-trace-length-MODE</c>: speedup of one trace-forming
/// mode against one knob (log x), the other knobs at their defaults, a line per workload and the
/// geometric mean, the default value marked.
/// </summary>
public static class SpeedupAgainstKnob
{
    public static Figure? Build(FigureInput input, string mode, bool threshold, List<string> notes)
    {
        var def = input.Def;
        var p = def.Profile;
        string what = threshold ? "threshold" : "trace-length";
        var rows = input.Summary.Where(s => s.Mode == mode && s.Speedup != null
            && (threshold ? s.TraceLength == p.DefaultTraceLength : s.Threshold == p.DefaultThreshold)
            && (s.LlvmThreads == null || s.LlvmThreads == p.DefaultLlvmThreads)).ToList();
        double X(Output.SummaryRecord s) => (threshold ? s.Threshold : s.TraceLength) ?? double.NaN;
        if (rows.Select(X).Distinct().Count() < 2)
        {
            notes.Add($"speedup-vs-{what}-{mode}: skipped, fewer than two {what} values with valid runs");
            return null;
        }
        var names = def.Workloads.Where(w => rows.Any(r => r.Workload == w)).ToList();
        if (rows.Any(r => r.Workload == "geomean")) names.Add("geomean");
        var series = names.Select((w, i) =>
        {
            var r = rows.Where(x => x.Workload == w).OrderBy(X).ToList();
            return new FigureSeries(w, i, r.Select(x => x.Speedup!.Value).ToArray(),
                r.Select(x => x.SpeedupCiLow ?? double.NaN).ToArray(), r.Select(x => x.SpeedupCiHigh ?? double.NaN).ToArray(), r.Select(X).ToArray());
        }).ToList();
        int mark = threshold ? p.DefaultThreshold : p.DefaultTraceLength;
        return new LineFigure
        {
            Name = $"speedup-vs-{what}-{mode}",
            Title = threshold
                ? $"{mode}: speedup over {def.BaselineMode} against profile threshold (trace length {p.DefaultTraceLength})"
                : $"{mode}: speedup over {def.BaselineMode} against trace length (threshold {p.DefaultThreshold})",
            CategoryLabel = threshold ? "profile threshold (block executions, log scale)" : "maximum trace length (blocks, log scale)",
            ValueLabel = $"speedup over {def.BaselineMode} (×, {input.MetricName})",
            Series = series,
            LogX = true,
            Reference = 1.0,
            ReferenceLabel = $"{def.BaselineMode} = 1",
            MarkX = mark,
            MarkXLabel = $"default {(threshold ? "threshold" : "trace length")} {mark}",
            Notes = ["error bars: 95% bootstrap CI"],
        };
    }
}
