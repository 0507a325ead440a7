using System.Globalization;
using System.Xml.Linq;

namespace Hdbt.Plots;

/// <summary>
/// A small SVG builder: shapes, text, markers and hatch patterns. Built on <see cref="XElement"/>
/// so that the output is always well-formed XML whatever the labels contain.
/// </summary>
public sealed class SvgDocument
{
    /// <summary>The SVG namespace.</summary>
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    private readonly XElement _defs = new(Ns + "defs");
    private readonly XElement _body = new(Ns + "g");
    private readonly Dictionary<(HatchPattern, string), string> _patternIds = [];

    public SvgDocument(double width, double height)
    {
        Width = width;
        Height = height;
        // A white background: transparent figures turn black in some PDF and slide tools.
        Rect(0, 0, width, height, "#ffffff");
    }

    public double Width { get; }
    public double Height { get; }

    /// <summary>Font family used for every text element.</summary>
    public const string Font = "DejaVu Sans, Helvetica, Arial, sans-serif";

    private static string F(double v) => Math.Round(v, 2).ToString(CultureInfo.InvariantCulture);

    public void Rect(double x, double y, double w, double h, string fill, string? stroke = null, double strokeWidth = 1)
    {
        var e = new XElement(Ns + "rect", new XAttribute("x", F(x)), new XAttribute("y", F(y)),
            new XAttribute("width", F(Math.Max(0, w))), new XAttribute("height", F(Math.Max(0, h))), new XAttribute("fill", fill));
        if (stroke != null) { e.Add(new XAttribute("stroke", stroke), new XAttribute("stroke-width", F(strokeWidth))); }
        _body.Add(e);
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null)
    {
        var e = new XElement(Ns + "line", new XAttribute("x1", F(x1)), new XAttribute("y1", F(y1)),
            new XAttribute("x2", F(x2)), new XAttribute("y2", F(y2)), new XAttribute("stroke", stroke), new XAttribute("stroke-width", F(width)));
        if (dash != null) e.Add(new XAttribute("stroke-dasharray", dash));
        _body.Add(e);
    }

