using Hdbt.Harness.Analysis;
using Hdbt.Harness.Figures;
using Hdbt.Harness.Sweep;
using Hdbt.Harness.Tests.Support;

namespace Hdbt.Harness.Tests.Figures;

/// <summary>What each figure shows, from known synthetic runs: series, categories, values, error bounds, labels and notes.</summary>
public sealed class FigureDataTests
{
    private static double Seconds(GridPoint p) => p.Mode switch
    {
        "interp" => 8.0,
        "tcg" => 2.0,
        "native" or "native64" => 0.05,
        _ => 1.0 + Math.Abs(Math.Log10((p.Threshold ?? 50) / 50.0)) * 0.5 + Math.Abs(Math.Log2((p.TraceLength ?? 16) / 16.0)) * 0.1,
    } * (p.Workload == "alpha" ? 1 : 1.5);

    private static (List<Figure> Figures, List<string> Notes, AnalysisResult A) Make(bool traces, bool native64 = false)
    {
        var def = Synthetic.Definition(traces, native64);
        var (runs, counters) = Synthetic.Runs(def, Seconds);
        var a = Analyzer.Analyze(def, runs, counters);
        var (figures, notes) = FigureSet.Figures(def, a.Summary, a.Stats);
        return (figures, notes, a);
    }

    private static T Get<T>(List<Figure> figures, string name) where T : Figure => Assert.IsType<T>(figures.Single(f => f.Name == name));

    [Fact]
    public void EveryFigureExistsOnceATraceFormingModeHasData()
    {
        var (figures, notes, _) = Make(traces: true);
        Assert.Equal(["speedup-per-workload", "speedup-vs-threshold-hybridm", "speedup-vs-trace-length-hybridm", "trace-length-hybridm", "time-breakdown", "peak-memory"],
            figures.Select(f => f.Name));
        Assert.DoesNotContain(notes, n => n.Contains("skipped"));
    }

    [Fact]
    public void FiguresWithoutDataAreLeftOutWithANote()
    {
        var (figures, notes, _) = Make(traces: false);
        Assert.Equal(["speedup-per-workload", "time-breakdown", "peak-memory"], figures.Select(f => f.Name));
        Assert.Contains(notes, n => n.Contains("no trace-forming mode is built yet"));
    }

    [Fact]
    public void SpeedupPerWorkloadHasAGroupPerWorkloadTheGeometricMeanAndABarPerMode()
    {
        var (figures, _, a) = Make(traces: true);
        var f = Get<BarFigure>(figures, "speedup-per-workload");
        Assert.Equal(["alpha", "beta", "geomean"], f.Categories);
        Assert.Equal(2, f.SeparatorBefore);
        Assert.Equal(["interp", "hybridm", "native"], f.Series.Select(s => s.Label));
        var interp = f.Series[0];
        Assert.Equal(0.25, interp.Values[0], 2);
        Assert.Equal(a.Summary.Single(s => s is { Workload: "beta", Mode: "native" }).Speedup!.Value, f.Series[2].Values[1]);
        Assert.All(f.Series, s => Assert.All(Enumerable.Range(0, 3), i => Assert.InRange(s.Values[i], s.Low![i], s.High![i])));
        // interp at 0.25 and native at 40: a log axis, the reference at 1.
        Assert.True(f.LogScale);
        Assert.Equal(1.0, f.Reference);
        Assert.Equal("tcg = 1", f.ReferenceLabel);
        Assert.Equal("speedup over tcg (×, higher is faster, log scale)", f.ValueLabel);
        Assert.Contains("median of 4", f.Title);
        // Styles follow the modes' places in the sweep, the same in every figure.
        Assert.Equal([0, 2, 3], f.Series.Select(s => s.Style));
    }

    [Fact]
    public void ASkippedNativeRowAndTheNative64RowAreSaidOnTheFigure()
    {
        var (figures, _, _) = Make(traces: false, native64: true);
        var f = Get<BarFigure>(figures, "speedup-per-workload");
        var n64 = f.Series.Single(s => s.Label == "native64 (x86-64 build)");
        Assert.True(double.IsFinite(n64.Values[0]));
        Assert.True(double.IsNaN(n64.Values[1]));     // beta has no x86-64 build
        Assert.Contains(f.Notes, n => n == "native (i386): not run on this host: this host's kernel does not execute i386 programs (execve failed: Exec format error)");
        Assert.Contains(f.Notes, n => n.StartsWith("native64: the same C sources built for x86-64", StringComparison.Ordinal));
        Assert.Contains(f.Notes, n => n == "native64: no x86-64 build matching the i386 output for beta");
        Assert.Contains(Get<BarFigure>(figures, "peak-memory").Notes, n => n.StartsWith("native (i386): not run", StringComparison.Ordinal));
    }

    [Fact]
    public void TimeBreakdownStacksToTheMedianWallTimeWithItsCi()
    {
        var (figures, _, a) = Make(traces: true);
        var f = Get<StackedBarFigure>(figures, "time-breakdown");
        Assert.Equal(["alpha interp", "alpha tcg", "alpha hybridm", "beta interp", "beta tcg", "beta hybridm"], f.Categories);
        Assert.Equal(["start-up", "translation", "llvm translation", "execution in blocks", "trace execution", "other (exit, runtime)"], f.Components.Select(c => c.Label));
        for (int c = 0; c < f.Categories.Count; c++)
        {
            var parts = f.Categories[c].Split(' ');
            var s = a.Summary.Single(x => x.Workload == parts[0] && x.Mode == parts[1] && x.IsDefaultConfig);
            Assert.Equal(s.WallMedian!.Value, f.Components.Sum(x => x.Values[c]), 9);
            Assert.Equal(s.WallCiLow, f.TotalLow![c]);
            Assert.Equal(s.WallCiHigh, f.TotalHigh![c]);
        }
    }

    [Fact]
    public void PeakMemoryIsTheProgramsOwnMedianRssInMiB()
    {
        var (figures, _, _) = Make(traces: false);
        var f = Get<BarFigure>(figures, "peak-memory");
        Assert.Equal(["alpha", "beta"], f.Categories);
        Assert.Equal(["interp", "tcg", "native"], f.Series.Select(s => s.Label));
        Assert.Equal(60_000.5 / 1024, f.Series[0].Values[0], 6);
        Assert.Equal(1_100.5 / 1024, f.Series[2].Values[1], 6);
        Assert.True(f.LogScale);
        Assert.Null(f.Reference);
    }

    [Fact]
    public void SpeedupAgainstAKnobHasALinePerWorkloadAndTheGeometricMean()
    {
        var (figures, _, _) = Make(traces: true);
        var f = Get<LineFigure>(figures, "speedup-vs-threshold-hybridm");
        Assert.Equal(["alpha", "beta", "geomean"], f.Series.Select(s => s.Label));
        Assert.All(f.Series, s => Assert.Equal([10.0, 50, 500], s.X!));
        // Speedup over tcg at threshold 50 (the best): 2 / 1.
        Assert.Equal(2.0, f.Series[0].Values[1], 2);
        Assert.Equal(50, f.MarkX);
        Assert.True(f.LogX);
        var l = Get<LineFigure>(figures, "speedup-vs-trace-length-hybridm");
        Assert.All(l.Series, s => Assert.Equal([4.0, 16], s.X!));
        var h = Get<BarFigure>(figures, "trace-length-hybridm");
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16"], h.Categories);
        Assert.False(h.Horizontal);
        Assert.Equal(40.0 / 3, h.Series[0].Values[2], 9);
    }
}
