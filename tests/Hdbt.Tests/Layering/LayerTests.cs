using System.Text.RegularExpressions;
using Hdbt.Tests.Support;

namespace Hdbt.Tests.Layering;

/// <summary>
/// The emulator's layers, lowest first, and the rule between them: a folder (namespace) may name only
/// the folders below it, so the namespace graph has no cycle. Subfolders belong to their folder's layer
/// (<c>Tcg/Emit</c> is part of Tcg, <c>Linux/Syscalls</c> of Linux).
/// </summary>
public sealed partial class LayerTests
{
    /// <summary>Lowest first. A new top-level folder of emulator/ must be placed here.</summary>
    private static readonly string[] Layers =
    [
        "Host",      // the host kernel: raw system calls, ABI probes, the native fault handler
        "Profiling", // the counter table and reports
        "Guest",     // CpuState, guest memory, lazy flags, what the guest CPU is
        "Fpu",       // exact 80-bit x87 arithmetic
        "Ir",        // the IR, its optimizer and the helper contracts
        "Helpers",   // integer, x87 and SSE helpers and their native-callable ABI
        "Linux",     // the guest's kernel: syscalls, fds, signals
        "Loader",    // ELF loading, the initial stack
        "Frontend",  // guest instructions to IR
        "Backend",   // the interface every backend implements: units, exits, the jump-cache hash
        "Interp",    // backends
        "Tcg",
        "Llvm",
        "Engine",    // the one dispatch loop, code cache, page index, hotness, the process
        "Cli",       // the hdbt command
    ];

    private static string EmulatorRoot => Repo.Path("emulator");

    private static string LayerOf(string file)
    {
        string relative = Path.GetRelativePath(EmulatorRoot, file);
        return relative.Split(Path.DirectorySeparatorChar)[0];
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(EmulatorRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") &&
                        !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") &&
                        Path.GetDirectoryName(f) != EmulatorRoot);

    [Fact]
    public void EveryFolderIsALayer()
    {
        var folders = SourceFiles().Select(LayerOf).Distinct().Order();
        foreach (var folder in folders) Assert.True(Layers.Contains(folder), $"emulator/{folder}/ is in no layer of LayerTests.Layers");
    }

    [Fact]
    public void NoLayerNamesAHigherOne()
    {
        var files = SourceFiles().ToList();
        // The types each layer declares, to recognise a qualified name such as Host.Signals.
        var declared = files.GroupBy(LayerOf).ToDictionary(g => g.Key,
            g => g.SelectMany(f => TypeDeclaration().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).ToHashSet());
        var violations = new List<string>();
        foreach (var file in files)
        {
            string layer = LayerOf(file);
            int rank = Array.IndexOf(Layers, layer);
            string text = File.ReadAllText(file);
            foreach (var other in Layers.Skip(rank + 1))
            {
                bool names = Regex.IsMatch(text, $@"\bHdbt\.{other}\b") ||
                             (declared.TryGetValue(other, out var types) &&
                              Regex.Matches(text, $@"\b{other}\.(\w+)").Any(m => types.Contains(m.Groups[1].Value)));
                if (names) violations.Add($"{Path.GetRelativePath(EmulatorRoot, file)} ({layer}) names {other}, a higher layer");
            }
        }
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [GeneratedRegex(@"\b(?:class|struct|enum|interface|record)\s+(\w+)")]
    private static partial Regex TypeDeclaration();
}
