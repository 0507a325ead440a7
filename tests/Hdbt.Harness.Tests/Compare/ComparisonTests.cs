using Hdbt.Harness.Compare;
using Hdbt.Harness.Export;
using Hdbt.Harness.Output;
using Hdbt.Harness.Sweep;
using Hdbt.Harness.Tests.Support;

namespace Hdbt.Harness.Tests.Compare;

/// <summary>--compare: ratios of medians per point with bootstrap CIs, significance, geometric means, and what is not comparable.</summary>
public sealed class ComparisonTests
{
    private static string Folder(TempDir dir, string name, Func<GridPoint, double> seconds, string size = "test")
    {
        var def = Synthetic.Definition(withTraceModes: false);
        def.Profile.Size = size;
        var (runs, _) = Synthetic.Runs(def, seconds);
        var f = new ResultsFolder(dir.File(name));
        Directory.CreateDirectory(f.Dir);
        f.SaveDefinition(def);
        f.WriteRuns(runs);
        return f.Dir;
    }

    [Fact]
    public void ASlowerPointIsSignificantAndAnUnchangedOneIsNot()
    {
        using var dir = new TempDir();
        string a = Folder(dir, "a", p => p.Mode == "interp" ? 8 : 2);
        // B: interp on alpha twice as slow, everything else the same.
        string b = Folder(dir, "b", p => p.Mode == "interp" ? (p.Workload == "alpha" ? 16 : 8) : 2);
        var c = Comparison.Of(a, b, null);
        var slow = c.Rows.Single(r => r is { Workload: "alpha", Config: "interp" });
        Assert.Equal(2.0, slow.Ratio, 6);
        Assert.True(slow.Significant);
        Assert.Equal("2.00× slower", slow.Verdict);
        var same = c.Rows.Single(r => r is { Workload: "beta", Config: "tcg" });
        Assert.Equal(1.0, same.Ratio, 6);
        Assert.False(same.Significant);
        Assert.Equal("not significant", same.Verdict);
        var geo = c.Rows.Single(r => r is { Workload: "geomean", Config: "interp" });
        Assert.Equal(Math.Sqrt(2), geo.Ratio, 6);
        Assert.Equal(2, geo.NA);
        var faster = Comparison.Of(b, a, null).Rows.Single(r => r is { Workload: "alpha", Config: "interp" });
        Assert.Equal("2.00× faster", faster.Verdict);
        var t = c.ToTable();
        Assert.Equal(["point", "A median (s)", "B median (s)", "B/A", "verdict"], t.Header);
        Assert.Contains(t.Rows, r => r[0] == "alpha/interp" && r[4] == "2.00× slower");
        Assert.Contains("| alpha/interp | 7.96 | 15.9 | 2.00× (", Markdown.Write(t));
    }

    [Fact]
    public void DifferentSizesAreRefused()
    {
        using var dir = new TempDir();
        string a = Folder(dir, "a", _ => 1);
        string b = Folder(dir, "b", _ => 1, size: "ref");
        var e = Assert.Throws<FormatException>(() => Comparison.Of(a, b, null));
        Assert.Contains("not comparable", e.Message);
    }
}
