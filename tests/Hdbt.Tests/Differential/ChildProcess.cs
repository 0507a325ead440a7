using System.ComponentModel;
using System.Diagnostics;

namespace Hdbt.Tests.Differential;

/// <summary>Runs a program to completion, capturing stdout as bytes, stderr as text and the exit status.</summary>
public static class ChildProcess
{
    /// <summary>How one run ended. <see cref="ExitCode"/> is 128 + N when a signal N killed the process.</summary>
    public sealed record Result(int ExitCode, byte[] Stdout, string Stderr, bool TimedOut);

    public static Result Run(string fileName, IEnumerable<string> args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        using var p = StartWithRetry(psi);
        p.StandardInput.Close();
        var stdout = new MemoryStream();
        var copy = p.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = p.StandardError.ReadToEndAsync();
        bool finished = p.WaitForExit(timeout);
        if (!finished)
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            p.WaitForExit();
        }
        copy.Wait();
        return new Result(finished ? p.ExitCode : -1, stdout.ToArray(), stderr.Result, !finished);
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
