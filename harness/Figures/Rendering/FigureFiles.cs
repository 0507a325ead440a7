using ScottPlot;
using SkiaSharp;

namespace Hdbt.Harness.Figures.Rendering;

/// <summary>
/// Writes a plot as PNG (300 dpi), SVG (user units are points) and vector PDF (SkiaSharp's
/// <see cref="SKDocument"/>, fonts embedded, so no external converter), each atomically (a temporary
/// file, then a rename), so that a figure someone is looking at is never half written.
/// </summary>
public static class FigureFiles
{
    /// <summary>Pixels per point of the PNG files: 300 dpi, what print and most journals ask of raster figures.</summary>
    public const double PngScale = 300.0 / 72;

    /// <summary>Writes <paramref name="stem"/>.png, .svg and .pdf; returns their paths.</summary>
    public static List<string> Save(Plot plot, string stem, float width, float height, string title)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(stem)!);
        int w = (int)Math.Round(width), h = (int)Math.Round(height);
        plot.ScaleFactor = PngScale;
        var png = plot.GetImageBytes((int)Math.Round(w * PngScale), (int)Math.Round(h * PngScale), ImageFormat.Png);
        plot.ScaleFactor = 1;
        Atomic(stem + ".png", tmp => File.WriteAllBytes(tmp, png));
        Atomic(stem + ".svg", tmp => File.WriteAllText(tmp, plot.GetSvgXml(w, h)));
        Atomic(stem + ".pdf", tmp =>
        {
            using var stream = new SKFileWStream(tmp);
            using var doc = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata
            {
                Title = title,
                Creator = "hdbt bench harness (ScottPlot, SkiaSharp)",
                RasterDpi = 300,
            });
            var canvas = doc.BeginPage(w, h);
            plot.Render(canvas, w, h);
            doc.EndPage();
            doc.Close();
        });
        return [stem + ".png", stem + ".svg", stem + ".pdf"];
    }

    private static void Atomic(string path, Action<string> write)
    {
        var tmp = path + ".tmp";
        write(tmp);
        File.Move(tmp, path, overwrite: true);
    }
}
