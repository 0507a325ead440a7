namespace Hdbt.Plots;

/// <summary>One series of a bar chart: a value per category (NaN: no bar) and optional error-bar bounds.</summary>
public sealed record BarSeries(string Name, double[] Values, double[]? Low = null, double[]? High = null);
