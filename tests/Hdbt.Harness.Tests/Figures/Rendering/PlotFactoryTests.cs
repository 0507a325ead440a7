using System.Xml.Linq;
using Hdbt.Harness.Analysis;
using Hdbt.Harness.Figures;
using Hdbt.Harness.Figures.Rendering;
using Hdbt.Harness.Tests.Support;
using ScottPlot.Plottables;

namespace Hdbt.Harness.Tests.Figures.Rendering;

/// <summary>What the ScottPlot drawing of each figure holds (bars, lines, key entries, labels, notes) and the files it writes; no pixels compared.</summary>
public sealed class PlotFactoryTests
{
    private static List<Figure> Figures()
    {
        var def = Synthetic.Definition(withTraceModes: true, native64: true);
        var (runs, counters) = Synthetic.Runs(def, p => p.Mode == "interp" ? 8 : p.Mode == "native64" ? 0.05 : 2);
        var a = Analyzer.Analyze(def, runs, counters);
        return FigureSet.Figures(def, a.Summary, a.Stats).Figures;
    }

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var f in Figures())
            foreach (var s in FigureSize.All) data.Add(f.Name, s.Name);
        return data;
    }

    private static string Flat(string text) => text.Replace('\n', ' ');

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheDrawingHasTheFiguresSeriesLabelsAndNotes(string name, string sizeName)
    {
        var f = Figures().Single(x => x.Name == name);
        var size = FigureSize.All.Single(s => s.Name == sizeName);
        var (plot, height) = PlotFactory.Create(f, size);
        plot.GetImageBytes((int)size.Width, (int)height, ScottPlot.ImageFormat.Png); // tick generators fill their lists when drawn
        Assert.Equal(f.Title, Flat(plot.Axes.Title.Label.Text));
        var labels = new[] { plot.Axes.Bottom.Label.Text, plot.Axes.Left.Label.Text }.Select(Flat).ToList();
        Assert.Contains(f.ValueLabel, labels);
        Assert.Contains(f.CategoryLabel, labels);
        Assert.True(plot.Axes.Title.Label.Bold && plot.Axes.Bottom.Label.Bold && plot.Axes.Left.Label.Bold);
        Assert.Equal(700, plot.Axes.Title.Label.Font!.FontStyle.Weight);
        var key = plot.Axes.GetPanels().OfType<KeyPanel>().Single().Items.Select(i => i.LabelText).ToList();
        var notes = string.Join(" ", plot.Axes.GetPanels().OfType<NotePanel>().Single().Lines);
        foreach (var n in f.Notes) Assert.Contains(n, notes);
        switch (f)
        {
            case BarFigure b:
                Assert.Equal(b.Series.Select(s => s.Label), key.Take(b.Series.Count));
                var bars = plot.GetPlottables<BarPlot>().ToList();
                Assert.Equal(b.Series.Count, bars.Count);
                for (int j = 0; j < b.Series.Count; j++)
                    Assert.Equal(b.Series[j].Values.Count(v => double.IsFinite(v) && (!b.LogScale || v > 0)), bars[j].Bars.Count);
                // On a log axis a bar's end is log10 of its value.
                var first = b.Series[0];
                int c = Array.FindIndex(first.Values, double.IsFinite);
                Assert.Equal(b.LogScale ? Math.Log10(first.Values[c]) : first.Values[c], bars[0].Bars[0].Value, 9);
                if (b.ReferenceLabel != null) Assert.Equal(b.ReferenceLabel, key[^1]);
                Assert.Equal(b.Series.Any(s => s.Low != null), plot.GetPlottables<ErrorBar>().Any());
                Assert.Equal(b.Categories, (b.Horizontal ? (ScottPlot.IAxis)plot.Axes.Left : plot.Axes.Bottom).TickGenerator.Ticks.Where(t => t.IsMajor).OrderBy(t => b.Horizontal ? -t.Position : t.Position).Select(t => t.Label));
                break;
            case StackedBarFigure s:
                Assert.Equal(s.Components.Select(x => x.Label), key);
                Assert.Equal(s.Components.Count, plot.GetPlottables<BarPlot>().Count());
                Assert.Single(plot.GetPlottables<ErrorBar>());
                break;
            case LineFigure l:
                Assert.Equal(l.Series.Select(x => x.Label).Append(l.ReferenceLabel).Append(l.MarkXLabel), key);
                Assert.Equal(l.Series.Count, plot.GetPlottables<Scatter>().Count());
                break;
        }
        // Never stretched to 3:1 or more either way.
        Assert.InRange(height / size.Width, 1 / 2.21, 2.21);
    }

    [Fact]
    public void PngSvgAndPdfAreWrittenAtTheColumnWidths()
    {
        using var dir = new TempDir();
        var f = Figures().First();
        foreach (var size in FigureSize.All)
        {
            var (plot, height) = PlotFactory.Create(f, size);
            var files = FigureFiles.Save(plot, Path.Combine(dir.Path, size.Folder, f.Name), size.Width, height, f.Title);
            var png = File.ReadAllBytes(files[0]);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            int width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
            Assert.Equal(size.Width / 72 * 300, width, 1.0);
            var svg = XDocument.Parse(File.ReadAllText(files[1]));
            Assert.Equal(size.Width.ToString(System.Globalization.CultureInfo.InvariantCulture), svg.Root!.Attribute("width")!.Value);
            Assert.Contains(svg.Descendants(), e => e.Name.LocalName == "text" && e.Attribute("font-weight") != null);
            Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(files[2])[..4]));
            Assert.False(File.Exists(files[0] + ".tmp"));
        }
    }

    [Fact]
    public void LogTicksAreOneTwoFiveAndNarrowRangesStillGetTicks()
    {
        var t = PlotFactory.LogTicks(Math.Log10(0.2), Math.Log10(120)).Select(x => x.Label).ToList();
        Assert.Equal(["0.2", "0.5", "1", "2", "5", "10", "20", "50", "100"], t);
        var narrow = PlotFactory.LogTicks(Math.Log10(61), Math.Log10(66)).Select(x => x.Label).ToList();
        Assert.True(narrow.Count >= 2, string.Join(",", narrow));
        Assert.Equal("speedup over\ntcg", PlotFactory.Wrap("speedup over tcg", 10, 80, bold: false));
    }
}
