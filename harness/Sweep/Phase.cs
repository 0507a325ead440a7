namespace Hdbt.Harness.Sweep;

/// <summary>Whether a run counts: warm-up runs are recorded but left out of every statistic.</summary>
public enum Phase
{
    Warmup,
    Measure,
}
