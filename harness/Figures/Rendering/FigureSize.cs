namespace Hdbt.Harness.Figures.Rendering;

/// <summary>
/// A paper's figure width and the type sizes that go with it, in points (1/72 in; PDF pages and SVG
/// user units are points). Every figure is drawn at both widths: two-column (7 in, a LaTeX
/// <c>figure*</c>; plots/NAME.*) and one-column (3.5 in; plots/one-column/NAME.*), so that neither is a
/// scaled copy of the other with text too small or too large.
/// </summary>
public sealed record FigureSize(string Name, string Folder, float Width, float Title, float Label, float Tick, float Legend, float Note)
{
    public static readonly FigureSize TwoColumn = new("two-column", "", 504, 9.5f, 8.5f, 7.5f, 7.5f, 6.5f);
    public static readonly FigureSize OneColumn = new("one-column", "one-column", 252, 8.5f, 7.5f, 6.5f, 6.5f, 6f);
    public static readonly FigureSize[] All = [TwoColumn, OneColumn];

    /// <summary>Height limits: no figure narrower than 1:2.2 or wider than 2.2:1, nor taller than a page's 9 in.</summary>
    public float ClampHeight(float natural) => Math.Clamp(natural, Width / 2.2f, Math.Min(Width * 2.2f, 648));
}
