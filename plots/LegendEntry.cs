namespace Hdbt.Plots;

/// <summary>One legend line: a swatch (filled box with a pattern, or a line with a marker) and its label.</summary>
public sealed record LegendEntry(string Label, string Color, HatchPattern? Pattern = null, MarkerShape? Marker = null, string? Dash = null);
