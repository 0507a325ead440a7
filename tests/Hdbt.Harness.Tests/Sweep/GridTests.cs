using Hdbt.Harness.Sweep;

namespace Hdbt.Harness.Tests.Sweep;

/// <summary>Grid expansion, sharding and the run plan.</summary>
public sealed class GridTests
{
    private static readonly ModeInfo Interp = new("interp", true, false, false);
    private static readonly ModeInfo Hybrids = new("hybrids", true, true, false);
    private static readonly ModeInfo Hybridm = new("hybridm", true, true, true);

    private static Profile P(string grid) => new()
    {
        Thresholds = [1, 10, 50, 100], TraceLengths = [4, 16, 32], LlvmThreads = [1, 2], Grid = grid,
        DefaultThreshold = 50, DefaultTraceLength = 16, DefaultLlvmThreads = 1,
    };

    [Fact]
    public void KnobsApplyOnlyToModesThatTakeThem()
    {
        var points = GridExpander.Expand(P("axes"), ["w"], [Interp, Hybrids, Hybridm, ModeInfo.Native]);
        Assert.Single(points, p => p.Mode == "interp");
        Assert.Single(points, p => p.Mode == "native");
        Assert.All(points.Where(p => p.Mode is "interp" or "native"), p => Assert.Null(p.Threshold ?? p.TraceLength ?? p.LlvmThreads));
        // axes: 4 thresholds at length 16, 3 lengths at threshold 50, sharing the default point (50, 16).
        Assert.Equal(4 + 3 - 1, points.Count(p => p.Mode == "hybrids"));
        Assert.All(points.Where(p => p.Mode == "hybrids"), p => Assert.Null(p.LlvmThreads));
        // hybridm also varies the workers at the default knobs.
        Assert.Equal(4 + 3 - 1 + 1, points.Count(p => p.Mode == "hybridm"));
        Assert.Contains(points, p => p is { Mode: "hybridm", Threshold: 50, TraceLength: 16, LlvmThreads: 2 });
        Assert.Equal(points.Count, points.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void CrossGridHasEveryCombination()
    {
        var points = GridExpander.Expand(P("cross"), ["a", "b"], [Interp, Hybrids, Hybridm]);
        Assert.Equal(2 * (1 + 4 * 3 + 4 * 3 * 2), points.Count);
    }

    [Fact]
    public void DefaultPointIsAlwaysPresent()
    {
        var p = P("cross");
        p.Thresholds = [1000];
        p.TraceLengths = [2];
        var points = GridExpander.Expand(p, ["w"], [Hybrids]);
        Assert.Contains(points, x => x is { Threshold: 50, TraceLength: 16 });
        Assert.Contains(points, x => x is { Threshold: 1000, TraceLength: 2 });
    }

    [Fact]
    public void ShardsPartitionTheGrid()
    {
        var all = GridExpander.Expand(P("axes"), ["a", "b", "c"], [Interp, Hybrids, Hybridm]);
        var shards = Enumerable.Range(1, 4).Select(k => GridExpander.Shard(all, k, 4)).ToList();
        Assert.Equal(all.Count, shards.Sum(s => s.Count));
        Assert.Equal(all.Select(p => p.Id).Order(), shards.SelectMany(s => s).Select(p => p.Id).Order());
        Assert.All(shards, s => Assert.NotEmpty(s));
    }

    [Fact]
    public void PlanRunsWarmupsFirstEveryPointOncePerRoundInAShuffledOrder()
    {
        var points = GridExpander.Expand(P("axes"), ["a", "b", "c"], [Interp, Hybrids]);
        var plan = RunPlan.Build(points, warmup: 1, reps: 3, seed: 7);
        Assert.Equal(points.Count * 4, plan.Count);
        Assert.Equal(Enumerable.Range(0, plan.Count), plan.Select(r => r.RunId));
        Assert.All(plan.Take(points.Count), r => Assert.Equal(Phase.Warmup, r.Phase));
        foreach (var round in plan.GroupBy(r => r.Round))
            Assert.Equal(points.Select(p => p.Id).Order(), round.Select(r => r.Point.Id).Order());
        var orders = plan.GroupBy(r => r.Round).Select(g => string.Join(",", g.Select(r => r.Point.Id))).ToList();
        Assert.True(orders.Distinct().Count() > 1, "rounds should not all run in the same order");
        // The plan is a pure function of its inputs (resume and shards rely on it).
        Assert.Equal(plan, RunPlan.Build(points, 1, 3, 7));
        Assert.NotEqual(orders, RunPlan.Build(points, 1, 3, 8).GroupBy(r => r.Round).Select(g => string.Join(",", g.Select(r => r.Point.Id))).ToList());
    }
}
