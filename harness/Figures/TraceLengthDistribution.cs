using System.Globalization;

namespace Hdbt.Harness.Figures;

/// <summary>
/// <c>trace-length-MODE</c>: how many traces of each length (in blocks) one run of each workload forms,
/// at the default knobs, from a distribution counter (<c>trace_length*.N</c>, N the length).
/// </summary>
public static class TraceLengthDistribution
{
    public static Figure? Build(FigureInput input, string mode, List<string> notes)
    {
        var def = input.Def;
        var parsed = input.Stats.Where(s => s.Mode == mode && s.IsDefaultConfig && s.Counter.Contains("trace_len", StringComparison.Ordinal))
            .Select(r =>
            {
                int dot = r.Counter.LastIndexOf('.');
                bool ok = int.TryParse(dot < 0 ? "" : r.Counter[(dot + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out int len);
                return (r, ok, len);
            }).Where(x => x.ok).ToList();
        if (parsed.Count == 0)
        {
            notes.Add($"trace-length-{mode}: skipped, hdbt reports no trace length distribution (a trace_length* counter with one entry per length) for {mode}");
            return null;
        }
        int lo = parsed.Min(x => x.len), hi = parsed.Max(x => x.len);
        var bins = Enumerable.Range(lo, hi - lo + 1).ToList();
        var series = def.Workloads.Where(w => parsed.Any(x => x.r.Workload == w)).Select((w, i) =>
        {
            var counts = parsed.Where(x => x.r.Workload == w).GroupBy(x => x.len).ToDictionary(g => g.Key, g => g.Sum(x => x.r.Mean));
            return new FigureSeries(w, i, bins.Select(b => counts.GetValueOrDefault(b)).ToArray());
        }).ToList();
        return new BarFigure
        {
            Name = $"trace-length-{mode}",
            Title = $"{mode}: trace length distribution (threshold {def.Profile.DefaultThreshold}, mean per run)",
            ValueLabel = "traces (count per run)",
            CategoryLabel = "trace length (blocks)",
            Categories = bins.Select(b => b.ToString(CultureInfo.InvariantCulture)).ToList(),
            Series = series,
            Horizontal = false,
        };
    }
}
