using Hdbt.Harness.Analysis;
using Hdbt.Harness.Export;
using Hdbt.Harness.Tests.Support;

namespace Hdbt.Harness.Tests.Export;

/// <summary>The summary table (speedups with CIs, the geometric mean last) in Markdown and LaTeX.</summary>
public sealed class TableTests
{
    private static ExportTable Summary()
    {
        var def = Synthetic.Definition(withTraceModes: false, native64: true);
        var (runs, counters) = Synthetic.Runs(def, p => p.Mode switch { "interp" => 8, "native64" => 0.05, _ => 2 } * (p.Workload == "alpha" ? 1 : 2));
        return Tables.Summary(def, Analyzer.Analyze(def, runs, counters).Summary, "results/x");
    }

    [Fact]
    public void TheSummaryHasAWorkloadPerRowAndAModePerColumn()
    {
        var t = Summary();
        Assert.Equal(["workload", "tcg median (s)", "interp", "native64 (x86-64 build)"], t.Header);
        Assert.Equal(["alpha", "beta", "geometric mean"], t.Rows.Select(r => r[0]));
        Assert.Equal(2, t.RuleBeforeRow);
        Assert.Equal("1.99", t.Rows[0][1]);   // median of 2 s with ±1% spread: (1.98 + 2.00) / 2
        Assert.StartsWith("0.250× (", t.Rows[0][2]);
        Assert.StartsWith("40.0×", t.Rows[0][3]);
        Assert.Equal("", t.Rows[1][3]);               // beta has no native64 build
        Assert.Contains(t.Notes, n => n.StartsWith("native: skipped", StringComparison.Ordinal));
        Assert.Equal("Speedup over tcg (test size, wall time)", t.Caption);
    }

    [Fact]
    public void MarkdownIsATableWithCaptionAndNotes()
    {
        var md = Markdown.Write(Summary()).Split('\n');
        Assert.Equal("**Speedup over tcg (test size, wall time)**", md[0]);
        Assert.Equal("| workload | tcg median (s) | interp | native64 (x86-64 build) |", md[2]);
        Assert.Equal("| --- | ---: | ---: | ---: |", md[3]);
        Assert.StartsWith("| alpha | 1.99 | 0.250× (", md[4]);
        Assert.StartsWith("| **geometric mean** |", md[6]);
        Assert.Contains(md, l => l.StartsWith("- native: skipped", StringComparison.Ordinal));
    }

    [Fact]
    public void LatexIsABooktabsTabularWithEscapes()
    {
        var tex = Latex.Write(Summary());
        Assert.Contains("\\begin{tabular}{lrrr}", tex);
        Assert.Contains("\\toprule\nworkload & tcg median (s) & interp & native64 (x86-64 build) \\\\\n\\midrule\nalpha & 1.99 & 0.250$\\times$ (", tex);
        Assert.Contains("\\midrule\ngeometric mean", tex);
        Assert.Contains("\\bottomrule", tex);
        Assert.Equal("a\\_b 50\\% \\& \\#1 2$\\times$ 1--2 \\textbackslash{}", Latex.Escape("a_b 50% & #1 2× 1–2 \\"));
        Assert.Equal("0.0312", Numbers.Sig3(0.031234));
        Assert.Equal("231", Numbers.Sig3(231.4));
    }
}
