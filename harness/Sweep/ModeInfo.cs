namespace Hdbt.Harness.Sweep;

/// <summary>What the harness knows about a mode: whether hdbt has it built and which knobs it takes.</summary>
public sealed record ModeInfo(string Name, bool Built, bool FormsTraces, bool UsesWorkers, bool IsEmulator = true)
{
    /// <summary>The native run (the binary executed directly).</summary>
    public static readonly ModeInfo Native = new("native", true, false, false, IsEmulator: false);

    /// <summary>
    /// The same workload sources built for x86-64 and run directly: the physical-limit baseline where the
    /// host runs no i386 programs (and an extra row where it does). Not the i386 program: another ISA.
    /// </summary>
    public static readonly ModeInfo Native64 = new("native64", true, false, false, IsEmulator: false);

    /// <summary>Baseline rows a profile may ask for, in the order they are added to a sweep.</summary>
    public static readonly string[] BaselineRows = ["native", "native64", "qemu"];

    /// <summary>
    /// How a mode is named in legends and tables: native64 always says that it is another build (x86-64)
    /// of the sources, not the i386 program; the others by their names.
    /// </summary>
    public static string Label(string mode) => mode == Native64.Name ? "native64 (x86-64 build)" : mode;

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
