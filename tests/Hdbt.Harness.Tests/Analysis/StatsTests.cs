using Hdbt.Harness.Analysis;

namespace Hdbt.Harness.Tests.Analysis;

/// <summary>The statistics against known values.</summary>
public sealed class StatsTests
{
    [Fact]
    public void MedianMeanAndStandardDeviation()
    {
        Assert.Equal(3, Stats.Median([5, 1, 3]));
        Assert.Equal(2.5, Stats.Median([4, 1, 3, 2]));
        Assert.Equal(2.5, Stats.Mean([4, 1, 3, 2]));
        // Sample standard deviation of 2, 4, 4, 4, 5, 5, 7, 9: sqrt(32 / 7).
        Assert.Equal(Math.Sqrt(32.0 / 7), Stats.StdDev([2, 4, 4, 4, 5, 5, 7, 9]), 12);
        Assert.True(double.IsNaN(Stats.StdDev([1])));
    }

    [Fact]
    public void GeometricMean()
    {
        Assert.Equal(4, Stats.GeometricMean([2, 8]), 12);
        Assert.Equal(1, Stats.GeometricMean([0.5, 2]), 12);
        Assert.True(double.IsNaN(Stats.GeometricMean([1, 0])));
    }

    /// <summary>Standard normal samples from a fixed seed (Box–Muller).</summary>
    private static double[] Normal(int n, double mean, double sd, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => mean + sd * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble())).ToArray();
    }

    [Fact]
    public void BootstrapCiOfTheMedianOfANormalSampleHasTheTheoreticalWidth()
    {
        // Median of n normal samples: standard error ≈ 1.2533 σ / √n, so the 95% CI is about ±1.96 of that.
        const int n = 400;
        var xs = Normal(n, 10, 2, seed: 1);
        var (lo, hi) = Stats.BootstrapCi(xs, Stats.Median, new Random(2));
        double expectedHalf = 1.96 * 1.2533 * 2 / Math.Sqrt(n);
        Assert.InRange(lo, 10 - 3 * expectedHalf, 10);
        Assert.InRange(hi, 10, 10 + 3 * expectedHalf);
        Assert.InRange((hi - lo) / 2, expectedHalf * 0.6, expectedHalf * 1.5);
    }

    [Fact]
    public void BootstrapCiCoversTheTrueMedianAboutNinetyFivePercentOfTheTime()
    {
        int covered = 0;
        for (int trial = 0; trial < 200; trial++)
        {
            var xs = Normal(30, 5, 1, seed: 100 + trial);
            var (lo, hi) = Stats.BootstrapCi(xs, Stats.Median, new Random(trial));
            if (lo <= 5 && 5 <= hi) covered++;
        }
        // Percentile bootstraps of a median are a little off at n = 30; 85–100% is right, 50% would be a bug.
        Assert.InRange(covered, 170, 200);
    }

    [Fact]
    public void SpeedupIsTheRatioOfMediansWithAnIntervalAroundIt()
    {
        var baseline = Normal(50, 10, 0.2, 3);
        var x = Normal(50, 5, 0.1, 4);
        var (ratio, lo, hi) = Stats.SpeedupCi(baseline, x, new Random(5));
        Assert.Equal(Stats.Median(baseline) / Stats.Median(x), ratio, 12);
        Assert.InRange(ratio, 1.95, 2.05);
        Assert.True(lo < ratio && ratio < hi);
        Assert.InRange(hi - lo, 0.005, 0.2);
    }

    [Fact]
    public void GeoMeanOfSpeedupsAcrossWorkloads()
    {
        IReadOnlyList<double> B(double v) => [v, v, v];
        var (g, lo, hi) = Stats.GeoMeanSpeedupCi([(B(8), B(2)), (B(3), B(3)), (B(1), B(4))], new Random(1));
        // Speedups 4, 1 and 0.25: geometric mean 1. No spread in the runs: a zero-width interval.
        Assert.Equal(1, g, 12);
        Assert.Equal(1, lo, 12);
        Assert.Equal(1, hi, 12);
    }

    [Fact]
    public void MadFlagsOnlyTheFarOutlier()
    {
        Assert.Equal([5], Stats.MadOutliers([1.00, 1.02, 0.98, 1.01, 0.99, 3.0]));
        Assert.Empty(Stats.MadOutliers([1, 1, 1, 1]));
        Assert.Empty(Stats.MadOutliers([1.0, 1.1, 0.9, 1.05]));
    }
}
