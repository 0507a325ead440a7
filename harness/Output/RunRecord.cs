using CsvHelper;

namespace Hdbt.Harness.Output;

/// <summary>One row of runs.csv: one process run, raw. Units are in the column names.</summary>
[CsvRecord]
[CsvOptions(NewLine = "\n")]
public sealed partial class RunRecord
{
    [CsvColumn("run_id")] public int RunId { get; set; }
    [CsvColumn("point_id")] public string PointId { get; set; } = "";
    [CsvColumn("round")] public int Round { get; set; }
    [CsvColumn("phase")] public string Phase { get; set; } = "measure";
    [CsvColumn("rep")] public int Rep { get; set; }
    [CsvColumn("workload")] public string Workload { get; set; } = "";
    [CsvColumn("size")] public string Size { get; set; } = "";
    [CsvColumn("mode")] public string Mode { get; set; } = "";
    [CsvColumn("threshold")] public int? Threshold { get; set; }
    [CsvColumn("trace_len_blocks")] public int? TraceLength { get; set; }
    [CsvColumn("llvm_threads")] public int? LlvmThreads { get; set; }
    [CsvColumn("wall_s")] public double WallSeconds { get; set; }
    [CsvColumn("user_s")] public double UserSeconds { get; set; }
    [CsvColumn("sys_s")] public double SysSeconds { get; set; }
    [CsvColumn("max_rss_kib")] public long MaxRssKiB { get; set; }
    [CsvColumn("exit_status")] public int ExitStatus { get; set; }
    [CsvColumn("timed_out")] public bool TimedOut { get; set; }
    [CsvColumn("valid")] public bool Valid { get; set; }
    [CsvColumn("invalid_reason")] public string InvalidReason { get; set; } = "";
    [CsvColumn("outlier")] public bool Outlier { get; set; }
    [CsvColumn("started_utc")] public string StartedUtc { get; set; } = "";
    [CsvColumn("shard")] public string Shard { get; set; } = "";

    /// <summary>Whether the run enters statistics: measured and valid.</summary>
    public bool Counts => Valid && Phase == "measure";
}
