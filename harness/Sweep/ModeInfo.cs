namespace Hdbt.Harness.Sweep;

/// <summary>What the harness knows about a mode: whether hdbt has it built and which knobs it takes.</summary>
public sealed record ModeInfo(string Name, bool Built, bool FormsTraces, bool UsesWorkers, bool IsEmulator = true)
{
    /// <summary>The native run (the binary executed directly).</summary>
    public static readonly ModeInfo Native = new("native", true, false, false, IsEmulator: false);

    /// <summary>qemu-i386 (Built means installed).</summary>
    public static ModeInfo Qemu(bool installed) => new("qemu", installed, false, false, IsEmulator: false);

    /// <summary>Parses the lines of <c>hdbt --list-modes --all</c> (name, built|not-built, traces|blocks, workers|-).</summary>
    public static List<ModeInfo> ParseListing(string text)
    {
        var list = new List<ModeInfo>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var c = line.Split('\t');
            if (c.Length < 3) throw new FormatException($"unexpected line from hdbt --list-modes --all: '{line}'");
            list.Add(new ModeInfo(c[0], c[1] == "built", c[2] == "traces", c.Length > 3 && c[3] == "workers"));
        }
        return list;
    }
}
