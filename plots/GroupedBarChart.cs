namespace Hdbt.Plots;

/// <summary>
/// Bars grouped by category, one bar per series, with optional error bars and a horizontal
/// reference line. Each series has a colour and a hatch pattern (readable in black and white).
/// </summary>
public sealed class GroupedBarChart
{
    public required string Title { get; init; }
    public required string XLabel { get; init; }
    public required string YLabel { get; init; }
    public required IReadOnlyList<string> Categories { get; init; }
    public required IReadOnlyList<BarSeries> Series { get; init; }

    /// <summary>Draws a dashed line at this value (e.g. 1.0 for speedups).</summary>
    public double? ReferenceLine { get; init; }
    public string? ReferenceLabel { get; init; }

    /// <summary>Categories from this index on are set apart by a gap and a separator (e.g. the geometric mean).</summary>
    public int? SeparateFrom { get; init; }

    public string? LegendTitle { get; init; }

    /// <summary>
    /// Log y axis, bars growing up or down from the reference line (or 1): the honest picture for
    /// ratios such as speedups that span orders of magnitude. Non-positive values get no bar.
    /// </summary>
    public bool LogY { get; init; }

    public SvgDocument Render()
    {
        int nSeries = Math.Max(1, Series.Count), nCat = Categories.Count;
        double barWidth = nSeries > 4 ? 12 : 18, groupGap = 18;
        double slot = nSeries * barWidth + groupGap;
        double extra = SeparateFrom != null ? slot * 0.5 : 0;
        var legend = Series.Select((s, i) => new LegendEntry(s.Name, Palette.Color(i), Palette.Pattern(i))).ToList();
        // The reference line is explained in the legend, where its label cannot sit on a bar or a point.
        if (ReferenceLine != null && ReferenceLabel != null) legend.Add(new LegendEntry(ReferenceLabel, ChartFrame.ReferenceColor, Dash: ChartFrame.ReferenceDash));
        double legendWidth = ChartFrame.LegendWidth(legend);
        // A few categories get wider slots rather than a half-empty plot.
        if (nCat * slot + extra < 320) { slot = (320 - extra) / Math.Max(1, nCat); }
        double plotWidth = nCat * slot + extra;
        double bottom = ChartFrame.CategoryAxisHeight(Categories, slot);
        var doc = new SvgDocument(78 + plotWidth + legendWidth + 24 + 16, 46 + 330 + bottom);
        var frame = new ChartFrame(doc, Title, legend, legendWidth, bottom);

        double max = LogY ? 1 : 0, min = LogY ? 1 : 0;
        foreach (var s in Series)
            for (int i = 0; i < nCat; i++)
            {
                foreach (var v in new[] { s.Values[i], s.High?[i] ?? double.NaN, s.Low?[i] ?? double.NaN })
                    if (double.IsFinite(v) && (!LogY || v > 0)) { max = Math.Max(max, v); min = Math.Min(min, v); }
            }
        if (ReferenceLine is { } r) { max = Math.Max(max, r); min = Math.Min(min, r); }
        var y = LogY ? new Scale(min / 1.15, max * 1.15, frame.Bottom, frame.Top, log: true) : new Scale(min, max * 1.05, frame.Bottom, frame.Top);
        double origin = LogY ? ReferenceLine ?? 1 : 0;

        double Center(int c) => frame.Left + c * slot + slot / 2 + (SeparateFrom is { } k && c >= k ? extra : 0);
        frame.YAxis(y, YLabel);
        for (int si = 0; si < Series.Count; si++)
        {
            var s = Series[si];
            string fill = doc.PatternFill(Palette.Pattern(si), Palette.Color(si));
            for (int c = 0; c < nCat; c++)
            {
                double v = s.Values[c];
                if (!double.IsFinite(v) || (LogY && v <= 0)) continue;
                double x = Center(c) - nSeries * barWidth / 2 + si * barWidth;
                double y0 = y.Map(origin), y1 = y.Map(v);
                doc.Rect(x, Math.Min(y0, y1), barWidth, Math.Abs(y0 - y1), fill, "#000000", 0.6);
                if (s.Low != null && s.High != null && double.IsFinite(s.Low[c]) && double.IsFinite(s.High[c]) && (!LogY || s.Low[c] > 0))
                {
                    double xm = x + barWidth / 2, lo = y.Map(s.Low[c]), hi = y.Map(s.High[c]);
                    doc.Line(xm, lo, xm, hi, "#000000", 1.2);
                    doc.Line(xm - 3, lo, xm + 3, lo, "#000000", 1.2);
                    doc.Line(xm - 3, hi, xm + 3, hi, "#000000", 1.2);
                }
            }
        }
        if (SeparateFrom is { } sep && sep > 0 && sep < nCat)
        {
            double xs = (Center(sep - 1) + Center(sep)) / 2;
            doc.Line(xs, frame.Top, xs, frame.Bottom, "#888888", 1, "2,3");
        }
        if (ReferenceLine is { } rv) frame.HorizontalReference(y, rv);
        frame.XAxisCategories(Categories, Center, slot, XLabel);
        frame.DrawLegend(LegendTitle);
        return doc;
    }
}
