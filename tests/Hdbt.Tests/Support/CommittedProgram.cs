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

    /// <summary>The execution modes every committed program runs under (each must give the native result).</summary>
    public static readonly string[] Modes = ExecutionModes.Built;

    /// <summary>Runs the program under hdbt in one mode with extra hdbt options and guest arguments.</summary>
    public static ProcessResult Run(string folder, string name, string[]? hdbtOptions = null, string[]? args = null, string mode = "interp") =>
        ChildProcess.RunHdbt(["--mode", mode, .. hdbtOptions ?? [], PathOf(folder, name), .. args ?? []]);

    /// <summary>Runs it in every mode of <see cref="Modes"/> and checks exit status 0 and stdout equal to the native output (NAME.expected by default).</summary>
    public static void AssertMatchesNative(string folder, string name, string[]? hdbtOptions = null, string[]? args = null,
        string? expectedFile = null)
    {
        foreach (var mode in Modes)
        {
            var r = Run(folder, name, hdbtOptions, args, mode);
            Assert.True(r.ExitCode == 0, $"{name} --mode {mode}: {r}");
            Assert.True(Expected(folder, expectedFile ?? name + ".expected") == r.StdoutText, $"{name} --mode {mode}: stdout differs from native:\n{r.StdoutText}");
        }
    }
}
