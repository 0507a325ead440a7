using SkiaSharp;

namespace Hdbt.Harness.Figures.Rendering;

/// <summary>
/// The sans-serif family the figures are set in: the first installed of a few common ones (DejaVu Sans
/// comes with Debian's fonts-dejavu-core). ScottPlot's own default resolves to a serif face on Debian,
/// and a family set on a plot loses its bold, so every label gets its typeface from here explicitly.
/// </summary>
public static class Typefaces
{
    private static readonly string[] s_candidates = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica", "FreeSans"];

    private static readonly Lazy<string?> s_family = new(() =>
        s_candidates.FirstOrDefault(f => SKFontManager.Default.MatchFamily(f) is { } t && string.Equals(t.FamilyName, f, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The family in use, or null when none of the candidates is installed (Skia's default face is used then).</summary>
    public static string? Family => s_family.Value;

    /// <summary>Why the figures may look off, or null when a sans-serif family was found.</summary>
    public static string? Problem => Family == null
        ? $"figures: none of {string.Join(", ", s_candidates)} is installed, so text uses Skia's default face (apt-get install fonts-dejavu-core)"
        : null;

    public static SKTypeface Get(bool bold) =>
        Family != null ? ScottPlot.Fonts.GetTypeface(Family, bold, false) : SKTypeface.FromFamilyName(null, bold ? SKFontStyle.Bold : SKFontStyle.Normal);
}
