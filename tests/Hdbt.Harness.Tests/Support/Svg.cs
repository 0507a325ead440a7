using System.Globalization;
using System.Xml.Linq;
using Hdbt.Plots;

namespace Hdbt.Harness.Tests.Support;

/// <summary>Parses SVG output (which fails on malformed XML) and finds its elements.</summary>
public static class Svg
{
    public static XDocument Parse(string svg) => XDocument.Parse(svg);

    public static IEnumerable<XElement> All(XDocument d, string name) => d.Descendants(SvgDocument.Ns + name);

    public static IEnumerable<string> Texts(XDocument d) => All(d, "text").Select(t => t.Value);

    public static double Num(XElement e, string attr) => double.Parse(e.Attribute(attr)!.Value, CultureInfo.InvariantCulture);
}
