using System.ComponentModel;
using System.Diagnostics;

namespace Hdbt.Tests.Support;

/// <summary>Runs hdbt or a native program as a child process with captured output and a timeout.</summary>
public static class ChildProcess
{
    private static readonly TimeSpan s_defaultTimeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// The hdbt that the process-level tests run: the apphost built next to the test assembly (the tests
    /// reference emulator/Hdbt.csproj), or the program named by HDBT_PATH, so that the same tests check
    /// a published build (the NativeAOT binary users run: .ci/run does this) behaves as the plain one.
    /// </summary>
    public static string HdbtPath => s_hdbtPath.Value;

    private static readonly Lazy<string> s_hdbtPath = new(() =>
    {
        if (Environment.GetEnvironmentVariable("HDBT_PATH") is not { Length: > 0 } path)
            return Path.Combine(AppContext.BaseDirectory, "hdbt");
        // A wrong path must fail every test that runs hdbt with its cause, not as a confusing start failure.
        if (!File.Exists(path)) throw new FileNotFoundException($"HDBT_PATH={path}: no such file", path);
        return Path.GetFullPath(path);
    });

    /// <summary>
    /// Whether <see cref="HdbtPath"/> is a NativeAOT build: one native file with no hdbt.dll beside it (the
    /// managed builds are an apphost next to the dll). For the few behaviours the runtime itself decides.
    /// </summary>
    public static bool HdbtIsNativeAot => !File.Exists(Path.Combine(Path.GetDirectoryName(HdbtPath)!, "hdbt.dll"));

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
        // Every hdbt the tests start checks its IR (a native program ignores the variable; a test may
        // still pass HDBT_VERIFY_IR=0 in env to see a run without it).
        psi.Environment["HDBT_VERIFY_IR"] = "1";
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
