namespace Hdbt.Harness.Analysis;

/// <summary>
/// The statistics of the harness: median, mean, standard deviation, percentile-bootstrap
/// confidence intervals (of a median, of a ratio of medians, of a geometric mean of ratios) and
/// the median-absolute-deviation outlier test. Bootstraps take an explicit <see cref="Random"/>
/// so that a summary is reproducible.
/// </summary>
public static class Stats
{
    /// <summary>Resamples per bootstrap: enough for stable 2.5/97.5 percentiles.</summary>
    public const int Resamples = 2000;

    public static double Median(IReadOnlyList<double> xs)
    {
        if (xs.Count == 0) return double.NaN;
        var s = xs.ToArray();
        Array.Sort(s);
        int n = s.Length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    public static double Mean(IReadOnlyList<double> xs) => xs.Count == 0 ? double.NaN : xs.Average();

    /// <summary>Sample standard deviation (n − 1); NaN below two values.</summary>
    public static double StdDev(IReadOnlyList<double> xs)
    {
        if (xs.Count < 2) return double.NaN;
        double m = xs.Average();
        return Math.Sqrt(xs.Sum(x => (x - m) * (x - m)) / (xs.Count - 1));
    }

    /// <summary>Percentile of sorted data with linear interpolation between closest ranks.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        double pos = p * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos), hi = (int)Math.Ceiling(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    public static double GeometricMean(IReadOnlyList<double> xs) =>
        xs.Count == 0 || xs.Any(x => x <= 0) ? double.NaN : Math.Exp(xs.Average(Math.Log));

    private static double[] Resample(IReadOnlyList<double> xs, Random rng)
    {
        var r = new double[xs.Count];
        for (int i = 0; i < r.Length; i++) r[i] = xs[rng.Next(xs.Count)];
        return r;
    }

    /// <summary>95% percentile-bootstrap CI of <paramref name="statistic"/> over <paramref name="xs"/>; NaNs below two values.</summary>
    public static (double Low, double High) BootstrapCi(IReadOnlyList<double> xs, Func<IReadOnlyList<double>, double> statistic, Random rng, double level = 0.95)
    {
        if (xs.Count < 2) return (double.NaN, double.NaN);
        var est = new double[Resamples];
        for (int b = 0; b < Resamples; b++) est[b] = statistic(Resample(xs, rng));
        return Interval(est, level);
    }

    /// <summary>
    /// Speedup of <paramref name="x"/> over <paramref name="baseline"/> as median(baseline) / median(x),
    /// with a 95% CI from resampling both sets of runs independently.
    /// </summary>
    public static (double Ratio, double Low, double High) SpeedupCi(IReadOnlyList<double> baseline, IReadOnlyList<double> x, Random rng)
    {
        double ratio = Median(baseline) / Median(x);
        if (baseline.Count < 2 || x.Count < 2) return (ratio, double.NaN, double.NaN);
        var est = new double[Resamples];
        for (int b = 0; b < Resamples; b++) est[b] = Median(Resample(baseline, rng)) / Median(Resample(x, rng));
        var (lo, hi) = Interval(est, 0.95);
        return (ratio, lo, hi);
    }

    /// <summary>
    /// Geometric mean over workloads of per-workload speedups, with a 95% CI that resamples the
    /// runs within every workload (the workloads themselves are fixed: they are the benchmark).
    /// </summary>
    public static (double GeoMean, double Low, double High) GeoMeanSpeedupCi(
        IReadOnlyList<(IReadOnlyList<double> Baseline, IReadOnlyList<double> X)> workloads, Random rng)
    {
        if (workloads.Count == 0) return (double.NaN, double.NaN, double.NaN);
        double g = GeometricMean(workloads.Select(w => Median(w.Baseline) / Median(w.X)).ToList());
        if (workloads.Any(w => w.Baseline.Count < 2 || w.X.Count < 2)) return (g, double.NaN, double.NaN);
        var est = new double[Resamples];
        for (int b = 0; b < Resamples; b++)
        {
            double logSum = 0;
            foreach (var (bs, xs) in workloads) logSum += Math.Log(Median(Resample(bs, rng)) / Median(Resample(xs, rng)));
            est[b] = Math.Exp(logSum / workloads.Count);
        }
        var (lo, hi) = Interval(est, 0.95);
        return (g, lo, hi);
    }

    private static (double, double) Interval(double[] est, double level)
    {
        Array.Sort(est);
        double a = (1 - level) / 2;
        return (Percentile(est, a), Percentile(est, 1 - a));
    }

    /// <summary>
    /// Indices of outliers by the MAD rule: |x − median| &gt; k · 1.4826 · MAD (k = 3.5 by default,
    /// Iglewicz and Hoaglin's cut-off). With MAD = 0 nothing is flagged: identical runs are not outliers.
    /// </summary>
    public static List<int> MadOutliers(IReadOnlyList<double> xs, double k = 3.5)
    {
        if (xs.Count < 3) return [];
        double med = Median(xs);
        double mad = Median(xs.Select(x => Math.Abs(x - med)).ToList());
        if (mad == 0) return [];
        double scale = 1.4826 * mad;
        return Enumerable.Range(0, xs.Count).Where(i => Math.Abs(xs[i] - med) > k * scale).ToList();
    }
}
