using System.Globalization;
using ScottPlot;
using ScottPlot.Plottables;

namespace Hdbt.Harness.Figures.Rendering;

/// <summary>
/// Draws a <see cref="Figure"/> as a ScottPlot <see cref="Plot"/> at one <see cref="FigureSize"/>: bold
/// sans-serif title and axis labels (wrapped to the width), horizontal category labels, the legend
/// and the notes in panels below the plot (never over data), value-axis grid lines only, and a height
/// that follows the amount of data within <see cref="FigureSize.ClampHeight"/>.
/// </summary>
public static class PlotFactory
{
    /// <summary>Bar thickness and gap between groups (points) when there is room for them.</summary>
    private const float BarPt = 3.6f, GroupGapPt = 3.5f, MinRowPt = 8.5f;

    private static readonly Color Ink = Colors.Black;
    private static readonly Color ReferenceInk = Color.FromHex("#444444");
    private static readonly Color GridInk = Color.FromHex("#d9d9d9");

    /// <summary>The plot and its height in points (its width is the size's).</summary>
    public static (Plot Plot, float Height) Create(Figure figure, FigureSize size)
    {
        var plt = new Plot();
        plt.HideLegend();
        var legend = new List<LegendItem>();
        float plotArea = figure switch
        {
            BarFigure b => Bars(plt, b, size, legend),
            StackedBarFigure s => Stacked(plt, s, size, legend),
            LineFigure l => Lines(plt, l, size, legend),
            _ => throw new ArgumentException($"no drawing for {figure.GetType().Name}"),
        };
        bool horizontal = figure is StackedBarFigure || figure is BarFigure { Horizontal: true };
        var valueAxis = horizontal ? (IAxis)plt.Axes.Bottom : plt.Axes.Left;
        var otherAxis = horizontal ? (IAxis)plt.Axes.Left : plt.Axes.Bottom;
        float plotWidth = size.Width * (horizontal ? 0.62f : 0.8f);

        Text(plt.Axes.Title.Label, Wrap(figure.Title, size.Title, size.Width - 12, bold: true), size.Title, bold: true);
        plt.Axes.Title.FullFigureCenter = true;
        Text(valueAxis.Label, Wrap(figure.ValueLabel, size.Label, horizontal ? plotWidth : size.Width * 0.6f, bold: true), size.Label, bold: true);
        Text(otherAxis.Label, Wrap(figure.CategoryLabel, size.Label, horizontal ? size.Width * 0.6f : plotWidth, bold: true), size.Label, bold: true);
        foreach (var axis in new IAxis[] { plt.Axes.Bottom, plt.Axes.Left, plt.Axes.Top, plt.Axes.Right })
        {
            Text(axis.TickLabelStyle, null, size.Tick, bold: false);
            axis.MajorTickStyle.Length = 3;
            axis.MinorTickStyle.Length = 0;
            axis.FrameLineStyle.Width = 0.6f;
        }
        plt.Grid.MajorLineColor = GridInk;
        plt.Grid.MajorLineWidth = 0.4f;
        plt.Grid.MinorLineWidth = 0;
        (horizontal ? plt.Grid.YAxisStyle : plt.Grid.XAxisStyle).MajorLineStyle.Width = figure is LineFigure ? 0.4f : 0;

        var keyStyle = new LabelStyle { FontSize = size.Legend, ForeColor = Ink, Alignment = Alignment.UpperLeft, Font = Typefaces.Get(bold: false) };
        var key = new KeyPanel(legend, keyStyle, size.Width);
        plt.Axes.AddPanel(key);
        float keyHeight;
        using (var paint = Paint.NewDisposablePaint()) keyHeight = key.Measure(paint);
        var noteStyle = new LabelStyle { FontSize = size.Note, ForeColor = Color.FromHex("#333333"), Alignment = Alignment.UpperLeft, Font = Typefaces.Get(bold: false) };
        var notes = figure.Notes.SelectMany(n => Wrap(n, size.Note, size.Width - 12, bold: false).Split('\n')).ToList();
        plt.Axes.AddPanel(new NotePanel(notes, noteStyle));

        int titleLines = plt.Axes.Title.Label.Text.Split('\n').Length;
        int labelLines = valueAxis.Label.Text.Split('\n').Length;
        float chrome = titleLines * size.Title * 1.35f + 8
            + (horizontal ? size.Tick * 1.6f + labelLines * size.Label * 1.35f : size.Tick * 1.6f + size.Label * 1.6f)
            + keyHeight + 4
            + notes.Count * size.Note * 1.3f + 10;
        return (plt, size.ClampHeight(plotArea + chrome));
    }

