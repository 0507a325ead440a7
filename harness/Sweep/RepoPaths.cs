namespace Hdbt.Harness.Sweep;

/// <summary>Paths in the repository: found from the current directory, else from the harness's own location.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "bench.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("cannot find the repository root (bench.sln) above " + Environment.CurrentDirectory);
    });

    public static string Root => s_root.Value;
    public static string Profiles => Path.Combine(Root, "profiles");
    public static string Manifest => Path.Combine(Root, "workloads", "manifest.json");
    public static string Results => Path.Combine(Root, "results");
}
