using Hdbt.Harness.Output;

namespace Hdbt.Harness.Analysis;

/// <summary>What the analysis of a sweep's runs gives: the rows of summary.csv and stats.csv.</summary>
public sealed record AnalysisResult(List<SummaryRecord> Summary, List<StatRecord> Stats);
