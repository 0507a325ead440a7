using Hdbt.Harness.Output;
using Hdbt.Harness.Tests.Support;

namespace Hdbt.Harness.Tests.Output;

/// <summary>CSV round trips (exact doubles, empty nullable fields, awkward text) and the stats-json flattening.</summary>
public sealed class CsvTests
{
    [Fact]
    public void RunRecordsRoundTripExactly()
    {
        using var dir = new TempDir();
        var runs = new List<RunRecord>
        {
            new() { RunId = 3, PointId = "sha1/hybridm/t50/l16/j1", Workload = "sha1", Mode = "hybridm", Threshold = 50, TraceLength = 16, LlvmThreads = 1,
                    WallSeconds = 0.1 + 0.2, UserSeconds = 1e-7, MaxRssKiB = 123456789012, Valid = true, Outlier = true },
            new() { RunId = 4, PointId = "sha1/interp", Workload = "sha1", Mode = "interp", WallSeconds = Math.PI,
                    Valid = false, InvalidReason = "stdout differs, at \"byte\" 3\nsecond line", ExitStatus = 139 },
        };
        var path = dir.File("runs.csv");
        CsvFiles.Write(path, runs);
        var back = CsvFiles.Read<RunRecord>(path);
        Assert.Equal(2, back.Count);
        Assert.Equal(0.1 + 0.2, back[0].WallSeconds);
        Assert.Equal(1e-7, back[0].UserSeconds);
        Assert.Equal(123456789012, back[0].MaxRssKiB);
        Assert.Equal((50, 16, 1), (back[0].Threshold, back[0].TraceLength, back[0].LlvmThreads));
        Assert.Null(back[1].Threshold);
        Assert.Equal(runs[1].InvalidReason, back[1].InvalidReason);
        Assert.Equal(Math.PI, back[1].WallSeconds);
        Assert.True(back[0].Outlier && !back[1].Valid);
        var header = File.ReadLines(path).First();
        Assert.Contains("wall_s", header);
        Assert.Contains("max_rss_kib", header);
        Assert.DoesNotContain("\r", File.ReadAllText(path));
    }

    [Fact]
    public void AppendWritesTheHeaderOnce()
    {
        using var dir = new TempDir();
        var path = dir.File("counters.csv");
        CsvFiles.Append(path, [new CounterRecord { RunId = 1, Counter = "a", Value = 1.5 }]);
        CsvFiles.Append(path, [new CounterRecord { RunId = 2, Counter = "b.3", Value = 2 }]);
        var lines = File.ReadAllLines(path);
        Assert.Equal(3, lines.Length);
        Assert.Equal(["a", "b.3"], CsvFiles.Read<CounterRecord>(path).Select(c => c.Counter));
    }

    [Fact]
    public void SummaryRecordsRoundTrip()
    {
        using var dir = new TempDir();
        var path = dir.File("summary.csv");
        CsvFiles.Write(path, [new SummaryRecord { Workload = "geomean", Mode = "tcg", Speedup = 1.25, SpeedupCiLow = null, N = 10 }]);
        var back = CsvFiles.Read<SummaryRecord>(path).Single();
        Assert.Equal(1.25, back.Speedup);
        Assert.Null(back.SpeedupCiLow);
        Assert.Null(back.WallMedian);
    }

    [Fact]
    public void StatsJsonIsFlattenedWithoutAKeyList()
    {
        var c = JsonFiles.FlattenNumbers("""{"program": "bin/x", "blocks_translated": 12, "translation_seconds": 0.5, "trace_length_histogram": {"1": 4, "2": 1}, "per_tier": [1, 2]}""");
        Assert.Equal(12, c["blocks_translated"]);
        Assert.Equal(0.5, c["translation_seconds"]);
        Assert.Equal(4, c["trace_length_histogram.1"]);
        Assert.Equal(2, c["per_tier.1"]);
        Assert.False(c.ContainsKey("program"));
    }
}
