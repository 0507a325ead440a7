namespace Hdbt.Plots;

/// <summary>
/// Counts per integer bin (e.g. trace length in blocks), one bar group per bin and one bar per
/// series. Bins run from the smallest to the largest key present, empty bins included, so that
/// gaps in the distribution show.
/// </summary>
public sealed class Histogram
{
    public required string Title { get; init; }
    public required string XLabel { get; init; }
    public required string YLabel { get; init; }

    /// <summary>Per series: bin → count.</summary>
    public required IReadOnlyList<(string Name, IReadOnlyDictionary<int, double> Counts)> Series { get; init; }
    public string? LegendTitle { get; init; }

    public SvgDocument Render()
    {
        var keys = Series.SelectMany(s => s.Counts.Keys).ToList();
        int lo = keys.Count == 0 ? 0 : keys.Min(), hi = keys.Count == 0 ? 0 : keys.Max();
        var bins = Enumerable.Range(lo, hi - lo + 1).ToList();
        return new GroupedBarChart
        {
            Title = Title,
            XLabel = XLabel,
            YLabel = YLabel,
            LegendTitle = LegendTitle,
            Categories = bins.Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            Series = Series.Select(s => new BarSeries(s.Name, bins.Select(b => s.Counts.GetValueOrDefault(b)).ToArray())).ToList(),
        }.Render();
    }
}
