using Hdbt.Harness.Sweep;

namespace Hdbt.Harness.Tests.Sweep;

/// <summary>Which modes run: built ones only, the baseline added (or replaced by interp while not built), and the baseline rows.</summary>
public sealed class ModeResolverTests
{
    private static readonly List<ModeInfo> TodayHdbt = ModeInfo.ParseListing("interp\tbuilt\tblocks\t-\ntcg\tnot-built\tblocks\t-\nllvm\tnot-built\ttraces\t-\nhybrids\tnot-built\ttraces\t-\nhybridm\tnot-built\ttraces\tworkers\n");

    private static SweepDefinition Def(params string[] modes) => new() { Profile = new Profile { Modes = [.. modes] } };

    [Fact]
    public void ListingIsParsed()
    {
        Assert.Equal(5, TodayHdbt.Count);
        Assert.True(TodayHdbt[0].Built);
        Assert.True(TodayHdbt.Single(m => m.Name == "hybridm") is { FormsTraces: true, UsesWorkers: true, Built: false });
    }

    [Fact]
    public void NotBuiltModesAreSkippedAndTheBaselineFallsBackToInterp()
    {
        var def = Def("*");
        ModeResolver.Resolve(def, TodayHdbt, noNative: null, qemuInstalled: false);
        Assert.Equal(["interp", "native"], def.Modes.Select(m => m.Name));
        Assert.Equal(["tcg", "llvm", "hybrids", "hybridm", "native64", "qemu"], def.SkippedModes);
        Assert.Equal("interp", def.BaselineMode);
        Assert.Contains(def.Notes, n => n.StartsWith("BASELINE", StringComparison.Ordinal));
        Assert.Contains(def.Notes, n => n.Contains("apt-get install qemu-user"));
    }

    [Fact]
    public void TheBaselineIsTcgOnceBuiltAndIsAddedWhenNotRequested()
    {
        var hdbt = TodayHdbt.Select(m => m.Name == "tcg" ? m with { Built = true } : m).ToList();
        var def = Def("interp");
        ModeResolver.Resolve(def, hdbt, noNative: "this host's kernel does not execute i386 programs (execve failed: Exec format error)", qemuInstalled: true);
        Assert.Equal("tcg", def.BaselineMode);
        Assert.Equal(["interp", "tcg", "qemu"], def.Modes.Select(m => m.Name));
        Assert.DoesNotContain(def.Notes, n => n.StartsWith("BASELINE", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownModesAreErrors()
    {
        Assert.Throws<FormatException>(() => ModeResolver.Resolve(Def("turbo"), TodayHdbt, null, true));
        Assert.Throws<FormatException>(() => ModeResolver.Resolve(Def("native"), TodayHdbt, null, true));
    }

    [Fact]
    public void NativeSkippedOnAHostWithoutI386SaysWhyAndCannotBeTheBaseline()
    {
        const string Why = "this host's kernel does not execute i386 programs (execve failed: Exec format error)";
        var def = Def("interp");
        ModeResolver.Resolve(def, TodayHdbt, noNative: Why, qemuInstalled: true);
        Assert.Equal(["interp", "qemu"], def.Modes.Select(m => m.Name));
        Assert.Contains("native", def.SkippedModes);
        Assert.Contains($"native: skipped: {Why}; the sweep has no native row and no speedup over native; native64 (the same sources built for x86-64) is the physical-limit row instead (qemu-i386 stays the peer baseline where installed)", def.Notes);
        var native = Def("interp");
        native.Profile.Baseline = "native";
        var e = Assert.Throws<FormatException>(() => ModeResolver.Resolve(native, TodayHdbt, noNative: Why, qemuInstalled: true));
        Assert.Contains(Why, e.Message);
    }

    /// <summary>native64 runs the workloads that have an x86-64 build, says which have none, and can be the baseline.</summary>
    [Fact]
    public void Native64RowsCoverTheWorkloadsWithAnX8664Build()
    {
        var hdbt = TodayHdbt.Select(m => m.Name == "tcg" ? m with { Built = true } : m).ToList();
        var def = new SweepDefinition { Profile = new Profile { Modes = ["tcg"], Baselines = ["native", "native64"], Baseline = "native64" }, Workloads = ["sha1", "fft-x87", "crc32"] };
        ModeResolver.Resolve(def, hdbt, noNative: "no i386 here", qemuInstalled: false, native64Workloads: ["sha1", "crc32"]);
        Assert.Equal("native64", def.BaselineMode);
        Assert.Equal(["tcg", "native64"], def.Modes.Select(m => m.Name));
        Assert.Equal(["sha1", "crc32"], def.Native64Workloads);
        Assert.Contains(def.Notes, n => n.StartsWith("native64: no row for fft-x87: no x86-64 build of it prints the i386 reference output", StringComparison.Ordinal)
            && n.EndsWith("native64's geometric mean is over the other 2 workloads", StringComparison.Ordinal));
        var points = def.Points().Select(p => p.Id).ToList();
        Assert.Equal(["sha1/tcg", "sha1/native64", "fft-x87/tcg", "crc32/tcg", "crc32/native64"], points);
        Assert.Equal("native64 (x86-64 build)", ModeInfo.Label("native64"));
    }
}
