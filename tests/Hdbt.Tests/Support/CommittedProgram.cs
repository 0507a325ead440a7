namespace Hdbt.Tests.Support;

/// <summary>
/// A small guest program committed next to its tests (source NAME.c, static i386 binary NAME,
/// native output NAME.expected), run under hdbt.
/// </summary>
public static class CommittedProgram
{
    /// <summary>Path of a committed program under tests/Hdbt.Tests/<paramref name="folder"/>/Programs.</summary>
    public static string PathOf(string folder, string name) => Repo.Path("tests", "Hdbt.Tests", folder, "Programs", name);

    /// <summary>Runs the program under hdbt with extra hdbt options and guest arguments.</summary>
    public static ProcessResult Run(string folder, string name, string[]? hdbtOptions = null, string[]? args = null) =>
        ChildProcess.RunHdbt(["--mode", "interp", .. hdbtOptions ?? [], PathOf(folder, name), .. args ?? []]);

    /// <summary>Runs it and checks exit status 0 and stdout equal to NAME.expected.</summary>
    public static void AssertMatchesNative(string folder, string name, string[]? hdbtOptions = null, string[]? args = null)
    {
        var r = Run(folder, name, hdbtOptions, args);
        Assert.True(r.ExitCode == 0, $"{name}: exit {r.ExitCode}, stderr: {r.Stderr}");
        Assert.Equal(File.ReadAllText(PathOf(folder, name + ".expected")), r.StdoutText);
    }
}
