namespace Hdbt.Harness.Compare;

/// <summary>
/// One point (or, with workload "geomean", one configuration over the workloads both folders have)
/// of a comparison: medians of A and B, the ratio B/A with its 95% bootstrap CI, and the verdict.
/// </summary>
public sealed record CompareRow(string Workload, string Config, int NA, int NB, double? MedianA, double? MedianB, double Ratio, double? Low, double? High)
{
    /// <summary>Significant when the 95% CI of the ratio excludes 1 (no CI below two runs a side: not significant).</summary>
    public bool Significant => Low is { } l && High is { } h && (l > 1 || h < 1);

    /// <summary>"1.23× slower", "1.15× faster" (B against A) or "not significant", like pyperf's compare_to.</summary>
    public string Verdict => !Significant ? (Low == null ? "not significant (fewer than 2 runs)" : "not significant")
        : Ratio >= 1 ? $"{Export.Numbers.Sig3(Ratio)}× slower" : $"{Export.Numbers.Sig3(1 / Ratio)}× faster";
}
