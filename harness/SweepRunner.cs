using System.Globalization;
using Hdbt.Harness.Cli;
using Hdbt.Harness.Export;
using Hdbt.Harness.Measure;
using Hdbt.Harness.Output;
using Hdbt.Harness.Sweep;
using Spectre.Console;

namespace Hdbt.Harness;

/// <summary>
/// Runs a sweep's plan (new or resumed): one process per run, runs.csv written after every run,
/// summary.csv and stats.csv after every round, figures at the end. Ctrl-C lets the current run
/// finish, writes everything and says how to resume. SIGTERM does the same but kills the current run
/// (it is not recorded; --resume repeats it): whoever sends it (Slurm at a time limit, systemd, kill)
/// allows seconds, not the minutes a run at ref size may take.
/// </summary>
public sealed class SweepRunner(HarnessOptions options, IReadOnlyList<string> commandLine)
{
    private volatile bool _stop;
    private volatile int _signal;
    private readonly CancellationTokenSource _terminate = new();

    public static void Say(string text) => AnsiConsole.MarkupLine("[grey]harness:[/] " + Markup.Escape(text));

    public static void Loud(string text) => AnsiConsole.MarkupLine("[bold yellow]harness: " + Markup.Escape(text) + "[/]");

    /// <summary>Sets up a new sweep (profile, overrides, hdbt, modes, folder) and runs it.</summary>
    public int RunNew()
    {
        var profile = ProfileLoader.ApplyOverrides(ProfileLoader.Load(options.ProfileName), options);
        var manifest = new WorkloadManifest(RepoPaths.Manifest);
        var def = new SweepDefinition { Profile = profile, Workloads = manifest.Resolve(profile.Workloads) };
        foreach (var w in def.Workloads) manifest.Get(w, profile.Size); // an unknown size fails here, before any run
        if (options.Shard is { } s) { def.ShardIndex = s.K; def.ShardCount = s.N; }
        def.PinCpus = options.Pin;

        var build = ResolveHdbt();
        if (build == null) return 3;
        var hdbt = build.Path;
        var known = HdbtBinary.Modes(hdbt);
        if (known == null) { Loud($"{hdbt} --list-modes failed"); return 3; }
        var host = HostInfo.Ask(hdbt);
        ModeResolver.Resolve(def, known, NoNative(host), Spawner.FindOnPath("qemu-i386") != null,
            def.Workloads.Where(w => manifest.Get(w, profile.Size).Binary64 != null).ToList());
        if (build.Fallback != null) def.Notes.Add(BuildNote(build));
        if (def.Points().Count == 0) { Loud("this sweep (or shard) has no points"); return 2; }

        var machine = MachineCheck.Now();
        foreach (var w in machine.Warnings())
        {
            Loud("warning: " + w);
            def.Notes.Add("machine: " + w);
        }
        if (def.PinCpus is { } pin) def.Notes.Add($"pinned: the measured programs ran on CPU {CpuSet.Format(pin)} only (--pin)");
        var commit = Spawner.Capture(["git", "rev-parse", "HEAD"], RepoPaths.Root);
        var folder = ResultsFolder.CreateNew(options.Out, profile.Name, commit, def.ShardLabel);
        folder.SaveDefinition(def);
        EnvInfo.Write(folder.EnvJson, EnvInfo.Collect(build, def, commandLine, host, machine));
        return Execute(def, folder, hdbt, manifest, [], []);
    }

    /// <summary>Continues the sweep in <paramref name="dir"/>: same plan, only the runs not yet in runs.csv.</summary>
    public int Resume(string dir)
    {
        var folder = new ResultsFolder(dir);
        var def = folder.LoadDefinition();
        if (options.Pin != null && (def.PinCpus == null || !def.PinCpus.SequenceEqual(options.Pin)))
        {
            def.PinCpus = options.Pin;
            def.Notes.Add($"pinned: resumed with the measured programs on CPU {CpuSet.Format(options.Pin)} only (--pin)");
            folder.SaveDefinition(def);
        }
        var runs = folder.LoadRuns();
        var counters = folder.LoadCounters(runs);
        // A run killed hard after its counters were appended but before runs.csv was rewritten left counter rows
        // without a run; the run is repeated under the same id, so those rows go now.
        CsvFiles.Write(folder.CountersCsv, counters);
        var manifest = new WorkloadManifest(RepoPaths.Manifest);
        string? hdbt = null;
        if (def.Modes.Any(m => m.IsEmulator))
        {
            var build = ResolveHdbt();
            if (build == null) return 3;
            hdbt = build.Path;
            // The runs after the interruption are measured with this build: a different one than before is said.
            if (build.Fallback != null && !def.Notes.Contains(BuildNote(build))) Loud($"resumed with another build than the sweep began with: {BuildNote(build)}");
        }
        Say($"resuming {folder.Dir}: {runs.Count} of {def.Plan().Count} runs done");
        return Execute(def, folder, hdbt, manifest, runs, counters);
    }

