using Hdbt.Harness.Output;
using Hdbt.Harness.Sweep;

namespace Hdbt.Harness.Figures;

/// <summary>What every figure builder reads: the sweep's definition and its summary and stats rows, with the helpers they share.</summary>
public sealed record FigureInput(SweepDefinition Def, IReadOnlyList<SummaryRecord> Summary, IReadOnlyList<StatRecord> Stats)
{
    /// <summary>"wall time" or "CPU time": what speedups compare.</summary>
    public string MetricName => Def.Profile.Metric == "cpu" ? "CPU time" : "wall time";

    /// <summary>A mode's style slot: its place in the sweep's modes, so that it looks the same in every figure.</summary>
    public int ModeStyle(string mode)
    {
        int i = Def.Modes.FindIndex(m => m.Name == mode);
        return i < 0 ? Def.Modes.Count : i;
    }

    /// <summary>
    /// What a reader of a figure with baseline rows must know: rows that did not run here and why, that
    /// native64 is another build of the sources, and a baseline that fell back. Short forms of the sweep's notes.
    /// </summary>
    public List<string> BaselineNotes()
    {
        var notes = new List<string>();
        foreach (var n in Def.Notes)
        {
            if (n.StartsWith("native: skipped: ", StringComparison.Ordinal))
                notes.Add("native (i386): not run on this host: " + n["native: skipped: ".Length..].Split(';')[0]);
            else if (n.StartsWith("native64: no row for ", StringComparison.Ordinal))
                notes.Add("native64: no x86-64 build matching the i386 output for " + n["native64: no row for ".Length..].Split(':')[0]);
            else if (n.StartsWith("qemu: skipped", StringComparison.Ordinal))
                notes.Add("qemu: not run (qemu-i386 is not installed)");
            else if (n.StartsWith("BASELINE", StringComparison.Ordinal))
                notes.Add(n["BASELINE: ".Length..]);
        }
        if (Def.Modes.Any(m => m.Name == ModeInfo.Native64.Name))
            notes.Insert(0, "native64: the same C sources built for x86-64 (gcc -m64 -static) and run directly, the physical limit; not the i386 program");
        return notes;
    }
}
