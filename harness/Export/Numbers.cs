using System.Globalization;

namespace Hdbt.Harness.Export;

/// <summary>How tables print numbers: three significant digits, the invariant culture.</summary>
public static class Numbers
{
    /// <summary>Three significant digits, no exponent between 0.001 and 99 999 (e.g. 0.0312, 2.31, 231).</summary>
    public static string Sig3(double v)
    {
        if (!double.IsFinite(v)) return "n/a";
        if (v == 0) return "0";
        int digits = Math.Clamp(2 - (int)Math.Floor(Math.Log10(Math.Abs(v))), 0, 6);
        return Math.Round(v, digits).ToString("F" + digits, CultureInfo.InvariantCulture);
    }

    /// <summary>A ratio with its interval, e.g. "2.31× (2.20–2.45)"; the interval left out when unknown.</summary>
    public static string RatioWithCi(double? r, double? lo, double? hi) =>
        r is not { } v ? "" : $"{Sig3(v)}×" + (lo is { } l && hi is { } h ? $" ({Sig3(l)}–{Sig3(h)})" : "");
}