    private HdbtBuild? ResolveHdbt()
    {
        if (options.Hdbt != null)
        {
            if (File.Exists(options.Hdbt)) return HdbtBinary.Given(Path.GetFullPath(options.Hdbt));
            Loud($"--hdbt {options.Hdbt}: no such file");
            return null;
        }
        var build = HdbtBinary.Build(Say, out var error);
        if (build == null) Loud(error!);
        return build;
    }

    /// <summary>The note (notes.txt, and said loudly) of a sweep that measures another build than the NativeAOT binary users run.</summary>
    public static string BuildNote(HdbtBuild build) =>
        $"HDBT BUILD: {build.Fallback}; its start-up, and so every short run, takes longer than in the NativeAOT binary users run";

    /// <summary>
    /// Null when the native baseline can run (the host's kernel executes i386 programs), otherwise why
    /// not: hdbt's own probe decides (<c>hdbt --host-info</c>), so that the harness, the scripts and hdbt
    /// agree on what this host is.
    /// </summary>
    private static string? NoNative(HostInfo? host) => host switch
    {
        null => "hdbt --host-info did not answer (an hdbt older than the host probe?), so whether this host's kernel executes i386 programs is unknown",
        { CanExecI386: true } => null,
        _ => host.NoNativeI386Reason,
    };

