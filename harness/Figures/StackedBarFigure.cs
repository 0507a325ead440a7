namespace Hdbt.Harness.Figures;

/// <summary>
/// One horizontal bar per category, split into components stacked left to right (series in order), and
/// the CI of the total (what the components add up to, e.g. the median wall time) as an error bar.
/// </summary>
public sealed record StackedBarFigure : Figure
{
    public required IReadOnlyList<string> Categories { get; init; }

    /// <summary>Components in stacking order; values per category (NaN or negative count as 0).</summary>
    public required IReadOnlyList<FigureSeries> Components { get; init; }

    /// <summary>95% CI of each category's total, or null where runs do not repeat.</summary>
    public double[]? TotalLow { get; init; }
    public double[]? TotalHigh { get; init; }
}
