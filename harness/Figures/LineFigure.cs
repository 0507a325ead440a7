namespace Hdbt.Harness.Figures;

/// <summary>
/// Lines with markers over a numeric x axis (log with <see cref="LogX"/>), CI error bars where known, a
/// horizontal reference line and a marked x (the default knob value), both explained in the legend.
/// </summary>
public sealed record LineFigure : Figure
{
    /// <summary>Series with <see cref="FigureSeries.X"/> set.</summary>
    public required IReadOnlyList<FigureSeries> Series { get; init; }
    public bool LogX { get; init; }
    public double? Reference { get; init; }
    public string? ReferenceLabel { get; init; }
    public double? MarkX { get; init; }
    public string? MarkXLabel { get; init; }
}
