using Hdbt.Harness.Cli;
using Hdbt.Harness.Export;
using Hdbt.Harness.Measure;
using Hdbt.Harness.Output;
using Hdbt.Harness.Sweep;
using Spectre.Console;

namespace Hdbt.Harness;

/// <summary>The research harness: sweeps, resume, re-plotting, merging shards, comparing folders, exporting tables, listing, micro-benchmarks.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        // Logs of batch jobs (CI, Slurm) should be plain text: no colour escapes when the output is
        // not a terminal, or when NO_COLOR asks for none (https://no-color.org).
        if (Console.IsOutputRedirected || Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 })
            AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        var o = ArgumentParser.Parse(args, out var error);
        if (o == null)
        {
            Console.Error.WriteLine($"harness: {error}");
            return 2;
        }
        if (o.Help) { Console.Out.Write(ArgumentParser.Help()); return 0; }
        if (o.HelpMarkdown) { Console.Out.Write(OptionTable.Markdown()); return 0; }
        try
        {
            if (o.List) return List(o);
            if (o.Micro) return Micro.MicroRunner.Run(o);
            if (o.Compare.Count > 0) return CompareFolders(o);
            if (o.Plot != null) return Plot(o);
            if (o.Merge.Count > 0) return Merge(o);
            var runner = new SweepRunner(o, args);
            return o.Resume != null ? runner.Resume(o.Resume) : runner.RunNew();
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"harness: {e.Message}");
            return e is FormatException ? 2 : 3;
        }
        catch (Exception e)
        {
            // A damaged results folder (hand-edited CSV or JSON) or a bug: one line, details on request.
            Console.Error.WriteLine($"harness: {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("HARNESS_BACKTRACE") == "1") Console.Error.WriteLine(e);
            else Console.Error.WriteLine("harness: (set HARNESS_BACKTRACE=1 for details)");
            return 3;
        }
    }

    private static int List(HarnessOptions o)
    {
        var manifest = new WorkloadManifest(RepoPaths.Manifest);
        var t = new Table().Title("workloads (workloads/manifest.json)").AddColumn("name").AddColumn("sizes").AddColumn("what it does");
        foreach (var n in manifest.Names) t.AddRow(Markup.Escape(n), string.Join(", ", manifest.Sizes(n)), Markup.Escape(manifest.Description(n)));
        AnsiConsole.Write(t);

        string? hdbt = o.Hdbt ?? HdbtBinary.Build(SweepRunner.Say, out _)?.Path;
        var modes = hdbt != null ? HdbtBinary.Modes(hdbt) : null;
        var m = new Table().Title("modes (hdbt --list-modes --all)").AddColumn("mode").AddColumn("built").AddColumn("forms traces").AddColumn("worker threads");
        foreach (var x in modes ?? []) m.AddRow(x.Name, x.Built ? "yes" : "not yet", x.FormsTraces ? "yes" : "no", x.UsesWorkers ? "yes" : "no");
        var host = hdbt != null ? HostInfo.Ask(hdbt) : null;
        m.AddRow("native", host == null ? "baseline row (hdbt --host-info did not answer)" : host.CanExecI386 ? "baseline row" : Markup.Escape($"skipped here: {host.NoNativeI386Reason}"), "no", "no");
        int with64 = manifest.Names.Count(n => manifest.Get(n, manifest.Sizes(n).First()).Binary64 != null);
        m.AddRow(ModeInfo.Native64.Name, $"baseline row: the same sources built for x86-64 ({with64} of {manifest.Names.Count} workloads)", "no", "no");
        m.AddRow("qemu", Spawner.FindOnPath("qemu-i386") != null ? "baseline row" : "not installed (apt-get install qemu-user)", "no", "no");
        AnsiConsole.Write(m);

        var p = new Table().Title("profiles (profiles/*.json)").AddColumn("name").AddColumn("description");
        foreach (var name in ProfileLoader.Available())
        {
            string desc;
            try { desc = ProfileLoader.Load(name).Description; }
            catch (FormatException e) { desc = "BROKEN: " + e.Message; }
            p.AddRow(Markup.Escape(name), Markup.Escape(desc));
        }
        AnsiConsole.Write(p);
        return 0;
    }

    private static int Plot(HarnessOptions o)
    {
        var folder = new ResultsFolder(o.Plot!);
        var def = folder.LoadDefinition();
        if (o.Metric != null)
        {
            def.Profile.Metric = o.Metric;
            def.Profile.Validate("--metric");
            folder.SaveDefinition(def);
        }
        var runs = folder.LoadRuns();
        var (analysis, figures, notes) = folder.Finalize(def, runs, folder.LoadCounters(runs));
        // A table exported to standard output goes there alone, so that it can be redirected into a file.
        if (o.ExportMarkdown != "-" && o.ExportLatex != "-")
        {
            foreach (var n in notes) SweepRunner.Say("note: " + n);
            SweepRunner.Say($"wrote {figures.Count} figure files into {folder.PlotsDir}");
        }
        Exports.Write(o, Tables.Summary(def, analysis.Summary, folder.Dir));
        return 0;
    }

    /// <summary>--compare A B: the ratio per point and per configuration's geometric mean, as a table on the terminal (and exported when asked).</summary>
    private static int CompareFolders(HarnessOptions o)
    {
        var c = Compare.Comparison.Of(o.Compare[0], o.Compare[1], o.Metric);
        foreach (var w in c.Warnings) SweepRunner.Loud("warning: " + w);
        var t = c.ToTable();
        var table = new Table().Title(Markup.Escape(t.Caption));
        foreach (var (h, i) in t.Header.Select((h, i) => (h, i))) table.AddColumn(i == 0 ? new TableColumn(Markup.Escape(h)) : new TableColumn(Markup.Escape(h)).RightAligned());
        foreach (var (row, r) in t.Rows.Select((row, r) => (row, c.Rows[r])))
        {
            string colour = !r.Significant ? "grey" : r.Ratio >= 1 ? "red" : "green";
            table.AddRow(row.Take(row.Count - 1).Select(Markup.Escape).Append($"[{colour}]{Markup.Escape(row[^1])}[/]").ToArray());
        }
        // With --export-* to standard output the table goes there alone, so that it can be redirected cleanly.
        if (o.ExportMarkdown != "-" && o.ExportLatex != "-")
        {
            AnsiConsole.Write(table);
            foreach (var n in t.Notes) SweepRunner.Say(n);
        }
        Exports.Write(o, t);
        return 0;
    }

    /// <summary>Combines shard folders of one sweep into one folder; run ids stay those of the common plan.</summary>
    private static string ProfileWithoutWorkloads(Hdbt.Harness.Sweep.Profile p)
    {
        var copy = p.Clone();
        copy.Workloads = [];
        return copy.ToJson();
    }

    private static int Merge(HarnessOptions o)
    {
        var parts = o.Merge.Select(d => new ResultsFolder(d)).ToList();
        var defs = parts.Select(p => p.LoadDefinition()).ToList();
        var first = defs[0];
        // Parts are shards of one sweep (same workloads), or the same sweep split by workload (disjoint
        // workload lists, e.g. run side by side or on two machines): everything else must agree.
        bool sameWorkloads = defs.All(d => d.Workloads.SequenceEqual(first.Workloads));
        var allWorkloads = defs.SelectMany(d => d.Workloads).ToList();
        bool disjoint = allWorkloads.Distinct().Count() == allWorkloads.Count;
        foreach (var (d, p) in defs.Zip(parts).Skip(1))
            if (ProfileWithoutWorkloads(d.Profile) != ProfileWithoutWorkloads(first.Profile) || !(sameWorkloads || disjoint)
                || string.Join(",", d.Modes.Select(m => m.Name)) != string.Join(",", first.Modes.Select(m => m.Name)))
                throw new FormatException($"{p.Dir} is not a part of the same sweep as {parts[0].Dir} (profile or modes differ, or workloads neither equal nor disjoint)");
        var profile = first.Profile;
        if (!sameWorkloads)
        {
            profile = first.Profile.Clone();
            profile.Workloads = allWorkloads;
        }
        var merged = new SweepDefinition
        {
            Profile = profile, Workloads = sameWorkloads ? first.Workloads : allWorkloads, Modes = first.Modes, SkippedModes = first.SkippedModes,
            BaselineMode = first.BaselineMode, Notes = first.Notes.ToList(), ShardIndex = 1, ShardCount = 1, PinCpus = first.PinCpus,
            Native64Workloads = defs.All(d => d.Native64Workloads == null) ? null : defs.SelectMany(d => d.Native64Workloads ?? []).Distinct().ToList(),
        };
        var runs = new List<RunRecord>();
        var counters = new List<CounterRecord>();
        // Shards plan their own points, so run ids repeat across shards: each shard's ids move past the previous ones.
        foreach (var p in parts)
        {
            int offset = runs.Count == 0 ? 0 : runs.Max(x => x.RunId) + 1;
            var r = p.LoadRuns();
            var c = p.LoadCounters(r);
            foreach (var x in r) x.RunId += offset;
            foreach (var x in c) x.RunId += offset;
            runs.AddRange(r);
            counters.AddRange(c);
        }
        var expected = defs.Sum(d => d.Plan().Count);
        if (runs.Count < expected) merged.Notes.Add($"merge: {runs.Count} of {expected} planned runs present (some shards are incomplete)");
        var commit = Spawner.Capture(["git", "rev-parse", "HEAD"], RepoPaths.Root);
        var folder = ResultsFolder.CreateNew(o.Out, first.Profile.Name + "-merged", commit, "");
        folder.SaveDefinition(merged);
        var env = EnvInfo.Collect(null, merged, Environment.GetCommandLineArgs());
        env["merged_from"] = new System.Text.Json.Nodes.JsonArray(parts.Select(p => (System.Text.Json.Nodes.JsonNode?)System.Text.Json.Nodes.JsonValue.Create(p.Dir)).ToArray());
        EnvInfo.Write(folder.EnvJson, env);
        var (analysis, figures, notes) = folder.Finalize(merged, runs, counters);
        Exports.Write(o, Tables.Summary(merged, analysis.Summary, folder.Dir));
        foreach (var n in notes) SweepRunner.Say("note: " + n);
        SweepRunner.Say($"merged {parts.Count} folders, {runs.Count} runs, into {folder.Dir} ({figures.Count} figure files)");
        return runs.Any(r => !r.Valid) ? 1 : 0;
    }
}
