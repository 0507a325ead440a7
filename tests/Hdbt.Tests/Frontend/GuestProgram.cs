using System.Diagnostics;
using Xunit;

namespace Hdbt.Tests.Frontend;

/// <summary>
/// Runs the prebuilt guest programs of <c>Frontend/Programs</c> under hdbt, as a child process
/// (their output goes to the guest's fd 1, which is the process's stdout). Their expected outputs
/// were recorded from native runs by <c>Programs/build.sh</c>.
/// </summary>
internal static class GuestProgram
{
    private static string Directory => Path.Combine(AppContext.BaseDirectory, "Frontend", "Programs");

    /// <summary>The path of a program.</summary>
    public static string PathOf(string program) => Path.Combine(Directory, program);

    /// <summary>The committed native output of one group of a program.</summary>
    public static string Expected(string program, string group) =>
        File.ReadAllText(Path.Combine(Directory, $"{program}.{group}.expected"));

    /// <summary>Runs a program with arguments under hdbt (interpreter mode) and waits for it.</summary>
    public static GuestRun Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "hdbt"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(PathOf(program));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start hdbt");
        // Read both streams concurrently so neither pipe can fill up and stall the child.
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"hdbt {program} {string.Join(' ', args)} did not finish");
        }
        return new GuestRun(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs one group of a program and checks its output against the native one.</summary>
    public static void AssertMatchesNative(string program, string group)
    {
        var run = Run(program, group);
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Equal(Expected(program, group), run.Stdout);
    }
}
