using System.Diagnostics;

namespace Hdbt.Tests.Support;

/// <summary>Runs hdbt or a native program as a child process with captured output and a timeout.</summary>
public static class ChildProcess
{
    /// <summary>The hdbt apphost built next to the test assembly (the tests reference emulator/Hdbt.csproj).</summary>
    public static string HdbtPath => Path.Combine(AppContext.BaseDirectory, "hdbt");

    public static ProcessResult RunHdbt(IEnumerable<string> args, string? stdin = null, string? workDir = null,
        IDictionary<string, string>? env = null, int timeoutMs = 120_000) =>
        Run(HdbtPath, args, stdin, workDir, env, timeoutMs);

    public static ProcessResult Run(string file, IEnumerable<string> args, string? stdin = null, string? workDir = null,
        IDictionary<string, string>? env = null, int timeoutMs = 120_000)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workDir ?? Environment.CurrentDirectory,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (env != null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdoutTask = Task.Run(() =>
        {
            using var ms = new MemoryStream();
            p.StandardOutput.BaseStream.CopyTo(ms);
            return ms.ToArray();
        });
        var stderrTask = p.StandardError.ReadToEndAsync();
        if (stdin != null) p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        if (!p.WaitForExit(timeoutMs))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', psi.ArgumentList)} did not finish in {timeoutMs} ms");
        }
        p.WaitForExit();
        return new ProcessResult(p.ExitCode, stdoutTask.Result, stderrTask.Result);
    }
}
