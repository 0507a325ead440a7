namespace Hdbt.Harness.Figures;

/// <summary>
/// One series: its legend label, its style slot (colour, hatch, marker and dash; a mode keeps its slot
/// in every figure of a sweep), a value per category or x (NaN: none) and, where runs repeat, the 95%
/// CI bounds; <see cref="X"/> for lines only.
/// </summary>
public sealed record FigureSeries(string Label, int Style, double[] Values, double[]? Low = null, double[]? High = null, double[]? X = null);
