using System.Globalization;
using Hdbt.Harness.Measure;
using Hdbt.Harness.Output;
using Hdbt.Harness.Sweep;
using Hdbt.Plots;

namespace Hdbt.Harness.Figures;

/// <summary>
/// Draws the sweep's figures from summary.csv and stats.csv rows into plots/ (SVG; PNG and PDF as
/// well when rsvg-convert is installed). A figure whose data does not exist yet (e.g. no
/// trace-forming mode is built) is skipped with a note instead of being drawn empty.
/// </summary>
public static class FigureSet
{
    /// <summary>Writes every figure it has data for; returns the files written and notes on those skipped.</summary>
    public static (List<string> Files, List<string> Notes) Render(SweepDefinition def, List<SummaryRecord> summary, List<StatRecord> stats, string plotsDir)
    {
        Directory.CreateDirectory(plotsDir);
        var files = new List<string>();
        var notes = new List<string>();
        void Save(string name, SvgDocument doc)
        {
            var path = Path.Combine(plotsDir, name + ".svg");
            doc.Save(path);
            files.Add(path);
        }

        SpeedupPerWorkload(def, summary, Save, notes);
        var traceModes = def.Modes.Where(m => m.FormsTraces).ToList();
        if (traceModes.Count == 0)
            notes.Add("speedup-vs-threshold, speedup-vs-trace-length, trace-length: skipped, no trace-forming mode is built yet (hdbt --list-modes --all)");
        foreach (var m in traceModes)
        {
            SpeedupAgainst(def, summary, m.Name, threshold: true, Save, notes);
            SpeedupAgainst(def, summary, m.Name, threshold: false, Save, notes);
            TraceLengths(def, stats, m.Name, Save, notes);
        }
        TimeBreakdown(def, summary, stats, Save, notes);
        files.AddRange(Convert(files, notes));
        return (files, notes);
    }

    private static string MetricName(SweepDefinition def) => def.Profile.Metric == "cpu" ? "CPU time" : "wall time";

    private static void SpeedupPerWorkload(SweepDefinition def, List<SummaryRecord> summary, Action<string, SvgDocument> save, List<string> notes)
    {
        var rows = summary.Where(s => s.IsDefaultConfig && s.Speedup != null && s.Mode != def.BaselineMode).ToList();
        var modes = def.Modes.Select(m => m.Name).Where(m => rows.Any(r => r.Mode == m)).ToList();
        if (modes.Count == 0)
        {
            notes.Add($"speedup-per-workload: skipped, no mode other than the baseline ({def.BaselineMode}) has valid runs");
            return;
        }
        var cats = def.Workloads.Where(w => rows.Any(r => r.Workload == w)).ToList();
        bool geo = rows.Any(r => r.Workload == "geomean");
        if (geo) cats.Add("geomean");
        var series = modes.Select(m =>
        {
            SummaryRecord? R(string w) => rows.FirstOrDefault(r => r.Mode == m && r.Workload == w);
            return new BarSeries(m,
                cats.Select(w => R(w)?.Speedup ?? double.NaN).ToArray(),
                cats.Select(w => R(w)?.SpeedupCiLow ?? double.NaN).ToArray(),
                cats.Select(w => R(w)?.SpeedupCiHigh ?? double.NaN).ToArray());
        }).ToList();
        int n = def.Profile.Reps;
        // Speedups that span more than a factor of 20 (native runs next to an interpreter) need a log axis to stay readable.
        var all = series.SelectMany(x => x.Values).Where(v => double.IsFinite(v) && v > 0).Append(1.0).ToList();
        bool log = all.Max() / all.Min() > 20;
        save("speedup-per-workload", new GroupedBarChart
        {
            Title = $"Speedup over {def.BaselineMode} ({def.Profile.Size} size, {MetricName(def)}, median of {n} runs, 95% CI)",
            XLabel = "workload",
            YLabel = $"speedup over {def.BaselineMode} (×, higher is faster{(log ? ", log scale" : "")})",
            LogY = log,
            Categories = cats,
            Series = series,
            ReferenceLine = 1.0,
            ReferenceLabel = $"{def.BaselineMode} = 1",
            SeparateFrom = geo ? cats.Count - 1 : null,
            LegendTitle = "mode",
        }.Render());
    }

