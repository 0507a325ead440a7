using Hdbt.Harness.Sweep;

namespace Hdbt.Harness.Figures;

/// <summary>
/// <c>speedup-per-workload</c>: speedup over the baseline per workload and mode at the default knobs,
/// with 95% CI error bars and the geometric mean set apart; a log axis when the speedups span more than
/// a factor of 20 (an interpreter next to native code).
/// </summary>
public static class SpeedupPerWorkload
{
    public const string Name = "speedup-per-workload";

    public static Figure? Build(FigureInput input, List<string> notes)
    {
        var def = input.Def;
        var rows = input.Summary.Where(s => s.IsDefaultConfig && s.Speedup != null && s.Mode != def.BaselineMode).ToList();
        var modes = def.Modes.Select(m => m.Name).Where(m => rows.Any(r => r.Mode == m)).ToList();
        if (modes.Count == 0)
        {
            notes.Add($"{Name}: skipped, no mode other than the baseline ({def.BaselineMode}) has valid runs");
            return null;
        }
        var cats = def.Workloads.Where(w => rows.Any(r => r.Workload == w)).ToList();
        bool geo = rows.Any(r => r.Workload == "geomean");
        if (geo) cats.Add("geomean");
        var series = modes.Select(m =>
        {
            Output.SummaryRecord? R(string w) => rows.FirstOrDefault(r => r.Mode == m && r.Workload == w);
            return new FigureSeries(ModeInfo.Label(m), input.ModeStyle(m),
                cats.Select(w => R(w)?.Speedup ?? double.NaN).ToArray(),
                cats.Select(w => R(w)?.SpeedupCiLow ?? double.NaN).ToArray(),
                cats.Select(w => R(w)?.SpeedupCiHigh ?? double.NaN).ToArray());
        }).ToList();
        var all = series.SelectMany(s => s.Values).Where(v => double.IsFinite(v) && v > 0).Append(1.0).ToList();
        bool log = all.Max() / all.Min() > 20;
        string baseline = ModeInfo.Label(def.BaselineMode);
        return new BarFigure
        {
            Name = Name,
            Title = $"Speedup over {baseline} ({def.Profile.Size} size, {input.MetricName}, median of {def.Profile.Reps})",
            ValueLabel = $"speedup over {baseline} (×, higher is faster{(log ? ", log scale" : "")})",
            CategoryLabel = "workload",
            Categories = cats,
            Series = series,
            LogScale = log,
            Reference = 1.0,
            ReferenceLabel = $"{baseline} = 1",
            SeparatorBefore = geo ? cats.Count - 1 : null,
            Notes = ["error bars: 95% bootstrap CI", .. input.BaselineNotes()],
        };
    }
}
