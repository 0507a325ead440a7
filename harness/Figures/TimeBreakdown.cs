namespace Hdbt.Harness.Figures;

/// <summary>
/// <c>time-breakdown</c>: where the time of each workload under each emulator mode goes, stacked:
/// start-up, translation per tier (every <c>*translat*</c>/<c>*compil*</c> <c>_seconds</c> counter), execution in
/// blocks, other execution parts (e.g. <c>trace_execution_seconds</c>), and the rest of the wall time
/// (exit, runtime). Medians of the runs; the error bar is the 95% CI of the median wall time, the total.
/// </summary>
public static class TimeBreakdown
{
    public const string Name = "time-breakdown";

    public static Figure? Build(FigureInput input, List<string> notes)
    {
        var def = input.Def;
        var emulatorModes = def.Modes.Where(m => m.IsEmulator).Select(m => m.Name).ToList();
        var rows = input.Stats.Where(s => s.IsDefaultConfig && emulatorModes.Contains(s.Mode)).ToList();
        if (!rows.Any(r => r.Counter == "execution_seconds"))
        {
            notes.Add($"{Name}: skipped, no valid emulator run reported execution_seconds");
            return null;
        }
        var seconds = rows.Select(r => r.Counter).Distinct().Where(c => c.EndsWith("_seconds", StringComparison.Ordinal) && !c.Contains('.')).ToList();
        var translation = seconds.Where(c => c.Contains("translat", StringComparison.Ordinal) || c.Contains("compil", StringComparison.Ordinal)).ToList();
        var execParts = seconds.Where(c => c.Contains("exec", StringComparison.Ordinal) && c != "execution_seconds" && !translation.Contains(c)).ToList();
        var comps = new List<string> { "start-up" };
        comps.AddRange(translation.Select(Label));
        comps.Add("execution in blocks");
        comps.AddRange(execParts.Select(Label));
        comps.Add("other (exit, runtime)");
        var values = comps.Select(_ => new List<double>()).ToList();
        var cats = new List<string>();
        var low = new List<double>();
        var high = new List<double>();
        foreach (var w in def.Workloads)
            foreach (var m in emulatorModes)
            {
                var r = rows.Where(x => x.Workload == w && x.Mode == m).ToDictionary(x => x.Counter, x => x.Median);
                var s = input.Summary.FirstOrDefault(x => x.Workload == w && x.Mode == m && x.IsDefaultConfig);
                if (!r.TryGetValue("execution_seconds", out var exec) || s?.WallMedian == null) continue;
                cats.Add($"{w} {m}");
                low.Add(s.WallCiLow ?? double.NaN);
                high.Add(s.WallCiHigh ?? double.NaN);
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
        return new StackedBarFigure
        {
            Name = Name,
            Title = $"Where the time goes ({def.Profile.Size} size, medians of {def.Profile.Reps})",
            ValueLabel = "wall time (s)",
            CategoryLabel = "workload and mode",
            Categories = cats,
            Components = comps.Select((c, i) => new FigureSeries(c, i, values[i].ToArray())).ToList(),
            TotalLow = low.ToArray(),
            TotalHigh = high.ToArray(),
            Notes = ["error bars: 95% bootstrap CI of the median wall time (the whole bar)"],
        };
    }

    /// <summary>A counter as a legend label: <c>llvm_translation_seconds</c> → "llvm translation".</summary>
    public static string Label(string counter) => counter[..^"_seconds".Length].Replace('_', ' ');
}
