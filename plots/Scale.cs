using System.Globalization;

namespace Hdbt.Plots;

/// <summary>Maps data values to pixels on one axis, linearly or logarithmically, and picks readable tick values.</summary>
public sealed class Scale
{
    private readonly double _pixelFrom, _pixelTo;

    /// <summary>A scale over [min, max]; a linear scale is widened to round numbers, a log scale to whole decades' 1-2-5 steps.</summary>
    public Scale(double min, double max, double pixelFrom, double pixelTo, bool log = false)
    {
        IsLog = log;
        _pixelFrom = pixelFrom;
        _pixelTo = pixelTo;
        if (log)
        {
            if (min <= 0 || max <= 0) throw new ArgumentException("a log scale needs positive values");
            if (max <= min) { min /= 2; max *= 2; }
            Min = min;
            Max = max;
        }
        else
        {
            if (max <= min) { max = min + (min == 0 ? 1 : Math.Abs(min) * 0.5); }
            Step = NiceStep((max - min) / 5);
            Min = Math.Floor(min / Step + 1e-9) * Step;
            Max = Math.Ceiling(max / Step - 1e-9) * Step;
        }
    }

    public bool IsLog { get; }
    public double Min { get; }
    public double Max { get; }

    /// <summary>Distance between linear ticks (unused for log scales).</summary>
    public double Step { get; }

    public double Map(double v)
    {
        double t = IsLog ? (Math.Log10(v) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min)) : (v - Min) / (Max - Min);
        return _pixelFrom + t * (_pixelTo - _pixelFrom);
    }

    /// <summary>Tick values inside the range.</summary>
    public IReadOnlyList<double> Ticks()
    {
        var ticks = new List<double>();
        if (!IsLog)
        {
            for (double v = Min; v <= Max + Step * 1e-6; v += Step) ticks.Add(Math.Abs(v) < Step * 1e-9 ? 0 : Math.Round(v, 12));
            return ticks;
        }
        double decades = Math.Log10(Max) - Math.Log10(Min);
        double[] mantissas = decades > 4 ? [1] : decades > 1.5 ? [1, 2, 5] : [1, 2, 3, 5];
        for (int e = (int)Math.Floor(Math.Log10(Min)); e <= (int)Math.Ceiling(Math.Log10(Max)); e++)
            foreach (var m in mantissas)
            {
                double v = m * Math.Pow(10, e);
                if (v >= Min * (1 - 1e-9) && v <= Max * (1 + 1e-9)) ticks.Add(v);
            }
        return ticks;
    }

    /// <summary>The 1, 2 or 5 times a power of ten nearest above <paramref name="raw"/>.</summary>
    public static double NiceStep(double raw)
    {
        if (raw <= 0 || double.IsNaN(raw)) return 1;
        double p = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    /// <summary>A short label for a tick value: no trailing zeros, thousands as plain digits.</summary>
    public static string Format(double v)
    {
        if (v == 0) return "0";
        double a = Math.Abs(v);
        if (a >= 1e6 || a < 1e-3) return v.ToString("0.##E+0", CultureInfo.InvariantCulture);
        return v.ToString(a >= 100 ? "0" : a >= 1 ? "0.##" : "0.###", CultureInfo.InvariantCulture);
    }
}
