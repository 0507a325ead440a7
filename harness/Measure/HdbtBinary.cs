using Hdbt.Harness.Sweep;

namespace Hdbt.Harness.Measure;

/// <summary>
/// Builds the emulator once per sweep: <c>dotnet publish -c Release</c> into emulator/bin/publish
/// (the project's publish settings keep start-up small), or a plain Release build when publishing
/// fails; then asks it which modes it has.
/// </summary>
public static class HdbtBinary
{
    /// <summary>The path of a freshly built hdbt, or null with the build log's path in <paramref name="error"/>.</summary>
    public static string? Build(Action<string> say, out string? error)
    {
        error = null;
        var root = RepoPaths.Root;
        var dotnet = Spawner.FindOnPath("dotnet");
        if (dotnet == null) { error = "dotnet is not on PATH"; return null; }
        var log = Path.Combine(Path.GetTempPath(), $"harness-build-{Environment.ProcessId}.log");
        var publishDir = Path.Combine(root, "emulator", "bin", "publish");
        if (UpToDate(root, publishDir))
        {
            say("hdbt is up to date (emulator/bin/publish)");
            return Path.Combine(publishDir, "hdbt");
        }
        say("building hdbt (dotnet publish emulator -c Release) ...");
        var r = Spawner.Run([dotnet, "publish", Path.Combine(root, "emulator", "Hdbt.csproj"), "-c", "Release", "-o", publishDir, "--nologo", "-v", "q"],
            log, log + ".err", TimeSpan.FromMinutes(10), root);
        var exe = Path.Combine(publishDir, "hdbt");
        if (r.Status == 0 && File.Exists(exe)) return exe;
        say($"publish failed (see {log}); falling back to dotnet build -c Release");
        r = Spawner.Run([dotnet, "build", Path.Combine(root, "emulator", "Hdbt.csproj"), "-c", "Release", "--nologo", "-v", "q"],
            log, log + ".err", TimeSpan.FromMinutes(10), root);
        exe = Path.Combine(root, "emulator", "bin", "Release", "net10.0", "hdbt");
        if (r.Status == 0 && File.Exists(exe)) return exe;
        error = $"building hdbt failed; see {log}";
        return null;
    }

    /// <summary>
    /// Whether the published hdbt is newer than every file it is built from (the emulator's
    /// sources and project, the shared build settings): then publishing again, which costs
    /// seconds to a minute on a busy machine, would change nothing. Any newer file (an edit, a
    /// checkout) means a publish.
    /// </summary>
    private static bool UpToDate(string root, string publishDir)
    {
        var dll = new FileInfo(Path.Combine(publishDir, "hdbt.dll"));
        if (!dll.Exists || !File.Exists(Path.Combine(publishDir, "hdbt"))) return false;
        var emulator = Path.Combine(root, "emulator");
        var inputs = Directory.EnumerateFiles(emulator, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(Path.Combine(emulator, "bin") + "/", StringComparison.Ordinal) && !f.StartsWith(Path.Combine(emulator, "obj") + "/", StringComparison.Ordinal))
            .Concat(new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", "NuGet.config" }.Select(f => Path.Combine(root, f)).Where(File.Exists));
        return inputs.All(f => File.GetLastWriteTimeUtc(f) < dll.LastWriteTimeUtc);
    }

    /// <summary>Every mode hdbt knows, from <c>hdbt --list-modes --all</c>; older builds without --all give their built modes only.</summary>
    public static List<ModeInfo>? Modes(string hdbt)
    {
        var all = Spawner.Capture([hdbt, "--list-modes", "--all"]);
        if (all != null) return ModeInfo.ParseListing(all);
        var built = Spawner.Capture([hdbt, "--list-modes"]);
        return built?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => new ModeInfo(n, true, false, false)).ToList();
    }
}
