using CsvHelper;

namespace Hdbt.Harness.Output;

/// <summary>One row of counters.csv: one emulator counter of one run (from <c>hdbt --stats-json</c>), tidy (long) form.</summary>
[CsvRecord]
[CsvOptions(NewLine = "\n")]
public sealed partial class CounterRecord
{
    [CsvColumn("run_id")] public int RunId { get; set; }
    [CsvColumn("counter")] public string Counter { get; set; } = "";
    [CsvColumn("value")] public double Value { get; set; }
}
