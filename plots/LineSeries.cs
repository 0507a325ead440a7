namespace Hdbt.Plots;

/// <summary>One line: points (x, y) with optional error-bar bounds per point; NaN y values are left out.</summary>
public sealed record LineSeries(string Name, double[] X, double[] Y, double[]? Low = null, double[]? High = null);
