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
        say("building hdbt (dotnet publish emulator -c Release) ...");
        var publishDir = Path.Combine(root, "emulator", "bin", "publish");
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
