using ScottPlot;

namespace Hdbt.Harness.Figures.Rendering;

/// <summary>
/// The style of series slot i: a colour of Okabe and Ito's colour-blind-safe eight (ordered so that
/// neighbours differ in lightness too), with a hatch for bars and a marker and dash for lines, so that
/// every series also reads in grey scale. Hatches, markers and dashes shift against the colours after
/// each round of eight, so that slot 8 does not look like slot 0.
/// </summary>
public static class Palette
{
    private static readonly string[] s_colors = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

    private static readonly MarkerShape[] s_markers =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.FilledTriangleDown, MarkerShape.OpenDiamond,
    ];

    public static int Count => s_colors.Length;

    public static Color Color(int i) => ScottPlot.Color.FromHex(s_colors[i % s_colors.Length]);

    /// <summary>The hatch drawn over a bar's colour (null: plain).</summary>
    public static IHatch? Hatch(int i) => ((i + i / Count) % Count) switch
    {
        0 => null,
        1 => new ScottPlot.Hatches.Striped(ScottPlot.Hatches.StripeDirection.DiagonalUp),
        2 => new ScottPlot.Hatches.Dots(),
        3 => new ScottPlot.Hatches.Striped(ScottPlot.Hatches.StripeDirection.DiagonalDown),
        4 => new ScottPlot.Hatches.Checker(),
        5 => new ScottPlot.Hatches.Striped(ScottPlot.Hatches.StripeDirection.Horizontal),
        6 => new ScottPlot.Hatches.Grid(false),
        _ => new ScottPlot.Hatches.Striped(ScottPlot.Hatches.StripeDirection.Vertical),
    };

    /// <summary>Hatch lines: dark on light colours, light on the darkest, so that they show on every fill.</summary>
    public static Color HatchColor(int i) => i % Count == Count - 1 ? Colors.White.WithAlpha(0.8) : Colors.Black.WithAlpha(0.55);

    public static MarkerShape Marker(int i) => s_markers[(i + i / Count) % s_markers.Length];

    public static LinePattern Dash(int i) => ((i + i / Count) % 4) switch
    {
        0 => LinePattern.Solid,
        1 => LinePattern.Dashed,
        2 => LinePattern.Dotted,
        _ => LinePattern.DenselyDashed,
    };
}