    private static void SpeedupAgainst(SweepDefinition def, List<SummaryRecord> summary, string mode, bool threshold, Action<string, SvgDocument> save, List<string> notes)
    {
        var p = def.Profile;
        string what = threshold ? "threshold" : "trace-length";
        // One knob varies, the others stay at their defaults.
        var rows = summary.Where(s => s.Mode == mode && s.Speedup != null
            && (threshold ? s.TraceLength == p.DefaultTraceLength : s.Threshold == p.DefaultThreshold)
            && (s.LlvmThreads == null || s.LlvmThreads == p.DefaultLlvmThreads)).ToList();
        double X(SummaryRecord s) => (threshold ? s.Threshold : s.TraceLength) ?? double.NaN;
        if (rows.Select(X).Distinct().Count() < 2)
        {
            notes.Add($"speedup-vs-{what}-{mode}: skipped, fewer than two {what} values with valid runs");
            return;
        }
        var names = def.Workloads.Where(w => rows.Any(r => r.Workload == w)).ToList();
        if (rows.Any(r => r.Workload == "geomean")) names.Add("geomean");
        var series = names.Select(w =>
        {
            var r = rows.Where(x => x.Workload == w).OrderBy(X).ToList();
            return new LineSeries(w, r.Select(X).ToArray(), r.Select(x => x.Speedup!.Value).ToArray(),
                r.Select(x => x.SpeedupCiLow ?? double.NaN).ToArray(), r.Select(x => x.SpeedupCiHigh ?? double.NaN).ToArray());
        }).ToList();
        int mark = threshold ? p.DefaultThreshold : p.DefaultTraceLength;
        save($"speedup-vs-{what}-{mode}", new LineChart
        {
            Title = threshold
                ? $"{mode}: speedup over {def.BaselineMode} ({MetricName(def)}) against profile threshold (trace length {p.DefaultTraceLength})"
                : $"{mode}: speedup over {def.BaselineMode} ({MetricName(def)}) against trace length (threshold {p.DefaultThreshold})",
            XLabel = threshold ? "profile threshold (block executions, log scale)" : "maximum trace length (blocks, log scale)",
            YLabel = $"speedup over {def.BaselineMode} (×)",
            Series = series,
            LogX = true,
            ReferenceLine = 1.0,
            ReferenceLabel = $"{def.BaselineMode} = 1",
            MarkX = mark,
            MarkXLabel = $"default {mark}",
            LegendTitle = "workload",
        }.Render());
    }

