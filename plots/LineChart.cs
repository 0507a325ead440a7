namespace Hdbt.Plots;

/// <summary>
/// Lines with markers over a numeric x axis (linear or log), optional error bars, a horizontal
/// reference line and a marked x value (e.g. the default threshold). Each series has a colour,
/// a marker shape and a dash style (readable in black and white).
/// </summary>
public sealed class LineChart
{
    public required string Title { get; init; }
    public required string XLabel { get; init; }
    public required string YLabel { get; init; }
    public required IReadOnlyList<LineSeries> Series { get; init; }
    public bool LogX { get; init; }
    public double? ReferenceLine { get; init; }
    public string? ReferenceLabel { get; init; }
    public double? MarkX { get; init; }
    public string? MarkXLabel { get; init; }
    public string? LegendTitle { get; init; }

    public SvgDocument Render()
    {
        var legend = Series.Select((s, i) => new LegendEntry(s.Name, Palette.Color(i), Marker: Palette.Marker(i), Dash: Palette.Dash(i))).ToList();
        // The reference line is explained in the legend, where its label cannot sit on a bar or a point.
        if (ReferenceLine != null && ReferenceLabel != null) legend.Add(new LegendEntry(ReferenceLabel, ChartFrame.ReferenceColor, Dash: ChartFrame.ReferenceDash));
        double legendWidth = ChartFrame.LegendWidth(legend);
        var doc = new SvgDocument(78 + 520 + legendWidth + 40, 46 + 330 + 56);
        var frame = new ChartFrame(doc, Title, legend, legendWidth, 56);

        var xs = Series.SelectMany(s => s.X).Where(double.IsFinite).Where(v => !LogX || v > 0).ToList();
        if (MarkX is { } mx && (!LogX || mx > 0)) xs.Add(mx);
        if (xs.Count == 0) xs.Add(1);
        var ys = Series.SelectMany(s => s.Y.Concat(s.Low ?? []).Concat(s.High ?? [])).Where(double.IsFinite).ToList();
        if (ReferenceLine is { } r) ys.Add(r);
        ys.Add(0);
        double pad = LogX ? 1.25 : 0;
        double xMin = xs.Min(), xMax = xs.Max();
        var x = LogX ? new Scale(xMin / pad, xMax * pad, frame.Left, frame.Right, log: true) : new Scale(xMin, xMax, frame.Left, frame.Right);
        var y = new Scale(ys.Min(), ys.Max() * 1.05, frame.Bottom, frame.Top);
        frame.YAxis(y, YLabel);
        frame.XAxisNumeric(x, XLabel);
        if (ReferenceLine is { } rv) frame.HorizontalReference(y, rv);
        if (MarkX is { } m) frame.VerticalReference(x, m, MarkXLabel);

        for (int si = 0; si < Series.Count; si++)
        {
            var s = Series[si];
            var pts = Enumerable.Range(0, s.X.Length)
                .Where(i => double.IsFinite(s.Y[i]) && double.IsFinite(s.X[i]) && (!LogX || s.X[i] > 0))
                .OrderBy(i => s.X[i]).ToList();
            string color = Palette.Color(si);
            doc.Polyline(pts.Select(i => (x.Map(s.X[i]), y.Map(s.Y[i]))), color, 1.8, Palette.Dash(si));
            foreach (var i in pts)
            {
                double px = x.Map(s.X[i]);
                if (s.Low != null && s.High != null && double.IsFinite(s.Low[i]) && double.IsFinite(s.High[i]))
                {
                    double lo = y.Map(s.Low[i]), hi = y.Map(s.High[i]);
                    doc.Line(px, lo, px, hi, color, 1);
                    doc.Line(px - 3, lo, px + 3, lo, color, 1);
                    doc.Line(px - 3, hi, px + 3, hi, color, 1);
                }
                doc.Marker(Palette.Marker(si), px, y.Map(s.Y[i]), 8, color);
            }
        }
        frame.DrawLegend(LegendTitle);
        return doc;
    }
}