    private int Execute(SweepDefinition def, ResultsFolder folder, string? hdbt, WorkloadManifest manifest, List<RunRecord> runs, List<CounterRecord> counters)
    {
        foreach (var n in def.Notes) (n.StartsWith("BASELINE", StringComparison.Ordinal) || n.StartsWith("HDBT BUILD", StringComparison.Ordinal) ? (Action<string>)Loud : Say)(n);
        var plan = def.Plan();
        var done = runs.Select(r => r.RunId).ToHashSet();
        var todo = plan.Where(r => !done.Contains(r.RunId)).ToList();
        var executor = new RunExecutor(def, manifest, hdbt, Spawner.FindOnPath("qemu-i386"), folder.Dir);
        Say($"{def.Points().Count} points × ({def.Profile.Warmup} warm-up + {def.Profile.Reps} measured) = {plan.Count} runs, {todo.Count} to go; results in {folder.Dir}");

        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl-C lets the current run finish; a second one exits at once.
            if (_stop) return;
            e.Cancel = true;
            _stop = true;
            _signal = 2;
        };
        Console.CancelKeyPress += onCancel;
        // SIGTERM: stop now, but write everything first (its sender waits seconds before SIGKILL).
        using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, ctx =>
        {
            ctx.Cancel = true;
            _stop = true;
            if (_signal == 0) _signal = 15;
            _terminate.Cancel();
        });
        try
        {
            bool interactive = !options.NoProgress && AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;
            if (interactive)
                AnsiConsole.Progress().AutoClear(false).HideCompleted(false)
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                        new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask("sweep", maxValue: Math.Max(1, todo.Count));
                        RunAll(def, folder, executor, todo, runs, counters, (p, i) => task.Description = Markup.Escape(Describe(def, p, i + 1, todo.Count)), _ => task.Increment(1));
                    });
            else
                RunAll(def, folder, executor, todo, runs, counters, (_, _) => { }, line => Console.WriteLine(line));
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        try { Directory.Delete(Path.Combine(folder.Dir, ".scratch"), recursive: true); } catch (DirectoryNotFoundException) { }
        if (_signal == 15) Loud("SIGTERM: the current run was stopped and is not recorded; writing what is done");
        Say("writing summary.csv, stats.csv and figures ...");
        var (analysis, figures, notes) = folder.Finalize(def, runs, counters);
        Report(def, folder, analysis.Summary, runs, figures, notes);
        Exports.Write(options, Tables.Summary(def, analysis.Summary, folder.Dir));
        if (_stop && runs.Count < plan.Count)
        {
            Loud($"{(_signal == 15 ? "stopped by SIGTERM" : "interrupted")}: {runs.Count} of {plan.Count} runs done. Resume with: dotnet run -c Release -- --resume {folder.Dir}");
            return _signal == 15 ? 143 : 130;
        }
        return runs.Any(r => !r.Valid) ? 1 : 0;
    }

    private static string Describe(SweepDefinition def, PlannedRun p, int index, int total) =>
        $"[{index}/{total}] {(p.Phase == Phase.Warmup ? "warm-up" : $"rep {p.Rep + 1}/{def.Profile.Reps}")} {p.Point.Id}";

    private void RunAll(SweepDefinition def, ResultsFolder folder, RunExecutor executor, List<PlannedRun> todo, List<RunRecord> runs, List<CounterRecord> counters,
        Action<PlannedRun, int> starting, Action<string> finished)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < todo.Count && !_stop; i++)
        {
            var p = todo[i];
            starting(p, i);
            if (executor.Execute(p, _terminate.Token) is not { } result) break;
            var (run, c) = result;
            runs.Add(run);
            counters.AddRange(c);
            folder.AppendCounters(c);
            folder.WriteRuns(runs);
            // The plain log's ETA: the average time per run so far; rounds are shuffled, so it is fair after a few runs.
            var eta = TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds / (i + 1) * (todo.Count - i - 1));
            finished(string.Create(CultureInfo.InvariantCulture,
                $"{Describe(def, p, i + 1, todo.Count)}  {run.WallSeconds:F3} s  {(run.Valid ? "ok" : "INVALID: " + run.InvalidReason)}  (ETA {(int)eta.TotalMinutes}:{eta.Seconds:D2})"));
            if (!run.Valid) Loud($"INVALID run {run.RunId} {run.PointId}: {run.InvalidReason}");
            // After every round the derived CSVs are brought up to date, so that a long sweep can be looked at while it runs.
            if (i + 1 < todo.Count && todo[i + 1].Round != p.Round) folder.Finalize(def, runs, counters, figures: false);
        }
    }

    private static void Report(SweepDefinition def, ResultsFolder folder, List<Output.SummaryRecord> summary, List<RunRecord> runs, List<string> figures, List<string> notes)
    {
        var geo = summary.Where(s => s.Workload == "geomean" && s.IsDefaultConfig).ToList();
        if (geo.Count > 0)
        {
            var table = new Table().Title($"geometric-mean speedup over {def.BaselineMode} ({def.Workloads.Count} workloads, 95% CI)")
                .AddColumn("mode").AddColumn(new TableColumn("speedup").RightAligned()).AddColumn(new TableColumn("95% CI").RightAligned());
            foreach (var g in geo)
                table.AddRow(Markup.Escape(g.Mode), $"{g.Speedup:F2}×", g.SpeedupCiLow is { } lo ? $"{lo:F2} – {g.SpeedupCiHigh:F2}" : "n/a");
            AnsiConsole.Write(table);
        }
        foreach (var n in notes.Where(n => !n.StartsWith("INVALID", StringComparison.Ordinal))) Say("note: " + n);
        Say($"results: {folder.Dir}");
        foreach (var f in figures.Where(f => f.EndsWith(".png", StringComparison.Ordinal))) Say("figure: " + Path.GetRelativePath(folder.Dir, f) + " (also .svg, .pdf)");
        var invalid = runs.Where(r => !r.Valid).ToList();
        if (invalid.Count > 0)
        {
            AnsiConsole.MarkupLine($"[bold red]{invalid.Count} INVALID run(s) (excluded from every statistic and figure):[/]");
            foreach (var r in invalid) AnsiConsole.MarkupLine($"[red]  run {r.RunId} {Markup.Escape(r.PointId)}: {Markup.Escape(r.InvalidReason)}[/]");
        }
    }
}