    public void Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width = 1.5, string? dash = null)
    {
        var e = new XElement(Ns + "polyline", new XAttribute("points", string.Join(" ", points.Select(p => F(p.X) + "," + F(p.Y)))),
            new XAttribute("fill", "none"), new XAttribute("stroke", stroke), new XAttribute("stroke-width", F(width)));
        if (dash != null) e.Add(new XAttribute("stroke-dasharray", dash));
        _body.Add(e);
    }

    /// <summary>Text; <paramref name="anchor"/> is start, middle or end; <paramref name="rotate"/> in degrees about (x, y).</summary>
    public void Text(double x, double y, string text, double size = 12, string anchor = "start", double rotate = 0,
        bool bold = false, string fill = "#000000", string baseline = "auto")
    {
        var e = new XElement(Ns + "text", new XAttribute("x", F(x)), new XAttribute("y", F(y)),
            new XAttribute("font-family", Font), new XAttribute("font-size", F(size)), new XAttribute("text-anchor", anchor),
            new XAttribute("fill", fill), text);
        if (baseline != "auto") e.Add(new XAttribute("dominant-baseline", baseline));
        if (bold) e.Add(new XAttribute("font-weight", "bold"));
        if (rotate != 0) e.Add(new XAttribute("transform", $"rotate({F(rotate)} {F(x)} {F(y)})"));
        _body.Add(e);
    }

    /// <summary>A point marker centred on (x, y), filled white inside so that it stands out on lines.</summary>
    public void Marker(MarkerShape shape, double x, double y, double size, string color)
    {
        double r = size / 2;
        XElement e = shape switch
        {
            MarkerShape.Circle => new XElement(Ns + "circle", new XAttribute("cx", F(x)), new XAttribute("cy", F(y)), new XAttribute("r", F(r))),
            MarkerShape.Square => new XElement(Ns + "rect", new XAttribute("x", F(x - r)), new XAttribute("y", F(y - r)),
                new XAttribute("width", F(size)), new XAttribute("height", F(size))),
            MarkerShape.TriangleUp => PathOf($"M{F(x)},{F(y - r)} L{F(x + r)},{F(y + r)} L{F(x - r)},{F(y + r)} Z"),
            MarkerShape.TriangleDown => PathOf($"M{F(x)},{F(y + r)} L{F(x + r)},{F(y - r)} L{F(x - r)},{F(y - r)} Z"),
            MarkerShape.Diamond => PathOf($"M{F(x)},{F(y - r)} L{F(x + r)},{F(y)} L{F(x)},{F(y + r)} L{F(x - r)},{F(y)} Z"),
            MarkerShape.Cross => PathOf($"M{F(x - r)},{F(y - r)} L{F(x + r)},{F(y + r)} M{F(x - r)},{F(y + r)} L{F(x + r)},{F(y - r)}"),
            MarkerShape.Plus => PathOf($"M{F(x - r)},{F(y)} L{F(x + r)},{F(y)} M{F(x)},{F(y - r)} L{F(x)},{F(y + r)}"),
            _ => PathOf(StarPath(x, y, r)),
        };
        bool open = shape is MarkerShape.Cross or MarkerShape.Plus;
        e.Add(new XAttribute("fill", open ? "none" : color), new XAttribute("stroke", open ? color : "#000000"),
            new XAttribute("stroke-width", open ? "2" : "0.8"));
        _body.Add(e);
    }

    private static string StarPath(double x, double y, double r)
    {
        var parts = new List<string>();
        for (int i = 0; i < 10; i++)
        {
            double a = -Math.PI / 2 + i * Math.PI / 5, rr = i % 2 == 0 ? r * 1.2 : r * 0.5;
            parts.Add((i == 0 ? "M" : "L") + F(x + rr * Math.Cos(a)) + "," + F(y + rr * Math.Sin(a)));
        }
        return string.Join(" ", parts) + " Z";
    }

    private static XElement PathOf(string d) => new(Ns + "path", new XAttribute("d", d));

    /// <summary>A fill that paints <paramref name="color"/> with a black hatch over it; returns the value for a fill attribute.</summary>
    public string PatternFill(HatchPattern pattern, string color)
    {
        if (pattern == HatchPattern.Solid) return color;
        if (_patternIds.TryGetValue((pattern, color), out var id)) return $"url(#{id})";
        id = $"hatch{_patternIds.Count}";
        _patternIds[(pattern, color)] = id;
        const double s = 7;
        var p = new XElement(Ns + "pattern", new XAttribute("id", id), new XAttribute("patternUnits", "userSpaceOnUse"),
            new XAttribute("width", F(s)), new XAttribute("height", F(s)),
            new XElement(Ns + "rect", new XAttribute("width", F(s)), new XAttribute("height", F(s)), new XAttribute("fill", color)));
        string ink = "#000000";
        void Stroke(string d) => p.Add(new XElement(Ns + "path", new XAttribute("d", d), new XAttribute("stroke", ink), new XAttribute("stroke-width", "1")));
        switch (pattern)
        {
            case HatchPattern.Diagonal: Stroke($"M0,{F(s)} L{F(s)},0 M-1,1 L1,-1 M{F(s - 1)},{F(s + 1)} L{F(s + 1)},{F(s - 1)}"); break;
            case HatchPattern.BackDiagonal: Stroke($"M0,0 L{F(s)},{F(s)} M{F(s - 1)},-1 L{F(s + 1)},1 M-1,{F(s - 1)} L1,{F(s + 1)}"); break;
            case HatchPattern.Cross: Stroke($"M0,{F(s / 2)} L{F(s)},{F(s / 2)} M{F(s / 2)},0 L{F(s / 2)},{F(s)}"); break;
            case HatchPattern.Horizontal: Stroke($"M0,{F(s / 2)} L{F(s)},{F(s / 2)}"); break;
            case HatchPattern.Vertical: Stroke($"M{F(s / 2)},0 L{F(s / 2)},{F(s)}"); break;
            case HatchPattern.DiagonalCross: Stroke($"M0,{F(s)} L{F(s)},0 M0,0 L{F(s)},{F(s)}"); break;
            case HatchPattern.Dots:
                p.Add(new XElement(Ns + "circle", new XAttribute("cx", F(s / 2)), new XAttribute("cy", F(s / 2)), new XAttribute("r", "1.3"), new XAttribute("fill", ink)));
                break;
        }
        _defs.Add(p);
        return $"url(#{id})";
    }

    /// <summary>The whole document as SVG text.</summary>
    public string ToSvg()
    {
        var root = new XElement(Ns + "svg", new XAttribute("width", F(Width)), new XAttribute("height", F(Height)),
            new XAttribute("viewBox", $"0 0 {F(Width)} {F(Height)}"), new XAttribute("version", "1.1"), _defs, _body);
        return new XDeclaration("1.0", "utf-8", null) + "\n" + root.ToString(SaveOptions.None) + "\n";
    }

    /// <summary>Writes the document atomically (temp file, then rename).</summary>
    public void Save(string path)
    {
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, ToSvg());
        File.Move(tmp, path, overwrite: true);
    }
}
