using Hdbt.Harness.Sweep;

namespace Hdbt.Harness.Figures;

/// <summary>
/// <c>peak-memory</c>: the measured program's own peak resident set (max RSS) per workload and mode,
/// every row including the baselines, medians with 95% CI error bars, on a log axis (a static native
/// program next to a .NET translator spans two orders of magnitude).
/// </summary>
public static class PeakMemory
{
    public const string Name = "peak-memory";

    public static Figure? Build(FigureInput input, List<string> notes)
    {
        var def = input.Def;
        var rows = input.Summary.Where(s => s.IsDefaultConfig && s.Workload != "geomean" && s.MaxRssMedian is > 0).ToList();
        var modes = def.Modes.Select(m => m.Name).Where(m => rows.Any(r => r.Mode == m)).ToList();
        if (modes.Count == 0)
        {
            notes.Add($"{Name}: skipped, no valid run recorded its max RSS");
            return null;
        }
        var cats = def.Workloads.Where(w => rows.Any(r => r.Workload == w)).ToList();
        const double KiBPerMiB = 1024;
        var series = modes.Select(m =>
        {
            Output.SummaryRecord? R(string w) => rows.FirstOrDefault(r => r.Mode == m && r.Workload == w);
            return new FigureSeries(ModeInfo.Label(m), input.ModeStyle(m),
                cats.Select(w => R(w)?.MaxRssMedian / KiBPerMiB ?? double.NaN).ToArray(),
                cats.Select(w => R(w)?.MaxRssCiLow / KiBPerMiB ?? double.NaN).ToArray(),
                cats.Select(w => R(w)?.MaxRssCiHigh / KiBPerMiB ?? double.NaN).ToArray());
        }).ToList();
        return new BarFigure
        {
            Name = Name,
            Title = $"Peak memory of the measured program ({def.Profile.Size} size, median of {def.Profile.Reps})",
            ValueLabel = "max resident set size (MiB, log scale)",
            CategoryLabel = "workload",
            Categories = cats,
            Series = series,
            LogScale = true,
            Notes = ["max RSS of the program itself (wait4 rusage of a child exec'd from a tiny launcher); error bars: 95% bootstrap CI", .. input.BaselineNotes()],
        };
    }
}
