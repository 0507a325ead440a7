namespace Hdbt.Harness.Figures;

/// <summary>
/// What one figure shows, before any drawing: its file name, title, axis labels, data and the notes
/// printed on it (e.g. that a baseline row did not run here). Builders make these from a sweep's
/// summary and stats rows; the renderer draws them with ScottPlot. Tests check these, not pixels.
/// </summary>
public abstract record Figure
{
    /// <summary>File name without extension, e.g. <c>speedup-per-workload</c>.</summary>
    public required string Name { get; init; }
    public required string Title { get; init; }

    /// <summary>Label of the axis the values are on (units in it).</summary>
    public required string ValueLabel { get; init; }

    /// <summary>Label of the other axis (categories, or the x values of lines).</summary>
    public required string CategoryLabel { get; init; }

    /// <summary>Lines printed under the plot, e.g. "native: not run on this host (...)".</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
