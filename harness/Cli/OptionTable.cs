using System.Globalization;
using Hdbt.Harness.Measure;

namespace Hdbt.Harness.Cli;

/// <summary>Every harness option, declared once: parsing and --help come from this table.</summary>
public static class OptionTable
{
    public static readonly HarnessOption[] All =
    [
        new("--sweep", null, "run a sweep (the default action) and write a results folder", (o, _) => { o.Sweep = true; return null; }),
        new("--profile", "NAME|FILE", "`quick`, `default` (the default) or `paper` from `profiles/`, or any JSON file of the same shape", (o, v) => { o.ProfileName = v; return null; }),
        new("--workloads", "LIST", "comma-separated workload names from `workloads/manifest.json`, or `*`", (o, v) => { o.Workloads = Names(v); return null; }),
        new("--modes", "LIST", "comma-separated hdbt modes, or `*` for every mode hdbt knows; modes not built yet are reported and skipped", (o, v) => { o.Modes = Names(v); return null; }),
        new("--thresholds", "LIST", "profile thresholds (block executions before a trace forms), trace-forming modes only, e.g. 10,50,500", (o, v) => Ints(v, x => o.Thresholds = x)),
        new("--trace-lengths", "LIST", "maximum blocks per trace, trace-forming modes only, e.g. 4,16", (o, v) => Ints(v, x => o.TraceLengths = x)),
        new("--llvm-threads", "LIST", "LLVM worker threads, modes with workers only, e.g. 1,2", (o, v) => Ints(v, x => o.LlvmThreads = x)),
        new("--grid", "axes|cross", "`axes`: vary one knob at a time around the defaults; `cross`: every combination", (o, v) => { o.Grid = v; return null; }),
        new("--reps", "N", "measured runs per point", (o, v) => Int(v, x => o.Reps = x)),
        new("--warmup", "N", "discarded warm-up runs per point", (o, v) => Int(v, x => o.Warmup = x)),
        new("--size", "SIZE", "workload size: `test` or `ref` (the sizes in the manifest)", (o, v) => { o.Size = v; return null; }),
        new("--timeout", "SECONDS", "per-run limit; a run over it is killed and marked invalid", (o, v) =>
            double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t > 0 ? Set(() => o.Timeout = t) : $"--timeout needs a positive number, not '{v}'"),
        new("--baselines", "LIST", "extra rows: `native` (the i386 programs run directly), `native64` (the same sources built for x86-64), `qemu` (qemu-i386); `\"\"` for none", (o, v) => { o.Baselines = Names(v); return null; }),
        new("--baseline", "MODE", "what speedups are over: `tcg` by default (`interp` while tcg is not built); any mode, `native`, `native64` or `qemu`", (o, v) => { o.Baseline = v; return null; }),
        new("--metric", "wall|cpu", "what speedups compare: wall time (default) or user + system CPU time of the process; with `--plot`, redraws a folder in that metric; with `--compare`, compares that", (o, v) => { o.Metric = v; return null; }),
        new("--seed", "N", "seed of the run-order shuffle", (o, v) => Int(v, x => o.Seed = x)),
        new("--pin", "CPUS", "run the measured programs on these CPUs only (sched_setaffinity; `taskset -c` syntax: 2, 0,1, 0-3); give two or more to modes with LLVM worker threads", (o, v) =>
        {
            var cpus = CpuSet.Parse(v, out var error);
            if (cpus == null) return error;
            var allowed = CpuSet.Allowed();
            var missing = cpus.Where(c => !allowed.Contains(c)).ToList();
            return missing.Count > 0 ? $"CPU {CpuSet.Format(missing)} is not available to this process (allowed: {CpuSet.Format(allowed)})" : Set(() => o.Pin = cpus);
        }),
        new("--out", "DIR", "the results folder (default `results/<date>-<commit>-<profile>`)", (o, v) => { o.Out = v; return null; }),
        new("--resume", "DIR", "continue an interrupted sweep: same plan, only the runs not in `runs.csv` yet", (o, v) => { o.Resume = v; return null; }),
        new("--plot", "DIR", "recompute `summary.csv`/`stats.csv` from `runs.csv`/`counters.csv` and redraw the figures", (o, v) => { o.Plot = v; return null; }),
        new("--merge", "DIR...", "combine shard folders (same sweep, or the same sweep split by disjoint `--workloads` lists) into `--out` (or a new folder) and analyse the whole", (o, v) => { o.Merge.Add(v); return null; }, Values: -1),
        new("--shard", "K/N", "run only every N-th point starting at the K-th (e.g. a Slurm array task); combine with `--merge`", (o, v) =>
        {
            var parts = v.Split('/');
            if (parts.Length == 2 && int.TryParse(parts[0], out var k) && int.TryParse(parts[1], out var n) && n >= 1 && k >= 1 && k <= n)
                return Set(() => o.Shard = (k, n));
            return $"--shard needs K/N with 1 <= K <= N, not '{v}'";
        }),
        new("--compare", "A B", "compare two results folders point by point: ratio of medians B/A with a 95% bootstrap CI, significant when the CI excludes 1, and the geometric mean per configuration", (o, v) => { o.Compare.Add(v); return null; }, Values: 2),
        new("--export-markdown", "FILE", "write the table of the sweep, `--plot` or `--compare` (speedups, or ratios, with 95% CIs) as Markdown to FILE (`-`: standard output)", (o, v) => { o.ExportMarkdown = v; return null; }),
        new("--export-latex", "FILE", "the same table as a LaTeX `tabular` (booktabs) to FILE (`-`: standard output)", (o, v) => { o.ExportLatex = v; return null; }),
        new("--list", null, "workloads, modes (built or not), baseline rows and profiles", (o, _) => { o.List = true; return null; }),
        new("--micro", null, "the BenchmarkDotNet micro-benchmarks of the translator", (o, _) => { o.Micro = true; return null; }),
        new("--hdbt", "PATH", "use this hdbt instead of building one (a build other than NativeAOT is named in `notes.txt` and `env.json`)", (o, v) => { o.Hdbt = v; return null; }),
        new("--no-progress", null, "one log line per run instead of the progress bar (automatic when output is not a terminal)", (o, _) => { o.NoProgress = true; return null; }),
        new("--help", null, "the option list", (o, _) => { o.Help = true; return null; }),
        new("--help-markdown", null, "the option list as the Markdown table of harness/README.md", (o, _) => { o.HelpMarkdown = true; return null; }),
    ];

    /// <summary>The options as a Markdown table (harness/README.md's "Options" holds exactly this; a test checks).</summary>
    public static string Markdown()
    {
        var lines = new List<string> { "| option | meaning |", "| --- | --- |" };
        foreach (var o in All)
            lines.Add($"| `{o.Name}{(o.ArgName != null ? " " + o.ArgName.Replace("|", "\\|", StringComparison.Ordinal) : "")}` | {o.Help.Replace("|", "\\|", StringComparison.Ordinal)} |");
        return string.Join("\n", lines) + "\n";
    }

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
