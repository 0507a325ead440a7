using Hdbt.Harness.Cli;
using Hdbt.Harness.Sweep;

namespace Hdbt.Harness.Tests.Sweep;

/// <summary>The shipped profiles, profile parsing, and command-line overrides.</summary>
public sealed class ProfileTests
{
    [Theory]
    [InlineData("quick")]
    [InlineData("default")]
    [InlineData("paper")]
    public void ShippedProfilesParse(string name)
    {
        var p = ProfileLoader.Load(name);
        Assert.Equal(name, p.Name);
        var manifest = new WorkloadManifest(RepoPaths.Manifest);
        foreach (var w in manifest.Resolve(p.Workloads)) manifest.Get(w, p.Size);
    }

    [Fact]
    public void PaperProfileIsTheFullGrid()
    {
        var p = ProfileLoader.Load("paper");
        Assert.Equal([1, 10, 50, 100, 500, 1000, 5000], p.Thresholds);
        Assert.Equal([1, 2, 4, 8, 16, 32], p.TraceLengths);
        Assert.Equal("cross", p.Grid);
        Assert.Equal("ref", p.Size);
        Assert.Equal(10, p.Reps);
        Assert.Equal(["*"], p.Modes);
    }

    [Fact]
    public void UnknownFieldsAndBadValuesAreErrors()
    {
        var e = Assert.Throws<FormatException>(() => Profile.Parse("""{"name": "x", "treshold": [5]}""", "x.json"));
        Assert.Contains("treshold", e.Message);
        Assert.Throws<FormatException>(() => Profile.Parse("""{"reps": 0}""", "x.json"));
        Assert.Throws<FormatException>(() => Profile.Parse("""{"grid": "diagonal"}""", "x.json"));
        Assert.Throws<FormatException>(() => Profile.Parse("""{"baselines": ["valgrind"]}""", "x.json"));
        Assert.Throws<FormatException>(() => ProfileLoader.Load("no-such-profile"));
    }

    [Fact]
    public void EveryFieldCanBeOverriddenOnTheCommandLine()
    {
        var o = ArgumentParser.Parse(["--workloads", "sha1,crc32", "--modes=tcg", "--thresholds", "1,5", "--trace-lengths", "2", "--llvm-threads", "3",
            "--reps", "7", "--warmup", "0", "--size", "ref", "--timeout", "9.5", "--baselines", "qemu", "--baseline", "interp", "--seed", "42", "--grid", "cross", "--metric", "cpu"], out var error);
        Assert.Null(error);
        var p = ProfileLoader.ApplyOverrides(ProfileLoader.Load("default"), o!);
        Assert.Equal(["sha1", "crc32"], p.Workloads);
        Assert.Equal(["tcg"], p.Modes);
        Assert.Equal([1, 5], p.Thresholds);
        Assert.Equal([2], p.TraceLengths);
        Assert.Equal([3], p.LlvmThreads);
        Assert.Equal((7, 0, "ref", 9.5, "interp", 42, "cross"), (p.Reps, p.Warmup, p.Size, p.TimeoutSeconds, p.Baseline, p.Seed, p.Grid));
        Assert.Equal(["qemu"], p.Baselines);
        Assert.Equal("cpu", p.Metric);
        // The loaded profile itself is untouched.
        Assert.Equal(5, ProfileLoader.Load("default").Reps);
    }

    [Fact]
    public void BadCommandLinesGiveOneLine()
    {
        Assert.Null(ArgumentParser.Parse(["--reps", "many"], out var e1));
        Assert.Contains("--reps", e1);
        Assert.Null(ArgumentParser.Parse(["--shard", "3/2"], out var e2));
        Assert.Contains("K/N", e2);
        Assert.Null(ArgumentParser.Parse(["--frobnicate"], out var e3));
        Assert.Contains("unknown option", e3);
        var o = ArgumentParser.Parse(["--merge", "a", "b", "--out", "c", "--shard", "2/5"], out _);
        Assert.Equal(["a", "b"], o!.Merge);
        Assert.Equal((2, 5), o.Shard);
    }

    [Fact]
    public void HelpListsEveryOption()
    {
        var help = ArgumentParser.Help();
        foreach (var opt in OptionTable.All) Assert.Contains(opt.Name, help);
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "harness", "README.md"));
        foreach (var opt in OptionTable.All) Assert.Contains("`" + opt.Name, readme);
    }
}
