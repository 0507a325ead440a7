using System.Globalization;

namespace Hdbt.Harness.Cli;

/// <summary>Every harness option, declared once: parsing and --help come from this table.</summary>
public static class OptionTable
{
    public static readonly HarnessOption[] All =
    [
        new("--sweep", null, "run a sweep (the default action) and write a results folder", (o, _) => { o.Sweep = true; return null; }),
        new("--profile", "NAME|FILE", "sweep definition: quick, default or paper (profiles/NAME.json), or a JSON file (default: default)", (o, v) => { o.ProfileName = v; return null; }),
        new("--workloads", "LIST", "comma-separated workload names, or * for all (overrides the profile)", (o, v) => { o.Workloads = Names(v); return null; }),
        new("--modes", "LIST", "comma-separated modes, or * for every mode hdbt knows; not-built modes are reported and skipped", (o, v) => { o.Modes = Names(v); return null; }),
        new("--thresholds", "LIST", "profile thresholds for trace-forming modes, e.g. 10,50,500", (o, v) => Ints(v, x => o.Thresholds = x)),
        new("--trace-lengths", "LIST", "maximum blocks per trace for trace-forming modes, e.g. 4,16", (o, v) => Ints(v, x => o.TraceLengths = x)),
        new("--llvm-threads", "LIST", "LLVM worker threads for modes with workers, e.g. 1,2", (o, v) => Ints(v, x => o.LlvmThreads = x)),
        new("--grid", "axes|cross", "axes: vary one knob at a time around the defaults; cross: every combination", (o, v) => { o.Grid = v; return null; }),
        new("--reps", "N", "measured repetitions per point", (o, v) => Int(v, x => o.Reps = x)),
        new("--warmup", "N", "discarded warm-up runs per point", (o, v) => Int(v, x => o.Warmup = x)),
        new("--size", "SIZE", "workload size: test or ref", (o, v) => { o.Size = v; return null; }),
        new("--timeout", "SECONDS", "per-run time limit; a run over it is killed and marked invalid", (o, v) =>
            double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t > 0 ? Set(() => o.Timeout = t) : $"--timeout needs a positive number, not '{v}'"),
        new("--baselines", "LIST", "extra rows: native, qemu (comma-separated; empty string for none)", (o, v) => { o.Baselines = Names(v); return null; }),
        new("--baseline", "MODE", "the mode speedups are over (default tcg; interp while tcg is not built)", (o, v) => { o.Baseline = v; return null; }),
        new("--metric", "wall|cpu", "what speedups compare: wall time (default) or user+system CPU time; with --plot, redraws in that metric", (o, v) => { o.Metric = v; return null; }),
        new("--seed", "N", "seed of the run-order shuffle", (o, v) => Int(v, x => o.Seed = x)),
        new("--out", "DIR", "results folder (default results/<date>-<commit>-<profile>)", (o, v) => { o.Out = v; return null; }),
        new("--resume", "DIR", "continue an interrupted sweep in DIR (same plan, missing runs only)", (o, v) => { o.Resume = v; return null; }),
        new("--plot", "DIR", "recompute summary.csv and stats.csv and redraw the figures of DIR", (o, v) => { o.Plot = v; return null; }),
        new("--merge", "DIR...", "combine shard folders (every following argument that is not an option) into --out or a new folder", (o, v) => { o.Merge.Add(v); return null; }),
        new("--shard", "K/N", "run only slice K of N of the grid (e.g. a Slurm array task); combine with --merge", (o, v) =>
        {
            var parts = v.Split('/');
            if (parts.Length == 2 && int.TryParse(parts[0], out var k) && int.TryParse(parts[1], out var n) && n >= 1 && k >= 1 && k <= n)
                return Set(() => o.Shard = (k, n));
            return $"--shard needs K/N with 1 <= K <= N, not '{v}'";
        }),
        new("--list", null, "list workloads, modes (built or not) and profiles, then exit", (o, _) => { o.List = true; return null; }),
        new("--micro", null, "run the BenchmarkDotNet micro-benchmarks of the translator into a results folder", (o, _) => { o.Micro = true; return null; }),
        new("--hdbt", "PATH", "use this hdbt binary instead of publishing emulator/ in Release", (o, v) => { o.Hdbt = v; return null; }),
        new("--no-progress", null, "plain log lines instead of the progress bar", (o, _) => { o.NoProgress = true; return null; }),
        new("--help", null, "show this help and exit", (o, _) => { o.Help = true; return null; }),
    ];

    public static HarnessOption? Find(string name) => All.FirstOrDefault(o => o.Name == name || (name == "-h" && o.Name == "--help"));

    private static string? Set(Action a) { a(); return null; }

    private static List<string> Names(string v) => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static string? Int(string v, Action<int> set) =>
        int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var x) && x >= 0 ? Set(() => set(x)) : $"expected a non-negative integer, not '{v}'";

    private static string? Ints(string v, Action<List<int>> set)
    {
        var list = new List<int>();
        foreach (var part in Names(v))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var x) || x < 1) return $"expected integers >= 1, not '{part}'";
            list.Add(x);
        }
        return list.Count == 0 ? "expected at least one value" : Set(() => set(list));
    }
}
