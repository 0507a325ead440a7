using Hdbt.Harness.Cli;
using Hdbt.Harness.Sweep;

namespace Hdbt.Harness.Tests.Cli;

/// <summary>Every option is declared once: parsing, --help and harness/README.md's table come from the table.</summary>
public sealed class OptionTableTests
{
    [Fact]
    public void TheReadmeTableIsTheOptionTable()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "harness", "README.md"));
        Assert.True(readme.Contains(OptionTable.Markdown(), StringComparison.Ordinal),
            "harness/README.md's Options table differs from the option table: paste `dotnet run -c Release -- --help-markdown` there");
        var help = ArgumentParser.Help();
        Assert.All(OptionTable.All, o => Assert.Contains(o.Name, help));
    }

    [Fact]
    public void MultiValueOptionsAndPinAreParsed()
    {
        var o = ArgumentParser.Parse(["--compare", "a", "b", "--export-latex", "-", "--pin", "0", "--merge", "x", "y", "z", "--out", "o"], out var e);
        Assert.Null(e);
        Assert.Equal(["a", "b"], o!.Compare);
        Assert.Equal("-", o.ExportLatex);
        Assert.Equal([0], o.Pin);
        Assert.Equal(["x", "y", "z"], o.Merge);
        Assert.Null(ArgumentParser.Parse(["--compare", "a"], out e));
        Assert.Equal("--compare needs A B", e);
        Assert.Null(ArgumentParser.Parse(["--pin", "0-x"], out e));
        Assert.Null(ArgumentParser.Parse(["--pin", "1000"], out e));
        Assert.Contains("not available", e);
    }
}
