using Hdbt.Harness.Figures.Rendering;
using Hdbt.Harness.Output;
using Hdbt.Harness.Sweep;

namespace Hdbt.Harness.Figures;

/// <summary>
/// The sweep's figures: each builder turns summary.csv and stats.csv rows into a <see cref="Figure"/>
/// (or a note saying why its data does not exist yet, e.g. no trace-forming mode is built), and each
/// figure is drawn with ScottPlot at two-column width into plots/NAME.{png,svg,pdf} and at one-column
/// width into plots/one-column/. A new figure is a new builder in <see cref="Figures"/>.
/// </summary>
public static class FigureSet
{
    /// <summary>Every figure the sweep's data supports, in the order they are written; notes for those it does not.</summary>
    public static (List<Figure> Figures, List<string> Notes) Figures(SweepDefinition def, IReadOnlyList<SummaryRecord> summary, IReadOnlyList<StatRecord> stats)
    {
        var input = new FigureInput(def, summary, stats);
        var notes = new List<string>();
        var figures = new List<Figure?> { SpeedupPerWorkload.Build(input, notes) };
        var traceModes = def.Modes.Where(m => m.FormsTraces).ToList();
        if (traceModes.Count == 0)
            notes.Add("speedup-vs-threshold, speedup-vs-trace-length, trace-length: skipped, no trace-forming mode is built yet (hdbt --list-modes --all)");
        foreach (var m in traceModes)
        {
            figures.Add(SpeedupAgainstKnob.Build(input, m.Name, threshold: true, notes));
            figures.Add(SpeedupAgainstKnob.Build(input, m.Name, threshold: false, notes));
            figures.Add(TraceLengthDistribution.Build(input, m.Name, notes));
        }
        figures.Add(TimeBreakdown.Build(input, notes));
        figures.Add(PeakMemory.Build(input, notes));
        return (figures.OfType<Figure>().ToList(), notes);
    }

    /// <summary>Draws every figure it has data for into <paramref name="plotsDir"/>; returns the files written and the notes.</summary>
    public static (List<string> Files, List<string> Notes) Render(SweepDefinition def, IReadOnlyList<SummaryRecord> summary, IReadOnlyList<StatRecord> stats, string plotsDir)
    {
        var (figures, notes) = Figures(def, summary, stats);
        if (Typefaces.Problem is { } p) notes.Add(p);
        var files = new List<string>();
        foreach (var size in FigureSize.All)
            foreach (var f in figures)
            {
                var (plot, height) = PlotFactory.Create(f, size);
                files.AddRange(FigureFiles.Save(plot, Path.Combine(plotsDir, size.Folder, f.Name), size.Width, height, f.Title));
            }
        return (files, notes);
    }
}
