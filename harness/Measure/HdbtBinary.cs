using Hdbt.Harness.Sweep;

namespace Hdbt.Harness.Measure;

/// <summary>
/// Makes the emulator once per sweep with <c>tools/publish-hdbt.sh</c>, which builds the NativeAOT binary
/// users run (emulator/bin/aot/hdbt), falls back to the ReadyToRun build (emulator/bin/publish/hdbt) where
/// NativeAOT cannot be linked, and skips either when it is newer than every emulator source; a plain
/// Release build is the last resort. Names the build it got, and asks it which modes it has.
/// </summary>
public static class HdbtBinary
{
    private const string FallbackPrefix = "publish-hdbt.sh: fallback: ";

    /// <summary>A freshly made hdbt, or null with the build log's path in <paramref name="error"/>.</summary>
    public static HdbtBuild? Build(Action<string> say, out string? error)
    {
        error = null;
        var root = RepoPaths.Root;
        var bash = Spawner.FindOnPath("bash");
        var dotnet = Spawner.FindOnPath("dotnet");
        if (bash == null || dotnet == null) { error = $"{(bash == null ? "bash" : "dotnet")} is not on PATH"; return null; }
        var log = Path.Combine(Path.GetTempPath(), $"harness-build-{Environment.ProcessId}.log");
        say("making hdbt (tools/publish-hdbt.sh: NativeAOT, remade only when a source is newer; a minute or two when it is) ...");
        var r = Spawner.Run([bash, Path.Combine(root, "tools", "publish-hdbt.sh")], log, log + ".err", TimeSpan.FromMinutes(15), root);
        var exe = r.Status == 0 ? File.ReadAllText(log).Trim().Split('\n')[^1] : "";
        if (r.Status == 0 && File.Exists(exe))
        {
            var fallback = File.ReadLines(log + ".err").FirstOrDefault(l => l.StartsWith(FallbackPrefix, StringComparison.Ordinal))?[FallbackPrefix.Length..];
            var built = new HdbtBuild(exe, Kind(exe), fallback);
            say($"hdbt: {built.Kind} build {Path.GetRelativePath(root, exe)}");
            return built;
        }
        say($"tools/publish-hdbt.sh failed (see {log}.err); falling back to dotnet build -c Release");
        r = Spawner.Run([dotnet, "build", Path.Combine(root, "emulator", "Hdbt.csproj"), "-c", "Release", "--nologo", "-v", "q"],
            log, log + ".err", TimeSpan.FromMinutes(10), root);
        exe = Path.Combine(root, "emulator", "bin", "Release", "net10.0", "hdbt");
        if (r.Status == 0 && File.Exists(exe))
            return new HdbtBuild(exe, Kind(exe), $"hdbt is a plain Release build (jitted at start-up), not NativeAOT: tools/publish-hdbt.sh failed (see {log}.err)");
        error = $"building hdbt failed; see {log}";
        return null;
    }

    /// <summary>The hdbt at <paramref name="path"/>, given by --hdbt: named, and noted when it is not the NativeAOT binary.</summary>
    public static HdbtBuild Given(string path)
    {
        var kind = Kind(path);
        return new HdbtBuild(path, kind, kind == HdbtBuild.NativeAot ? null : $"hdbt is the {kind} build given by --hdbt, not NativeAOT");
    }

    /// <summary>Which build the hdbt at <paramref name="path"/> is, in tools/publish-hdbt.sh's words (it knows the layouts).</summary>
    public static string Kind(string path) =>
        Spawner.Capture(["bash", Path.Combine(RepoPaths.Root, "tools", "publish-hdbt.sh"), "--kind", path]) ?? "unknown";

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
