namespace Hdbt.Plots;

/// <summary>
/// The layout every chart shares: title on top, y label on the left, x label below, and the
/// legend in its own column to the right of the plot area, so that it can never cover data.
/// </summary>
internal sealed class ChartFrame
{
    public const double TitleSize = 15, LabelSize = 13, TickSize = 11, LegendSize = 12;

    private readonly SvgDocument _doc;
    private readonly IReadOnlyList<LegendEntry> _legend;

    public ChartFrame(SvgDocument doc, string title, IReadOnlyList<LegendEntry> legend, double legendWidth, double bottomSpace)
    {
        _doc = doc;
        _legend = legend;
        Left = 78;
        Top = 46;
        Right = doc.Width - (legend.Count > 0 ? legendWidth + 24 : 24);
        Bottom = doc.Height - bottomSpace;
        // A long title shrinks to fit the figure rather than being cut at its edges (bold glyphs
        // run wider than TextWidth's estimate, hence the margin factor).
        double titleSize = Math.Min(TitleSize, (doc.Width - 24) / Math.Max(1, TextWidth(title, 1) * 1.15));
        doc.Text(doc.Width / 2, 26, title, titleSize, "middle", bold: true);
    }

    public double Left { get; }
    public double Top { get; }
    public double Right { get; }
    public double Bottom { get; }

    /// <summary>Width of the legend column for these labels.</summary>
    public static double LegendWidth(IEnumerable<LegendEntry> legend) =>
        legend.Select(e => TextWidth(e.Label, LegendSize)).DefaultIfEmpty(0).Max() + 44;

    /// <summary>An estimate of rendered text width; good enough to keep labels apart.</summary>
    public static double TextWidth(string s, double size) => s.Length * size * 0.6;

    public void DrawLegend(string? heading = null)
    {
        if (_legend.Count == 0) return;
        double x = Right + 16, y = Top + 4;
        if (heading != null) { _doc.Text(x, y + 10, heading, LegendSize, bold: true); y += 20; }
        foreach (var e in _legend)
        {
            if (e.Pattern is { } p)
                _doc.Rect(x, y, 18, 13, _doc.PatternFill(p, e.Color), "#000000", 0.8);
            else
            {
                _doc.Line(x - 2, y + 6.5, x + 20, y + 6.5, e.Color, 2, e.Dash);
                if (e.Marker is { } m) _doc.Marker(m, x + 9, y + 6.5, 8, e.Color);
            }
            _doc.Text(x + 26, y + 11, e.Label, LegendSize);
            y += 20;
        }
    }

    public void YAxis(Scale s, string label)
    {
        foreach (var t in s.Ticks())
        {
            double y = s.Map(t);
            _doc.Line(Left, y, Right, y, "#dddddd", 0.7);
            _doc.Line(Left - 4, y, Left, y, "#000000", 1);
            _doc.Text(Left - 7, y + 4, Scale.Format(t), TickSize, "end");
        }
        _doc.Line(Left, Top, Left, Bottom, "#000000", 1);
        _doc.Text(20, (Top + Bottom) / 2, label, LabelSize, "middle", rotate: -90);
    }

    public void XAxisNumeric(Scale s, string label)
    {
        foreach (var t in s.Ticks())
        {
            double x = s.Map(t);
            _doc.Line(x, Top, x, Bottom, "#eeeeee", 0.7);
            _doc.Line(x, Bottom, x, Bottom + 4, "#000000", 1);
            _doc.Text(x, Bottom + 17, Scale.Format(t), TickSize, "middle");
        }
        _doc.Line(Left, Bottom, Right, Bottom, "#000000", 1);
        _doc.Text((Left + Right) / 2, Bottom + 40, label, LabelSize, "middle");
    }

    /// <summary>Category names under their slots; rotated when they would overlap.</summary>
    public void XAxisCategories(IReadOnlyList<string> categories, Func<int, double> center, double slotWidth, string label)
    {
        bool rotate = categories.Any(c => TextWidth(c, TickSize) > slotWidth - 4);
        double maxLabel = 0;
        for (int i = 0; i < categories.Count; i++)
        {
            double x = center(i);
            if (rotate) _doc.Text(x + 4, Bottom + 12, categories[i], TickSize, "end", rotate: -40);
            else _doc.Text(x, Bottom + 17, categories[i], TickSize, "middle");
            maxLabel = Math.Max(maxLabel, TextWidth(categories[i], TickSize));
        }
        _doc.Line(Left, Bottom, Right, Bottom, "#000000", 1);
        double labelY = rotate ? Bottom + 18 + maxLabel * 0.65 + 14 : Bottom + 40;
        _doc.Text((Left + Right) / 2, labelY, label, LabelSize, "middle");
    }

    /// <summary>Space the x axis needs below the plot area for these category labels.</summary>
    public static double CategoryAxisHeight(IReadOnlyList<string> categories, double slotWidth)
    {
        bool rotate = categories.Any(c => TextWidth(c, TickSize) > slotWidth - 4);
        double maxLabel = categories.Select(c => TextWidth(c, TickSize)).DefaultIfEmpty(0).Max();
        return rotate ? 18 + maxLabel * 0.65 + 30 : 56;
    }

    public const string ReferenceColor = "#444444", ReferenceDash = "5,3";

    /// <summary>A dashed horizontal reference line (e.g. speedup 1.0); its label belongs in the legend.</summary>
    public void HorizontalReference(Scale s, double value)
    {
        if (value < s.Min || value > s.Max) return;
        double y = s.Map(value);
        _doc.Line(Left, y, Right, y, ReferenceColor, 1.2, ReferenceDash);
    }

    /// <summary>A dashed vertical reference line (e.g. the default threshold) with its label at the top.</summary>
    public void VerticalReference(Scale s, double value, string? label)
    {
        if (value < s.Min || value > s.Max) return;
        double x = s.Map(value);
        _doc.Line(x, Top, x, Bottom, "#444444", 1.2, "5,3");
        // The label goes above the plot area, where it cannot hide a point.
        if (label != null) _doc.Text(x, Top - 6, label, TickSize, "middle", fill: "#444444");
    }
}