    private static void Text(LabelStyle style, string? text, float fontSize, bool bold)
    {
        if (text != null) style.Text = text;
        style.FontSize = fontSize;
        style.Bold = bold;
        style.ForeColor = Ink;
        // Set last: a typeface given explicitly is what ScottPlot draws with (its family setter drops bold).
        style.Font = Typefaces.Get(bold);
    }

    /// <summary>Breaks <paramref name="text"/> at spaces into lines that fit <paramref name="width"/> points (an estimate of the face's widths).</summary>
    public static string Wrap(string text, float fontSize, float width, bool bold)
    {
        int perLine = Math.Max(12, (int)(width / (fontSize * (bold ? 0.68f : 0.58f))));
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > perLine) { lines.Add(line); line = word; }
            else line = line.Length == 0 ? word : line + " " + word;
        }
        if (line.Length > 0) lines.Add(line);
        return string.Join("\n", lines);
    }

    private static LegendItem BarItem(string label, int style) => new()
    {
        LabelText = label,
        FillColor = Palette.Color(style),
        FillHatch = Palette.Hatch(style),
        FillHatchColor = Palette.HatchColor(style),
        OutlineColor = Ink,
        OutlineWidth = 0.5f,
    };

    private static LegendItem LineItem(string label, Color color, LinePattern pattern, MarkerShape marker) => new()
    {
        LabelText = label,
        LineColor = color,
        LineWidth = 1.2f,
        LinePattern = pattern,
        MarkerShape = marker,
        MarkerSize = marker == MarkerShape.None ? 0 : 5,
        MarkerFillColor = color,
        MarkerLineColor = color,
    };

    /// <summary>Transforms for a log axis (log10; non-positive values have no place on it) or a linear one.</summary>
    private static Func<double, double> Transform(bool log) => log ? v => v > 0 ? Math.Log10(v) : double.NaN : v => v;

    /// <summary>Ticks at 1, 2 and 5 times the powers of ten in [lo, hi] (log10 units), labelled with the values; round values when the range is narrower than that.</summary>
    public static List<Tick> LogTicks(double lo, double hi)
    {
        double decades = hi - lo;
        double[] mantissas = decades > 4 ? [1] : decades > 1.5 ? [1, 2, 5] : [1, 2, 3, 5];
        var ticks = new List<Tick>();
        for (int e = (int)Math.Floor(lo); e <= (int)Math.Ceiling(hi); e++)
            foreach (var m in mantissas)
            {
                double v = m * Math.Pow(10, e), p = Math.Log10(v);
                if (p >= lo - 1e-9 && p <= hi + 1e-9) ticks.Add(Tick.Major(p, FormatTick(v)));
            }
        if (ticks.Count >= 2) return ticks;
        // A range narrower than 1-2-5 steps (e.g. 63 to 66 MiB): round values in it, placed on the log axis.
        ticks.Clear();
        double vlo = Math.Pow(10, lo), vhi = Math.Pow(10, hi), step = NiceStep((vhi - vlo) / 4);
        for (double v = Math.Ceiling(vlo / step) * step; v <= vhi; v += step) ticks.Add(Tick.Major(Math.Log10(v), FormatTick(Math.Round(v, 10))));
        return ticks;
    }

    /// <summary>1, 2 or 5 times a power of ten, the nearest above <paramref name="raw"/>.</summary>
    public static double NiceStep(double raw)
    {
        if (raw <= 0 || !double.IsFinite(raw)) return 1;
        double p = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    /// <summary>A tick value without trailing zeros: 0.05, 1, 20, 5000.</summary>
    public static string FormatTick(double v)
    {
        double a = Math.Abs(v);
        if (a >= 1e6 || (a < 1e-3 && a > 0)) return v.ToString("0.##E+0", CultureInfo.InvariantCulture);
        return v.ToString(a >= 100 ? "0" : a >= 1 ? "0.##" : "0.####", CultureInfo.InvariantCulture);
    }

    /// <summary>The value axis' range in axis units: the data, the CIs and the reference, padded; linear axes start at 0.</summary>
    private static (double Lo, double Hi) ValueRange(IEnumerable<double> values, bool log)
    {
        var t = Transform(log);
        var v = values.Select(t).Where(double.IsFinite).ToList();
        if (v.Count == 0) return log ? (-1, 1) : (0, 1);
        double lo = v.Min(), hi = v.Max();
        if (!log) return (Math.Min(0, lo), hi <= 0 ? 1 : hi * 1.06);
        double pad = Math.Max(0.04, (hi - lo) * 0.05);
        return (lo - pad, hi + pad);
    }

    private static float Bars(Plot plt, BarFigure f, FigureSize size, List<LegendItem> legend)
    {
        int n = f.Categories.Count, k = Math.Max(1, f.Series.Count);
        var t = Transform(f.LogScale);
        var (lo, hi) = ValueRange(f.Series.SelectMany(s => s.Values.Concat(s.Low ?? []).Concat(s.High ?? [])).Concat(f.Reference is { } r ? [r] : []), f.LogScale);
        // Bars of ratios on a log axis grow from the reference (1) both ways; others from the axis' start.
        double origin = f.LogScale ? f.Reference is { } rr ? Math.Log10(rr) : lo : 0;
        double Pos(int c) => f.Horizontal ? n - 1 - c : c;
        const double Group = 0.8;
        double thick = Group / k;
        var ex = new List<double>(); var ey = new List<double>(); var ePlus = new List<double>(); var eMinus = new List<double>();
        for (int j = 0; j < f.Series.Count; j++)
        {
            var s = f.Series[j];
            var bars = new List<Bar>();
            for (int c = 0; c < n; c++)
            {
                double v = t(s.Values[c]);
                if (!double.IsFinite(v)) continue;
                // The first series on top (horizontal) or on the left (vertical), as in the legend.
                double pos = f.Horizontal ? Pos(c) + Group / 2 - (j + 0.5) * thick : Pos(c) - Group / 2 + (j + 0.5) * thick;
                bars.Add(new Bar
                {
                    Position = pos, Value = v, ValueBase = origin, Size = thick * 0.9,
                    FillColor = Palette.Color(s.Style), FillHatch = Palette.Hatch(s.Style), FillHatchColor = Palette.HatchColor(s.Style),
                    LineColor = Ink, LineWidth = 0.4f, Orientation = f.Horizontal ? Orientation.Horizontal : Orientation.Vertical,
                });
                if (s.Low != null && s.High != null && t(s.Low[c]) is var l && t(s.High[c]) is var h && double.IsFinite(l) && double.IsFinite(h))
                {
                    (f.Horizontal ? ex : ey).Add(v);
                    (f.Horizontal ? ey : ex).Add(pos);
                    ePlus.Add(h - v);
                    eMinus.Add(v - l);
                }
            }
            var plot = plt.Add.Bars(bars);
            plot.Horizontal = f.Horizontal;
            legend.Add(BarItem(s.Label, s.Style));
        }
        AddErrorBars(plt, ex, ey, ePlus, eMinus, f.Horizontal);
        if (f.SeparatorBefore is { } sep && sep > 0 && sep < n)
        {
            double at = f.Horizontal ? Pos(sep) + 0.5 : Pos(sep) - 0.5;
            AxisLine line = f.Horizontal ? plt.Add.HorizontalLine(at) : plt.Add.VerticalLine(at);
            Style(line, Color.FromHex("#888888"), 0.6f, LinePattern.Dotted);
        }
        if (f.Reference is { } refValue)
        {
            double at = t(refValue);
            AxisLine line = f.Horizontal ? plt.Add.VerticalLine(at) : plt.Add.HorizontalLine(at);
            Style(line, ReferenceInk, 0.8f, LinePattern.Dashed);
            if (f.ReferenceLabel != null) legend.Add(LineItem(f.ReferenceLabel, ReferenceInk, LinePattern.Dashed, MarkerShape.None));
        }
        var categoryTicks = new ScottPlot.TickGenerators.NumericManual(Enumerable.Range(0, n).Select(c => Tick.Major(Pos(c), f.Categories[c])).ToArray());
        var valueAxis = f.Horizontal ? (IAxis)plt.Axes.Bottom : plt.Axes.Left;
        var categoryAxis = f.Horizontal ? (IAxis)plt.Axes.Left : plt.Axes.Bottom;
        categoryAxis.TickGenerator = categoryTicks;
        if (f.LogScale) valueAxis.TickGenerator = new ScottPlot.TickGenerators.NumericManual(LogTicks(lo, hi).ToArray());
        valueAxis.Min = lo;
        valueAxis.Max = hi;
        categoryAxis.Min = -0.6;
        categoryAxis.Max = n - 0.4;
        float row = Math.Max(MinRowPt, k * BarPt + GroupGapPt);
        return f.Horizontal ? n * row : size.Width * 0.5f;
    }

    private static float Stacked(Plot plt, StackedBarFigure f, FigureSize size, List<LegendItem> legend)
    {
        int n = f.Categories.Count;
        double Pos(int c) => n - 1 - c;
        var totals = new double[n];
        for (int j = 0; j < f.Components.Count; j++)
        {
            var s = f.Components[j];
            var bars = new List<Bar>();
            for (int c = 0; c < n; c++)
            {
                double v = double.IsFinite(s.Values[c]) && s.Values[c] > 0 ? s.Values[c] : 0;
                if (v > 0)
                    bars.Add(new Bar
                    {
                        Position = Pos(c), ValueBase = totals[c], Value = totals[c] + v, Size = 0.72,
                        FillColor = Palette.Color(s.Style), FillHatch = Palette.Hatch(s.Style), FillHatchColor = Palette.HatchColor(s.Style),
                        LineColor = Ink, LineWidth = 0.3f, Orientation = Orientation.Horizontal,
                    });
                totals[c] += v;
            }
            plt.Add.Bars(bars).Horizontal = true;
            legend.Add(BarItem(s.Label, s.Style));
        }
        var ex = new List<double>(); var ey = new List<double>(); var ePlus = new List<double>(); var eMinus = new List<double>();
        for (int c = 0; c < n; c++)
            if (f.TotalLow?[c] is { } l && f.TotalHigh?[c] is { } h && double.IsFinite(l) && double.IsFinite(h))
            {
                ex.Add(totals[c]); ey.Add(Pos(c)); ePlus.Add(Math.Max(0, h - totals[c])); eMinus.Add(Math.Max(0, totals[c] - l));
            }
        AddErrorBars(plt, ex, ey, ePlus, eMinus, horizontal: true);
        var ticks = new ScottPlot.TickGenerators.NumericManual(Enumerable.Range(0, n).Select(c => Tick.Major(Pos(c), f.Categories[c])).ToArray());
        plt.Axes.Left.TickGenerator = ticks;
        var (_, hi) = ValueRange(totals.Concat(f.TotalHigh ?? []), log: false);
        plt.Axes.Bottom.Min = 0;
        plt.Axes.Bottom.Max = hi;
        plt.Axes.Left.Min = -0.6;
        plt.Axes.Left.Max = n - 0.4;
        return n * MinRowPt;
    }

    private static float Lines(Plot plt, LineFigure f, FigureSize size, List<LegendItem> legend)
    {
        var tx = Transform(f.LogX);
        var ex = new List<double>(); var ey = new List<double>(); var ePlus = new List<double>(); var eMinus = new List<double>();
        foreach (var s in f.Series)
        {
            var idx = Enumerable.Range(0, s.Values.Length).Where(i => double.IsFinite(tx(s.X![i])) && double.IsFinite(s.Values[i])).ToList();
            var sc = plt.Add.Scatter(idx.Select(i => tx(s.X![i])).ToArray(), idx.Select(i => s.Values[i]).ToArray());
            sc.Color = Palette.Color(s.Style);
            sc.LineWidth = 1.1f;
            sc.LinePattern = Palette.Dash(s.Style);
            sc.MarkerShape = Palette.Marker(s.Style);
            sc.MarkerSize = 4.5f;
            foreach (var i in idx)
                if (s.Low?[i] is { } l && s.High?[i] is { } h && double.IsFinite(l) && double.IsFinite(h))
                {
                    ex.Add(tx(s.X![i])); ey.Add(s.Values[i]); ePlus.Add(h - s.Values[i]); eMinus.Add(s.Values[i] - l);
                }
            legend.Add(LineItem(s.Label, Palette.Color(s.Style), Palette.Dash(s.Style), Palette.Marker(s.Style)));
        }
        AddErrorBars(plt, ex, ey, ePlus, eMinus, horizontal: false);
        if (f.Reference is { } r)
        {
            Style(plt.Add.HorizontalLine(r), ReferenceInk, 0.8f, LinePattern.Dashed);
            if (f.ReferenceLabel != null) legend.Add(LineItem(f.ReferenceLabel, ReferenceInk, LinePattern.Dashed, MarkerShape.None));
        }
        if (f.MarkX is { } m && double.IsFinite(tx(m)))
        {
            Style(plt.Add.VerticalLine(tx(m)), Color.FromHex("#888888"), 0.8f, LinePattern.Dotted);
            if (f.MarkXLabel != null) legend.Add(LineItem(f.MarkXLabel, Color.FromHex("#888888"), LinePattern.Dotted, MarkerShape.None));
        }
        var xs = f.Series.SelectMany(s => s.X ?? []).Concat(f.MarkX is { } mx ? [mx] : []).ToList();
        var (xlo, xhi) = ValueRange(xs, f.LogX);
        if (f.LogX) plt.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(LogTicks(xlo, xhi).ToArray());
        plt.Axes.Bottom.Min = xlo;
        plt.Axes.Bottom.Max = xhi;
        var (ylo, yhi) = ValueRange(f.Series.SelectMany(s => s.Values.Concat(s.Low ?? []).Concat(s.High ?? [])).Concat(f.Reference is { } rv ? [rv] : []), log: false);
        plt.Axes.Left.Min = ylo;
        plt.Axes.Left.Max = yhi;
        return size.Width * 0.5f;
    }

    private static void AddErrorBars(Plot plt, List<double> x, List<double> y, List<double> plus, List<double> minus, bool horizontal)
    {
        if (x.Count == 0) return;
        var zeros = new double[x.Count];
        var e = new ErrorBar(x, y, horizontal ? plus : zeros, horizontal ? minus : zeros, horizontal ? zeros : plus, horizontal ? zeros : minus)
        {
            XErrorPositive = horizontal ? plus : zeros,
            XErrorNegative = horizontal ? minus : zeros,
            YErrorPositive = horizontal ? zeros : plus,
            YErrorNegative = horizontal ? zeros : minus,
            LineWidth = 0.6f,
            CapSize = 2.5f,
            Color = Ink,
        };
        plt.Add.Plottable(e);
    }

    private static void Style(AxisLine line, Color color, float width, LinePattern pattern)
    {
        line.Color = color;
        line.LineWidth = width;
        line.LinePattern = pattern;
        line.EnableAutoscale = false;
    }
}