    private static void TraceLengths(SweepDefinition def, List<StatRecord> stats, string mode, Action<string, SvgDocument> save, List<string> notes)
    {
        // A distribution counter is exported as name.N (object key or array index N = length in blocks).
        var rows = stats.Where(s => s.Mode == mode && s.IsDefaultConfig && s.Counter.Contains("trace_len", StringComparison.Ordinal)).ToList();
        var parsed = rows.Select(r =>
        {
            int dot = r.Counter.LastIndexOf('.');
            bool ok = int.TryParse(dot < 0 ? "" : r.Counter[(dot + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out int len);
            return (r, ok, len);
        }).Where(x => x.ok).ToList();
        if (parsed.Count == 0)
        {
            notes.Add($"trace-length-{mode}: skipped, hdbt reports no trace length distribution (a trace_length* counter with one entry per length) for {mode}");
            return;
        }
        var series = def.Workloads.Where(w => parsed.Any(x => x.r.Workload == w))
            .Select(w => (w, (IReadOnlyDictionary<int, double>)parsed.Where(x => x.r.Workload == w)
                .GroupBy(x => x.len).ToDictionary(g => g.Key, g => g.Sum(x => x.r.Mean)))).ToList();
        save($"trace-length-{mode}", new Histogram
        {
            Title = $"{mode}: trace length distribution (threshold {def.Profile.DefaultThreshold}, mean per run)",
            XLabel = "trace length (blocks)",
            YLabel = "traces (count per run)",
            Series = series,
            LegendTitle = "workload",
        }.Render());
    }

    private static void TimeBreakdown(SweepDefinition def, List<SummaryRecord> summary, List<StatRecord> stats, Action<string, SvgDocument> save, List<string> notes)
    {
        var emulatorModes = def.Modes.Where(m => m.IsEmulator).Select(m => m.Name).ToList();
        var rows = stats.Where(s => s.IsDefaultConfig && emulatorModes.Contains(s.Mode)).ToList();
        if (!rows.Any(r => r.Counter == "execution_seconds"))
        {
            notes.Add("time-breakdown: skipped, no valid emulator run reported execution_seconds");
            return;
        }
        var seconds = rows.Select(r => r.Counter).Distinct().Where(c => c.EndsWith("_seconds", StringComparison.Ordinal) && !c.Contains('.')).ToList();
        // Translation per tier: every *_seconds counter about translating or compiling (tiers add their own).
        var translation = seconds.Where(c => c.Contains("translat", StringComparison.Ordinal) || c.Contains("compil", StringComparison.Ordinal)).ToList();
        // Execution parts other than plain blocks, e.g. trace_execution_seconds.
        var execParts = seconds.Where(c => c.Contains("exec", StringComparison.Ordinal) && c != "execution_seconds" && !translation.Contains(c)).ToList();
        var cats = new List<string>();
        var comps = new List<string> { "start-up (startup_seconds)" };
        comps.AddRange(translation.Select(Label));
        comps.Add("execution in blocks");
        comps.AddRange(execParts.Select(Label));
        comps.Add("other (exit, runtime)");
        var values = comps.Select(_ => new List<double>()).ToList();
        foreach (var w in def.Workloads)
            foreach (var m in emulatorModes)
            {
                var r = rows.Where(x => x.Workload == w && x.Mode == m).ToDictionary(x => x.Counter, x => x.Median);
                var s = summary.FirstOrDefault(x => x.Workload == w && x.Mode == m && x.IsDefaultConfig);
                if (!r.TryGetValue("execution_seconds", out var exec) || s?.WallMedian == null) continue;
                cats.Add($"{w} {m}");
                double startup = r.GetValueOrDefault("startup_seconds");
                var tr = translation.Select(c => r.GetValueOrDefault(c)).ToList();
                var ex = execParts.Select(c => r.GetValueOrDefault(c)).ToList();
                int k = 0;
                values[k++].Add(startup);
                foreach (var t in tr) values[k++].Add(t);
                values[k++].Add(Math.Max(0, exec - tr.Sum() - ex.Sum()));
                foreach (var e in ex) values[k++].Add(e);
                values[k].Add(Math.Max(0, s.WallMedian.Value - startup - exec));
            }
        save("time-breakdown", new StackedBarChart
        {
            Title = $"Where the time goes ({def.Profile.Size} size, medians, default knobs)",
            XLabel = "workload and mode",
            YLabel = "wall time (s)",
            Categories = cats,
            Components = comps.Select((c, i) => new BarSeries(c, values[i].ToArray())).ToList(),
            LegendTitle = "component",
        }.Render());
    }

    private static string Label(string counter) => counter[..^"_seconds".Length].Replace('_', ' ') + $" ({counter})";

    /// <summary>PNG (at twice the size, for slides and screens) and PDF (for papers) through rsvg-convert, when installed.</summary>
    private static List<string> Convert(List<string> svgs, List<string> notes)
    {
        var tool = Spawner.FindOnPath("rsvg-convert");
        if (tool == null)
        {
            notes.Add("PNG/PDF: skipped, rsvg-convert is not installed (apt-get install librsvg2-bin); the SVG files are complete");
            return [];
        }
        var made = new List<string>();
        foreach (var svg in svgs)
            foreach (var (fmt, extra) in new[] { ("png", new[] { "-z", "2" }), ("pdf", Array.Empty<string>()) })
            {
                var outPath = Path.ChangeExtension(svg, fmt);
                var r = Spawner.Run([tool, "-f", fmt, .. extra, "-o", outPath, svg], outPath + ".log", outPath + ".err", TimeSpan.FromSeconds(60));
                File.Delete(outPath + ".log");
                if (r.Status == 0) { made.Add(outPath); File.Delete(outPath + ".err"); }
                else notes.Add($"{Path.GetFileName(outPath)}: rsvg-convert failed (see {outPath}.err)");
            }
        return made;
    }
}
