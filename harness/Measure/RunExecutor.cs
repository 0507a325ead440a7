using System.Globalization;
using Hdbt.Harness.Output;
using Hdbt.Harness.Sweep;

namespace Hdbt.Harness.Measure;

/// <summary>
/// Runs one planned run as its own process and checks it: exit status and stdout must match the
/// workload's expected ones byte for byte, or the run is invalid (kept in runs.csv with the reason,
/// left out of every statistic, its stdout and stderr kept under failures/).
/// </summary>
public sealed class RunExecutor(SweepDefinition def, WorkloadManifest manifest, string? hdbt, string? qemu, string resultsDir)
{
    private readonly string _scratch = Path.Combine(resultsDir, ".scratch");

    /// <summary>The argument vector of a point's run; the stats file is written by hdbt modes only.</summary>
    public List<string> Command(GridPoint p, Workload w, string statsPath)
    {
        var argv = new List<string>();
        switch (p.Mode)
        {
            case "native": break;
            case "native64":
                argv.Add(w.Binary64 ?? throw new InvalidOperationException($"{w.Name} has no native64 build"));
                argv.AddRange(w.Args);
                return argv;
            case "qemu": argv.Add(qemu ?? throw new InvalidOperationException("qemu-i386 not found")); break;
            default:
                argv.AddRange([hdbt ?? throw new InvalidOperationException("no hdbt"), "--mode", p.Mode]);
                if (p.Threshold is { } t) argv.AddRange(["--threshold", t.ToString(CultureInfo.InvariantCulture)]);
                if (p.TraceLength is { } l) argv.AddRange(["--trace-len", l.ToString(CultureInfo.InvariantCulture)]);
                if (p.LlvmThreads is { } j) argv.AddRange(["--llvm-threads", j.ToString(CultureInfo.InvariantCulture)]);
                argv.AddRange(["--stats-json", statsPath]);
                break;
        }
        argv.Add(w.Binary);
        argv.AddRange(w.Args);
        return argv;
    }

    /// <summary>
    /// Runs and checks one planned run; null when <paramref name="cancel"/> cut it short (SIGTERM): such a
    /// run is not recorded, so that --resume runs it again.
    /// </summary>
    public (RunRecord Run, List<CounterRecord> Counters)? Execute(PlannedRun planned, CancellationToken cancel = default)
    {
        Directory.CreateDirectory(_scratch);
        var p = planned.Point;
        var w = manifest.Get(p.Workload, def.Profile.Size);
        string outPath = Path.Combine(_scratch, "run.out"), errPath = Path.Combine(_scratch, "run.err"), statsPath = Path.Combine(_scratch, "run.stats.json");
        File.Delete(statsPath);
        var started = DateTime.UtcNow;
        var record = new RunRecord
        {
            RunId = planned.RunId, PointId = p.Id, Round = planned.Round, Phase = planned.Phase == Phase.Warmup ? "warmup" : "measure", Rep = planned.Rep,
            Workload = p.Workload, Size = def.Profile.Size, Mode = p.Mode, Threshold = p.Threshold, TraceLength = p.TraceLength, LlvmThreads = p.LlvmThreads,
            StartedUtc = started.ToString("o", CultureInfo.InvariantCulture), Shard = def.ShardLabel,
        };
        ChildResult r;
        try
        {
            r = Spawner.Run(Command(p, w, statsPath), outPath, errPath, TimeSpan.FromSeconds(def.Profile.TimeoutSeconds), Path.GetDirectoryName(w.Binary),
                cpus: def.PinCpus, cancel: cancel);
        }
        catch (IOException e)
        {
            record.Valid = false;
            record.InvalidReason = e.Message;
            record.ExitStatus = -1;
            return (record, []);
        }
        if (r.Cancelled) return null;
        record.WallSeconds = r.WallSeconds;
        record.UserSeconds = r.UserSeconds;
        record.SysSeconds = r.SysSeconds;
        record.MaxRssKiB = r.MaxRssKiB;
        record.ExitStatus = r.Status;
        record.TimedOut = r.TimedOut;
        record.InvalidReason = Check(r, w, outPath, errPath) ?? "";
        record.Valid = record.InvalidReason.Length == 0;
        if (!record.Valid)
        {
            var failures = Path.Combine(resultsDir, "failures");
            Directory.CreateDirectory(failures);
            var stem = Path.Combine(failures, $"{planned.RunId:D5}-{p.Id.Replace('/', '_')}");
            File.Copy(outPath, stem + ".stdout", overwrite: true);
            File.Copy(errPath, stem + ".stderr", overwrite: true);
        }
        var counters = new List<CounterRecord>();
        if (File.Exists(statsPath))
        {
            try
            {
                foreach (var (k, v) in JsonFiles.FlattenNumbers(File.ReadAllText(statsPath)))
                    counters.Add(new CounterRecord { RunId = planned.RunId, Counter = k, Value = v });
            }
            catch (System.Text.Json.JsonException e)
            {
                if (record.Valid) { record.Valid = false; record.InvalidReason = $"unreadable --stats-json file: {e.Message}"; }
            }
        }
        return (record, counters);
    }

    /// <summary>Why a run is wrong, or null when it is right.</summary>
    public static string? Check(ChildResult r, Workload w, string stdoutPath, string stderrPath)
    {
        if (r.TimedOut) return $"timed out after {r.WallSeconds:F0} s";
        if (r.Status != w.ExpectedStatus)
        {
            string err = File.Exists(stderrPath) ? File.ReadLines(stderrPath).FirstOrDefault() ?? "" : "";
            return $"exit status {r.Status} (expected {w.ExpectedStatus})" + (err.Length > 0 ? ": " + err : "");
        }
        var expected = File.ReadAllBytes(w.ExpectedStdoutPath);
        var actual = File.ReadAllBytes(stdoutPath);
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            int i = 0;
            while (i < expected.Length && i < actual.Length && expected[i] == actual[i]) i++;
            return $"stdout differs from {Path.GetFileName(w.ExpectedStdoutPath)} at byte {i} ({actual.Length} bytes, expected {expected.Length})";
        }
        return null;
    }
}
