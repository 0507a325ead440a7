using ScottPlot;

namespace Hdbt.Harness.Figures.Rendering;

/// <summary>
/// Lines of small grey text under the plot and legend (the figure's notes), in a panel of their own so
/// that they never cover data; wrapped to the figure's width by the renderer.
/// </summary>
public sealed class NotePanel(IReadOnlyList<string> lines, LabelStyle style) : IPanel
{
    private const float Padding = 3;

    /// <summary>The wrapped lines, as drawn.</summary>
    public IReadOnlyList<string> Lines { get; } = lines;

    public bool IsVisible { get; set; } = true;
    public Edge Edge => Edge.Bottom;
    public bool ShowDebugInformation { get; set; }
    public float MinimumSize { get; set; }
    public float MaximumSize { get; set; } = float.MaxValue;

    private float LineHeight => style.FontSize * 1.3f;

    public float Measure(Paint paint) => Lines.Count == 0 ? 0 : Lines.Count * LineHeight + 2 * Padding;

    public PixelRect GetPanelRect(PixelRect dataRect, float size, float offset, Paint paint) =>
        new(dataRect.Left, dataRect.Right, dataRect.Bottom + offset + size, dataRect.Bottom + offset);

    public void Render(RenderPack rp, float size, float offset)
    {
        var rect = GetPanelRect(rp.DataRect, size, offset, rp.Paint);
        for (int i = 0; i < Lines.Count; i++)
            style.Render(rp.Canvas, new Pixel(rp.FigureRect.Left + 6, rect.Top + Padding + i * LineHeight), rp.Paint, Lines[i], true);
    }
}
