using System.ComponentModel;
using System.Diagnostics;

namespace Hdbt.Tests.Support;

/// <summary>Runs hdbt or a native program as a child process with captured output and a timeout.</summary>
public static class ChildProcess
{
    private static readonly TimeSpan s_defaultTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The hdbt apphost built next to the test assembly (the tests reference emulator/Hdbt.csproj).</summary>
    public static string HdbtPath => Path.Combine(AppContext.BaseDirectory, "hdbt");

    public static ProcessResult RunHdbt(IEnumerable<string> args, string? stdin = null, string? workDir = null,
        IDictionary<string, string>? env = null, TimeSpan? timeout = null) =>
        Run(HdbtPath, args, stdin, workDir, env, timeout);

    /// <summary>Runs a program to completion (or kills it at the timeout: <see cref="ProcessResult.TimedOut"/>).</summary>
    public static ProcessResult Run(string file, IEnumerable<string> args, string? stdin = null, string? workDir = null,
        IDictionary<string, string>? env = null, TimeSpan? timeout = null)
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
        using var p = StartWithRetry(psi);
        // Read both streams concurrently so neither pipe can fill up and stall the child.
        var stdout = new MemoryStream();
        var copy = p.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = p.StandardError.ReadToEndAsync();
        try
        {
            if (stdin != null) p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }
        catch (IOException)
        {
            // The child exited without reading its input: what it did is still reported below.
        }
        bool finished = p.WaitForExit(timeout ?? s_defaultTimeout);
        if (!finished)
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            p.WaitForExit();
        }
        copy.Wait();
        return new ProcessResult(finished ? p.ExitCode : -1, stdout.ToArray(), stderr.Result, !finished);
    }

    /// <summary>
    /// Starts a process, retrying on ETXTBSY: an executable written just before can still be open
    /// for writing in a child that another test thread forked at that moment and has not exec'd yet.
    /// </summary>
    private static Process StartWithRetry(ProcessStartInfo psi)
    {
        const int Etxtbsy = 26;
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return Process.Start(psi) ?? throw new InvalidOperationException($"could not start {psi.FileName}");
            }
            catch (Win32Exception e) when (e.NativeErrorCode == Etxtbsy && attempt < 50)
            {
                Thread.Sleep(20);
            }
        }
    }
}
