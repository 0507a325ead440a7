namespace Hdbt.Tests.Support;

/// <summary>
/// A small guest program committed next to its tests under tests/Hdbt.Tests/FOLDER/Programs: source
/// NAME.c, static i386 binary NAME, native output NAME.expected (or NAME.GROUP.expected for a
/// program that takes a group argument), all made by that folder's build.sh. Run under hdbt.
/// </summary>
public static class CommittedProgram
{
    /// <summary>Path of a file in tests/Hdbt.Tests/<paramref name="folder"/>/Programs.</summary>
    public static string PathOf(string folder, string name) => Repo.Path("tests", "Hdbt.Tests", folder, "Programs", name);

    /// <summary>The committed native output.</summary>
    public static string Expected(string folder, string expectedFile) => File.ReadAllText(PathOf(folder, expectedFile));

    /// <summary>Runs the program under hdbt with extra hdbt options and guest arguments.</summary>
    public static ProcessResult Run(string folder, string name, string[]? hdbtOptions = null, string[]? args = null) =>
        ChildProcess.RunHdbt(["--mode", "interp", .. hdbtOptions ?? [], PathOf(folder, name), .. args ?? []]);

    /// <summary>Runs it and checks exit status 0 and stdout equal to the native output (NAME.expected by default).</summary>
    public static void AssertMatchesNative(string folder, string name, string[]? hdbtOptions = null, string[]? args = null,
        string? expectedFile = null)
    {
        var r = Run(folder, name, hdbtOptions, args);
        Assert.True(r.ExitCode == 0, $"{name}: {r}");
        Assert.Equal(Expected(folder, expectedFile ?? name + ".expected"), r.StdoutText);
    }
}
