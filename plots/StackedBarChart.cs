namespace Hdbt.Plots;

/// <summary>
/// One bar per category, split into stacked components (e.g. start-up, translation, execution).
/// Components have a colour and a hatch pattern each; the legend lists them top to bottom in
/// the order they are stacked, so that it reads like the bars.
/// </summary>
public sealed class StackedBarChart
{
    public required string Title { get; init; }
    public required string XLabel { get; init; }
    public required string YLabel { get; init; }
    public required IReadOnlyList<string> Categories { get; init; }

    /// <summary>Components from the bottom of each bar up; values per category (NaN or negative count as 0).</summary>
    public required IReadOnlyList<BarSeries> Components { get; init; }
    public string? LegendTitle { get; init; }

    public SvgDocument Render()
    {
        int nCat = Categories.Count;
        double barWidth = 26, slot = Math.Max(barWidth + 16, 320.0 / Math.Max(1, nCat));
        // Listed top-down so that the legend's order matches the stack's.
        var legend = Components.Select((s, i) => new LegendEntry(s.Name, Palette.Color(i), Palette.Pattern(i))).Reverse().ToList();
        double legendWidth = ChartFrame.LegendWidth(legend);
        double plotWidth = nCat * slot;
        double bottom = ChartFrame.CategoryAxisHeight(Categories, slot);
        var doc = new SvgDocument(78 + plotWidth + legendWidth + 40, 46 + 330 + bottom);
        var frame = new ChartFrame(doc, Title, legend, legendWidth, bottom);

        static double V(double v) => double.IsFinite(v) && v > 0 ? v : 0;
        double max = 0;
        for (int c = 0; c < nCat; c++) max = Math.Max(max, Components.Sum(s => V(s.Values[c])));
        var y = new Scale(0, max * 1.02, frame.Bottom, frame.Top);
        double Center(int c) => frame.Left + c * slot + slot / 2;
        frame.YAxis(y, YLabel);
        for (int c = 0; c < nCat; c++)
        {
            double acc = 0;
            for (int si = 0; si < Components.Count; si++)
            {
                double v = V(Components[si].Values[c]);
                if (v == 0) continue;
                double y0 = y.Map(acc), y1 = y.Map(acc + v);
                doc.Rect(Center(c) - barWidth / 2, y1, barWidth, y0 - y1, doc.PatternFill(Palette.Pattern(si), Palette.Color(si)), "#000000", 0.6);
                acc += v;
            }
        }
        frame.XAxisCategories(Categories, Center, slot, XLabel);
        frame.DrawLegend(LegendTitle);
        return doc;
    }
}
