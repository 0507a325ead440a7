using Hdbt.Harness.Analysis;
using Hdbt.Harness.Figures;
using Hdbt.Harness.Sweep;

namespace Hdbt.Harness.Output;

/// <summary>
/// One sweep's folder: runs.csv and counters.csv (raw, rewritten or appended after every run),
/// summary.csv and stats.csv (derived), sweep.json (the plan), env.json, notes.txt and plots/.
/// </summary>
public sealed class ResultsFolder(string dir)
{
    public string Dir { get; } = Path.GetFullPath(dir);
    public string RunsCsv => Path.Combine(Dir, "runs.csv");
    public string CountersCsv => Path.Combine(Dir, "counters.csv");
    public string SummaryCsv => Path.Combine(Dir, "summary.csv");
    public string StatsCsv => Path.Combine(Dir, "stats.csv");
    public string SweepJson => Path.Combine(Dir, "sweep.json");
    public string EnvJson => Path.Combine(Dir, "env.json");
    public string NotesTxt => Path.Combine(Dir, "notes.txt");
    public string PlotsDir => Path.Combine(Dir, "plots");

    public bool Exists => File.Exists(SweepJson);

    /// <summary>A new folder under results/: date, short commit, profile (and shard); a suffix keeps it unique.</summary>
    public static ResultsFolder CreateNew(string? requested, string profileName, string? commit, string shardLabel)
    {
        string path = requested ?? Path.Combine(RepoPaths.Results,
            $"{DateTime.UtcNow:yyyy-MM-dd}-{(commit is { Length: >= 7 } ? commit[..7] : "nogit")}-{profileName}" + (shardLabel.Length > 0 ? "-shard" + shardLabel.Replace("/", "of") : ""));
        string unique = path;
        for (int i = 2; requested == null && Directory.Exists(unique); i++) unique = $"{path}-{i}";
        if (requested != null && File.Exists(Path.Combine(unique, "sweep.json")))
            throw new IOException($"{unique} already holds a sweep: use --resume {unique}, or another --out");
        Directory.CreateDirectory(unique);
        return new ResultsFolder(unique);
    }

    public SweepDefinition LoadDefinition()
    {
        if (!Exists) throw new FileNotFoundException($"{Dir} has no sweep.json: not a results folder");
        return JsonFiles.Read<SweepDefinition>(SweepJson);
    }

    public void SaveDefinition(SweepDefinition def) => JsonFiles.Write(SweepJson, def);

    public List<RunRecord> LoadRuns() => CsvFiles.Read<RunRecord>(RunsCsv);

    /// <summary>Counters of the runs in runs.csv (a run cut short by Ctrl-C may have appended counters but no run row).</summary>
    public List<CounterRecord> LoadCounters(IReadOnlyCollection<RunRecord> runs)
    {
        var ids = runs.Select(r => r.RunId).ToHashSet();
        return CsvFiles.Read<CounterRecord>(CountersCsv).Where(c => ids.Contains(c.RunId)).ToList();
    }

    public void AppendCounters(IReadOnlyList<CounterRecord> counters) => CsvFiles.Append(CountersCsv, counters);

    public void WriteRuns(IEnumerable<RunRecord> runs) => CsvFiles.Write(RunsCsv, runs.OrderBy(r => r.RunId));

    /// <summary>
    /// Derives everything from the raw runs: outlier flags, summary.csv, stats.csv, figures and notes.txt.
    /// Returns the figure files and the notes (definition notes first).
    /// </summary>
    public (AnalysisResult Analysis, List<string> Figures, List<string> Notes) Finalize(SweepDefinition def, List<RunRecord> runs, List<CounterRecord> counters, bool figures = true)
    {
        var analysis = Analyzer.Analyze(def, runs, counters);
        WriteRuns(runs);
        CsvFiles.Write(CountersCsv, counters.OrderBy(c => c.RunId));
        CsvFiles.Write(SummaryCsv, analysis.Summary);
        CsvFiles.Write(StatsCsv, analysis.Stats);
        var notes = new List<string>(def.Notes);
        var files = new List<string>();
        if (figures)
        {
            var (f, n) = FigureSet.Render(def, analysis.Summary, analysis.Stats, PlotsDir);
            files = f;
            notes.AddRange(n);
        }
        int invalid = runs.Count(r => !r.Valid), outliers = runs.Count(r => r.Outlier);
        if (invalid > 0) notes.Add($"INVALID: {invalid} run(s) failed or printed wrong output; they are in runs.csv (valid=false) and in no statistic or figure; see failures/");
        if (outliers > 0) notes.Add($"outliers: {outliers} run(s) flagged by the MAD rule (outlier=true in runs.csv); they are kept in the statistics");
        var tmp = NotesTxt + ".tmp";
        File.WriteAllLines(tmp, notes);
        File.Move(tmp, NotesTxt, overwrite: true);
        return (analysis, files, notes);
    }
}
