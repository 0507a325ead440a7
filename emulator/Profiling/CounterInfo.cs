namespace Hdbt.Profiling;

/// <summary>Declaration of one counter: JSON key, report section and label, unit, meaning.</summary>
public sealed record CounterInfo(CounterId Id, string Key, string Section, string Label, CounterUnit Unit, string Description);
