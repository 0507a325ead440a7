using Hdbt.Harness.Tests.Support;
using Hdbt.Plots;

namespace Hdbt.Harness.Tests.Plots;

/// <summary>The SVG writer and the chart types: well-formed XML, and bars, lines and axes where the data says.</summary>
public sealed class ChartTests
{
    private static GroupedBarChart Bars(double[] a, double[] b, bool log = false) => new()
    {
        Title = "Speedup <&> \"quoted\"",
        XLabel = "workload",
        YLabel = "speedup (×)",
        Categories = ["w1", "w2", "geomean"],
        Series = [new BarSeries("tcg", a, a.Select(v => v * 0.9).ToArray(), a.Select(v => v * 1.1).ToArray()), new BarSeries("hybridm", b)],
        ReferenceLine = 1.0,
        ReferenceLabel = "tcg = 1",
        SeparateFrom = 2,
        LogY = log,
    };

    /// <summary>Bars are the rects with a black outline (the background and hatch tiles have none).</summary>
    private static List<System.Xml.Linq.XElement> BarRects(System.Xml.Linq.XDocument d) =>
        Svg.All(d, "rect").Where(r => r.Parent?.Name.LocalName != "pattern" && r.Attribute("stroke")?.Value == "#000000" && Svg.Num(r, "width") < 60).ToList();

    [Fact]
    public void GroupedBarsAreWellFormedWithOneBarPerValueAndHeightsInProportion()
    {
        var d = Svg.Parse(Bars([2, 4, 3], [1, double.NaN, 8]).Render().ToSvg());
        Assert.Contains("Speedup <&> \"quoted\"", Svg.Texts(d));
        Assert.Contains("speedup (×)", Svg.Texts(d));
        Assert.Contains("tcg = 1", Svg.Texts(d));
        var bars = BarRects(d).Where(r => r.Parent?.Name.LocalName != "defs").ToList();
        // 5 finite values + 3 legend swatches (two series and no box for the dashed reference line).
        Assert.Equal(5 + 2, bars.Count);
        var plotBars = bars.Take(5).Select(r => Svg.Num(r, "height")).ToList();
        // tcg bars 2, 4, 3 on a linear axis from 0: heights in ratio 2:4:3.
        Assert.Equal(2.0, plotBars[1] / plotBars[0], 2);
        Assert.Equal(1.5, plotBars[2] / plotBars[0], 2);
        // Error bars: three vertical black lines per tcg bar (stem and two caps).
        Assert.True(Svg.All(d, "line").Count(l => l.Attribute("stroke")?.Value == "#000000" && l.Attribute("stroke-width")?.Value == "1.2") >= 9);
        // The second series is hatched (readable in black and white).
        Assert.Single(Svg.All(d, "pattern"));
    }

    [Fact]
    public void LegendSitsRightOfThePlotArea()
    {
        var doc = Bars([2, 4, 3], [1, 2, 8]).Render();
        var d = Svg.Parse(doc.ToSvg());
        double axisRight = Svg.All(d, "line").Where(l => l.Attribute("stroke")?.Value == "#dddddd").Max(l => Svg.Num(l, "x2"));
        var legendText = Svg.All(d, "text").Single(t => t.Value == "hybridm");
        Assert.True(Svg.Num(legendText, "x") > axisRight, "legend label must be outside the plot area");
    }

    [Fact]
    public void LogBarsGrowFromOneBothWays()
    {
        var d = Svg.Parse(Bars([0.5, 4, 2], [1, 2, 100], log: true).Render().ToSvg());
        var bars = BarRects(d).Take(3).ToList();
        // 0.5 and 2 are the same distance from 1 on a log axis: equal heights, one below the line and one above.
        Assert.Equal(Svg.Num(bars[0], "height"), Svg.Num(bars[2], "height"), 1);
        Assert.True(Svg.Num(bars[0], "y") > Svg.Num(bars[2], "y"));
        Assert.Contains("100", Svg.Texts(d));
    }

    [Fact]
    public void LineChartHasOnePolylinePerSeriesMarkersAndTheMarkedX()
    {
        var chart = new LineChart
        {
            Title = "t", XLabel = "profile threshold (log)", YLabel = "speedup (×)", LogX = true, MarkX = 50, MarkXLabel = "default 50",
            ReferenceLine = 1, ReferenceLabel = "tcg = 1",
            Series = [new LineSeries("a", [1, 10, 100, 1000], [1, 2, 3, 2]), new LineSeries("b", [1, 10, 100, 1000], [0.5, 1, double.NaN, 4])],
        };
        var d = Svg.Parse(chart.Render().ToSvg());
        var lines = Svg.All(d, "polyline").ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(4, lines[0].Attribute("points")!.Value.Split(' ').Length);
        Assert.Equal(3, lines[1].Attribute("points")!.Value.Split(' ').Length);
        Assert.Contains("default 50", Svg.Texts(d));
        foreach (var tick in new[] { "1", "10", "100", "1000" }) Assert.Contains(tick, Svg.Texts(d));
        // Log x: 1 → 10 and 10 → 100 are the same distance.
        var xs = lines[0].Attribute("points")!.Value.Split(' ').Select(p => double.Parse(p.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(xs[1] - xs[0], xs[2] - xs[1], 1);
    }

    [Fact]
    public void StackedBarsStackToTheTotal()
    {
        var chart = new StackedBarChart
        {
            Title = "t", XLabel = "x", YLabel = "wall time (s)", Categories = ["a", "b"],
            Components = [new BarSeries("start-up", [1, 1]), new BarSeries("execution", [3, 1])],
        };
        var d = Svg.Parse(chart.Render().ToSvg());
        var bars = BarRects(d).Where(r => Svg.Num(r, "width") == 26).ToList();
        Assert.Equal(4, bars.Count);
        double a = Svg.Num(bars[0], "height") + Svg.Num(bars[1], "height");
        double b = Svg.Num(bars[2], "height") + Svg.Num(bars[3], "height");
        Assert.Equal(2.0, a / b, 2);
        // The upper segment starts where the lower one ends.
        Assert.Equal(Svg.Num(bars[0], "y"), Svg.Num(bars[1], "y") + Svg.Num(bars[1], "height"), 1);
    }

    [Fact]
    public void HistogramHasEveryBinBetweenTheExtremes()
    {
        var h = new Histogram
        {
            Title = "t", XLabel = "trace length (blocks)", YLabel = "traces",
            Series = [("w", new Dictionary<int, double> { [1] = 5, [4] = 2 })],
        };
        var d = Svg.Parse(h.Render().ToSvg());
        foreach (var bin in new[] { "1", "2", "3", "4" }) Assert.Contains(bin, Svg.Texts(d));
    }

    [Fact]
    public void ScaleTicksAreRoundNumbers()
    {
        var s = new Scale(0, 7.3, 100, 0);
        Assert.Equal([0, 2, 4, 6, 8], s.Ticks());
        Assert.Equal(0.5, Scale.NiceStep(0.31));
        var log = new Scale(1, 5000, 0, 100, log: true);
        Assert.Contains(1000, log.Ticks());
        Assert.Equal(0, log.Map(1), 6);
    }
}
