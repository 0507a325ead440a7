using CsvHelper;

namespace Hdbt.Harness.Output;

/// <summary>One row of stats.csv: one emulator counter of one point over its valid measured runs (tidy form; the unit is in the counter's name).</summary>
[CsvRecord]
[CsvOptions(NewLine = "\n")]
public sealed partial class StatRecord
{
    [CsvColumn("workload")] public string Workload { get; set; } = "";
    [CsvColumn("mode")] public string Mode { get; set; } = "";
    [CsvColumn("threshold")] public int? Threshold { get; set; }
    [CsvColumn("trace_len_blocks")] public int? TraceLength { get; set; }
    [CsvColumn("llvm_threads")] public int? LlvmThreads { get; set; }
    [CsvColumn("is_default_config")] public bool IsDefaultConfig { get; set; }
    [CsvColumn("counter")] public string Counter { get; set; } = "";
    [CsvColumn("n")] public int N { get; set; }
    [CsvColumn("median")] public double Median { get; set; }
    [CsvColumn("mean")] public double Mean { get; set; }
    [CsvColumn("min")] public double Min { get; set; }
    [CsvColumn("max")] public double Max { get; set; }
}
