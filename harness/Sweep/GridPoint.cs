using System.Globalization;

namespace Hdbt.Harness.Sweep;

/// <summary>One configuration of the sweep: a workload under a mode with its knob values (null where the mode has no such knob).</summary>
public sealed record GridPoint(string Workload, string Mode, int? Threshold, int? TraceLength, int? LlvmThreads)
{
    /// <summary>A stable, readable identifier, e.g. <c>sha1/hybridm/t50/l16/j1</c>.</summary>
    public string Id
    {
        get
        {
            var s = Workload + "/" + Mode;
            if (Threshold is { } t) s += "/t" + t.ToString(CultureInfo.InvariantCulture);
            if (TraceLength is { } l) s += "/l" + l.ToString(CultureInfo.InvariantCulture);
            if (LlvmThreads is { } j) s += "/j" + j.ToString(CultureInfo.InvariantCulture);
            return s;
        }
    }

    /// <summary>The configuration without the workload (what a figure's series is).</summary>
    public string ConfigLabel => Id[(Workload.Length + 1)..];
}
