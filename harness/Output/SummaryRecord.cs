using CsvHelper;

namespace Hdbt.Harness.Output;

/// <summary>
/// One row of summary.csv: one point (or, with workload "geomean", one mode across workloads).
/// Times are seconds of valid measured runs; speedups compare the profile's metric (wall or CPU
/// time) of medians; CIs are 95% percentile-bootstrap intervals.
/// </summary>
[CsvRecord]
[CsvOptions(NewLine = "\n")]
public sealed partial class SummaryRecord
{
    [CsvColumn("workload")] public string Workload { get; set; } = "";
    [CsvColumn("size")] public string Size { get; set; } = "";
    [CsvColumn("mode")] public string Mode { get; set; } = "";
    [CsvColumn("threshold")] public int? Threshold { get; set; }
    [CsvColumn("trace_len_blocks")] public int? TraceLength { get; set; }
    [CsvColumn("llvm_threads")] public int? LlvmThreads { get; set; }
    [CsvColumn("is_default_config")] public bool IsDefaultConfig { get; set; }
    [CsvColumn("n")] public int N { get; set; }
    [CsvColumn("n_invalid")] public int NInvalid { get; set; }
    [CsvColumn("n_outliers")] public int NOutliers { get; set; }
    [CsvColumn("wall_median_s")] public double? WallMedian { get; set; }
    [CsvColumn("wall_mean_s")] public double? WallMean { get; set; }
    [CsvColumn("wall_sd_s")] public double? WallSd { get; set; }
    [CsvColumn("wall_ci_low_s")] public double? WallCiLow { get; set; }
    [CsvColumn("wall_ci_high_s")] public double? WallCiHigh { get; set; }
    [CsvColumn("user_median_s")] public double? UserMedian { get; set; }
    [CsvColumn("sys_median_s")] public double? SysMedian { get; set; }
    [CsvColumn("cpu_median_s")] public double? CpuMedian { get; set; }
    /// <summary>Median of the measured program's own peak RSS (its rusage), with a 95% bootstrap CI.</summary>
    [CsvColumn("max_rss_median_kib")] public double? MaxRssMedian { get; set; }
    [CsvColumn("max_rss_ci_low_kib")] public double? MaxRssCiLow { get; set; }
    [CsvColumn("max_rss_ci_high_kib")] public double? MaxRssCiHigh { get; set; }
    [CsvColumn("baseline_mode")] public string BaselineMode { get; set; } = "";

    /// <summary>What the speedup compares: wall (elapsed) or cpu (user + system) time.</summary>
    [CsvColumn("speedup_metric")] public string SpeedupMetric { get; set; } = "wall";
    [CsvColumn("speedup")] public double? Speedup { get; set; }
    [CsvColumn("speedup_ci_low")] public double? SpeedupCiLow { get; set; }
    [CsvColumn("speedup_ci_high")] public double? SpeedupCiHigh { get; set; }
}
