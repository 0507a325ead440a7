using ScottPlot;

namespace Hdbt.Harness.Figures.Rendering;

/// <summary>
/// The legend ("key") under the plot: swatches (a hatched box for bars, a line with its marker for lines
/// and reference lines) with their labels, packed into as few rows as the figure's width allows. Its own
/// panel rather than ScottPlot's legend, whose panel pads 20 points a side and misjudges the rows it
/// needs at a column's width; it is measured with the same face it is drawn with, so it always fits.
/// </summary>
public sealed class KeyPanel(IReadOnlyList<LegendItem> items, LabelStyle style, float figureWidth) : IPanel
{
    private const float Swatch = 12, Gap = 3, ItemGap = 9, Padding = 4;

    public IReadOnlyList<LegendItem> Items { get; } = items;
    public bool IsVisible { get; set; } = true;
    public Edge Edge => Edge.Bottom;
    public bool ShowDebugInformation { get; set; }
    public float MinimumSize { get; set; }
    public float MaximumSize { get; set; } = float.MaxValue;

    private float RowHeight => style.FontSize * 1.45f;

    /// <summary>Items per row, in order, for the figure's width.</summary>
    private List<List<(LegendItem Item, float Width)>> Rows(Paint paint)
    {
        var rows = new List<List<(LegendItem, float)>> { new() };
        float x = 0, max = figureWidth - 2 * Padding - 8;
        foreach (var item in Items)
        {
            float w = Swatch + Gap + style.Measure(item.LabelText, paint).Width;
            if (x > 0 && x + w > max) { rows.Add([]); x = 0; }
            rows[^1].Add((item, w));
            x += w + ItemGap;
        }
        return rows;
    }

    public float Measure(Paint paint) => Items.Count == 0 ? 0 : Rows(paint).Count * RowHeight + 2 * Padding;

    public PixelRect GetPanelRect(PixelRect dataRect, float size, float offset, Paint paint) =>
        new(dataRect.Left, dataRect.Right, dataRect.Bottom + offset + size, dataRect.Bottom + offset);

    public void Render(RenderPack rp, float size, float offset)
    {
        var rect = GetPanelRect(rp.DataRect, size, offset, rp.Paint);
        var rows = Rows(rp.Paint);
        for (int r = 0; r < rows.Count; r++)
        {
            float width = rows[r].Sum(x => x.Width) + ItemGap * (rows[r].Count - 1);
            // Rows are centred under the figure, not under the data area, so that wide rows never run off its edge. (Not
            // rp.FigureRect: with a scale factor it is in device pixels, while the canvas draws in points.)
            float x = (figureWidth - width) / 2, y = rect.Top + Padding + r * RowHeight;
            foreach (var (item, w) in rows[r])
            {
                float mid = y + RowHeight / 2;
                if (item.FillStyle.HasValue)
                {
                    var box = new PixelRect(x, x + Swatch, mid + Swatch * 0.35f, mid - Swatch * 0.35f);
                    Drawing.FillRectangle(rp.Canvas, box, rp.Paint, item.FillStyle);
                    Drawing.DrawRectangle(rp.Canvas, box, rp.Paint, item.OutlineStyle);
                }
                else
                {
                    Drawing.DrawLine(rp.Canvas, rp.Paint, new Pixel(x, mid), new Pixel(x + Swatch, mid), item.LineStyle);
                    if (item.MarkerStyle.Shape != MarkerShape.None) Drawing.DrawMarker(rp.Canvas, rp.Paint, new Pixel(x + Swatch / 2, mid), item.MarkerStyle);
                }
                style.Render(rp.Canvas, new Pixel(x + Swatch + Gap, mid - style.FontSize * 0.48f), rp.Paint, item.LabelText, false);
                x += w + ItemGap;
            }
        }
    }
}
