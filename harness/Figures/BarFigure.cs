namespace Hdbt.Harness.Figures;

/// <summary>
/// Grouped bars: one group per category, one bar per series, CI error bars where known. Horizontal
/// bars (categories down the left axis) keep long workload names horizontal and readable at a column's
/// width; <see cref="LogScale"/> draws ratios on a log axis, the bars growing from <see cref="Reference"/>.
/// </summary>
public sealed record BarFigure : Figure
{
    public required IReadOnlyList<string> Categories { get; init; }
    public required IReadOnlyList<FigureSeries> Series { get; init; }
    public bool Horizontal { get; init; } = true;
    public bool LogScale { get; init; }

    /// <summary>A dashed line at this value (e.g. speedup 1), explained by <see cref="ReferenceLabel"/> in the legend.</summary>
    public double? Reference { get; init; }
    public string? ReferenceLabel { get; init; }

    /// <summary>Categories from this index on are set apart by a rule (the geometric mean).</summary>
    public int? SeparatorBefore { get; init; }
}
