namespace Hdbt.Harness.Cli;

/// <summary>The parsed command line of the harness. Profile overrides stay null when not given.</summary>
public sealed class HarnessOptions
{
    public bool Sweep { get; set; }
    public string ProfileName { get; set; } = "default";
    public List<string>? Workloads { get; set; }
    public List<string>? Modes { get; set; }
    public List<int>? Thresholds { get; set; }
    public List<int>? TraceLengths { get; set; }
    public List<int>? LlvmThreads { get; set; }
    public string? Grid { get; set; }
    public int? Reps { get; set; }
    public int? Warmup { get; set; }
    public string? Size { get; set; }
    public double? Timeout { get; set; }
    public List<string>? Baselines { get; set; }
    public string? Baseline { get; set; }
    public int? Seed { get; set; }
    public string? Metric { get; set; }
    public string? Out { get; set; }
    public string? Resume { get; set; }
    public string? Plot { get; set; }
    public List<string> Merge { get; } = [];
    public bool List { get; set; }
    public (int K, int N)? Shard { get; set; }
    public bool Micro { get; set; }
    public string? Hdbt { get; set; }
    public bool NoProgress { get; set; }
    public bool Help { get; set; }
    public bool HelpMarkdown { get; set; }

    /// <summary>CPUs the measured programs run on (--pin), null for no pinning.</summary>
    public List<int>? Pin { get; set; }

    /// <summary>The two result folders of --compare A B.</summary>
    public List<string> Compare { get; } = [];

    /// <summary>Where --export-markdown and --export-latex write their table ("-": standard output).</summary>
    public string? ExportMarkdown { get; set; }
    public string? ExportLatex { get; set; }
}
