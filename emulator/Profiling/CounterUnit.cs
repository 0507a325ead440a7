namespace Hdbt.Profiling;

/// <summary>How a counter's raw value is interpreted and printed.</summary>
public enum CounterUnit
{
    /// <summary>A plain count.</summary>
    Count,
    /// <summary>Bytes.</summary>
    Bytes,
    /// <summary>Stopwatch ticks, printed and exported as seconds.</summary>
    Time,
}
