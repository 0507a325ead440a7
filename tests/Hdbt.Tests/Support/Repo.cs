namespace Hdbt.Tests.Support;

/// <summary>Paths in the repository, found from the test assembly's location.</summary>
public static class Repo
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "bench.sln"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (bench.sln) above " + AppContext.BaseDirectory);
    });

    public static string Root => s_root.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);
}
