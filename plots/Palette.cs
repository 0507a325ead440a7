namespace Hdbt.Plots;

/// <summary>
/// The style of the i-th series: a colour from a colour-blind-safe set (Okabe and Ito's eight),
/// a hatch pattern, a marker and a dash style. Patterns, markers and dashes cycle with
/// different periods from colours, so that two series never look alike in grey scale.
/// </summary>
public static class Palette
{
    private static readonly string[] s_colors =
        ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

    private static readonly HatchPattern[] s_patterns =
    [
        HatchPattern.Solid, HatchPattern.Diagonal, HatchPattern.Dots, HatchPattern.Cross,
        HatchPattern.BackDiagonal, HatchPattern.Horizontal, HatchPattern.Vertical, HatchPattern.DiagonalCross,
    ];

    private static readonly string?[] s_dashes = [null, "6,3", "2,2", "8,3,2,3"];

    public static string Color(int i) => s_colors[i % s_colors.Length];

    public static HatchPattern Pattern(int i) => s_patterns[i % s_patterns.Length];

    public static MarkerShape Marker(int i) => (MarkerShape)(i % Enum.GetValues<MarkerShape>().Length);

    /// <summary>SVG stroke-dasharray of the i-th line, or null for a solid line.</summary>
    public static string? Dash(int i) => s_dashes[(i / s_colors.Length + i) % s_dashes.Length];
}
