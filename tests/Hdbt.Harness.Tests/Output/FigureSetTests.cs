using Hdbt.Harness.Analysis;
using Hdbt.Harness.Figures;
using Hdbt.Harness.Tests.Support;

namespace Hdbt.Harness.Tests.Output;

/// <summary>Which figures a sweep gets: all of them once a trace-forming mode has data, and notes instead of empty figures before that.</summary>
public sealed class FigureSetTests
{
    private static double Seconds(Hdbt.Harness.Sweep.GridPoint p) => p.Mode switch
    {
        "interp" => 8.0,
        "tcg" => 2.0,
        "native" => 0.4,
        _ => 1.0 + Math.Abs(Math.Log10((p.Threshold ?? 50) / 50.0)) * 0.5 + Math.Abs(Math.Log2((p.TraceLength ?? 16) / 16.0)) * 0.1,
    } * (p.Workload == "alpha" ? 1 : 1.5);

    [Fact]
    public void EveryFigureIsDrawnWhenATraceFormingModeHasData()
    {
        using var dir = new TempDir();
        var def = Synthetic.Definition(withTraceModes: true);
        var (runs, counters) = Synthetic.Runs(def, Seconds);
        var a = Analyzer.Analyze(def, runs, counters);
        var (files, notes) = FigureSet.Render(def, a.Summary, a.Stats, dir.Path);
        var svgs = files.Where(f => f.EndsWith(".svg", StringComparison.Ordinal)).Select(Path.GetFileName).ToList();
        Assert.Equal(["speedup-per-workload.svg", "speedup-vs-threshold-hybridm.svg", "speedup-vs-trace-length-hybridm.svg", "trace-length-hybridm.svg", "time-breakdown.svg"], svgs);
        Assert.DoesNotContain(notes, n => n.Contains("skipped, no") && !n.StartsWith("PNG", StringComparison.Ordinal));
        foreach (var f in files.Where(f => f.EndsWith(".svg", StringComparison.Ordinal))) Svg.Parse(File.ReadAllText(f));
        // The time breakdown picks up the tiers' counters by name.
        var breakdown = Svg.Texts(Svg.Parse(File.ReadAllText(dir.File("time-breakdown.svg")))).ToList();
        Assert.Contains(breakdown, t => t.Contains("llvm translation"));
        Assert.Contains(breakdown, t => t.Contains("trace execution"));
        // Speedup per workload: geomean group and every non-baseline mode.
        var bars = Svg.Texts(Svg.Parse(File.ReadAllText(dir.File("speedup-per-workload.svg")))).ToList();
        Assert.Contains("geomean", bars);
        Assert.Contains("hybridm", bars);
        Assert.Contains("tcg = 1", bars);
    }

    [Fact]
    public void FiguresWithoutDataAreSkippedWithANote()
    {
        using var dir = new TempDir();
        var def = Synthetic.Definition(withTraceModes: false);
        var (runs, counters) = Synthetic.Runs(def, Seconds);
        var a = Analyzer.Analyze(def, runs, counters);
        var (files, notes) = FigureSet.Render(def, a.Summary, a.Stats, dir.Path);
        Assert.Equal(["speedup-per-workload.svg", "time-breakdown.svg"], files.Where(f => f.EndsWith(".svg", StringComparison.Ordinal)).Select(Path.GetFileName));
        Assert.Contains(notes, n => n.Contains("no trace-forming mode is built yet"));
    }
}
