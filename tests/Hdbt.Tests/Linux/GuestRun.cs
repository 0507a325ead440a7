using System.Diagnostics;

namespace Hdbt.Tests.Linux;

/// <summary>Runs one of the i386 test programs under the built hdbt, as a child process.</summary>
public sealed record GuestRun(int ExitCode, string Stdout, string Stderr)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    /// <summary>Directory of the committed test programs (copied next to the test assembly).</summary>
    public static string ProgramsDir => Path.Combine(AppContext.BaseDirectory, "Linux", "Programs");

    /// <summary>Runs <c>hdbt [hdbtArgs] program [programArgs]</c> and waits for it.</summary>
    public static GuestRun Start(string program, IEnumerable<string> programArgs, params string[] hdbtArgs)
    {
        var psi = HdbtCommand();
        foreach (var a in hdbtArgs) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add(Path.Combine(ProgramsDir, program));
        foreach (var a in programArgs) psi.ArgumentList.Add(a);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.RedirectStandardInput = true;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start hdbt");
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(s_timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"hdbt {program} did not finish in {s_timeout.TotalSeconds} s");
        }
        return new GuestRun(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The hdbt apphost copied next to the tests, or <c>dotnet hdbt.dll</c>.</summary>
    private static ProcessStartInfo HdbtCommand()
    {
        string apphost = Path.Combine(AppContext.BaseDirectory, "hdbt");
        if (File.Exists(apphost)) return new ProcessStartInfo(apphost);
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
        psi.ArgumentList.Add("exec");
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hdbt.dll"));
        return psi;
    }

    /// <summary>A message for a failed assertion: how hdbt ended and what it said.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stderr ---\n{Stderr}\n--- stdout ---\n{Stdout}";
}
