using System.Text;
using System.Text.RegularExpressions;
using Hdbt.Linux;
using Hdbt.Tests.Support;
using Hdbt.Host;

namespace Hdbt.Tests.Distribution;

/// <summary>
/// Debian's busybox-static, fetched by tools/fetch-busybox.sh in two builds of one Debian source
/// version: for i386 (what hdbt runs) and for amd64 (the same program compiled for x86-64). Finds
/// them, checks they are the same version, parses the tests' command lines and runs them.
/// </summary>
/// <remarks>
/// The reference for an applet is the real CPU. Where the kernel executes i386 programs
/// (<see cref="NativeOracle.RunsI386"/>, decided once per test run by <see cref="HostAbi"/>) that
/// is the i386 busybox run natively, and the amd64 build is run too, to check that the applet's
/// output really does not depend on the word size. Elsewhere it is the amd64 build for those
/// applets, and outputs recorded from the i386 build (Distribution/Recorded) for those that do.
/// Every run gets TZ=UTC0, so that dates print the same whatever the host's zone.
/// </remarks>
public static partial class Busybox
{
    private const string DefaultDir = "/tmp/hdbt-busybox";

    private static readonly Lazy<string> s_version = new(CheckVersions);

    /// <summary>The i386 busybox: HDBT_BUSYBOX, or /tmp/hdbt-busybox/i386/bin/busybox. Fails the test when missing.</summary>
    public static string I386 => Find("HDBT_BUSYBOX", "i386");

    /// <summary>The amd64 busybox: HDBT_BUSYBOX_AMD64, or /tmp/hdbt-busybox/amd64/bin/busybox. Fails the test when missing.</summary>
    public static string Amd64 => Find("HDBT_BUSYBOX_AMD64", "amd64");

    /// <summary>The version both builds carry (e.g. "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1)"); fails the test when they differ.</summary>
    public static string Version => s_version.Value;

    /// <summary>Which program is the reference of a plain (word-size independent) applet in this run, in words.</summary>
    public static string OracleDescription => NativeOracle.RunsI386
        ? $"oracle: the i386 busybox run natively ({Version})"
        : $"oracle: the amd64 busybox run natively ({Version}), because {HostAbi.NoNativeI386Reason}";

    /// <summary>The environment of every run: dates in UTC whatever the host's zone.</summary>
    public static readonly IReadOnlyDictionary<string, string> Env = new Dictionary<string, string> { ["TZ"] = "UTC0" };

    /// <summary>Runs busybox (<paramref name="binary"/>) natively in <paramref name="dir"/>.</summary>
    public static ProcessResult Run(string binary, Command command, string dir) =>
        ChildProcess.Run(binary, command.Args, stdin: Stdin(command, dir), workDir: dir, env: Env.ToDictionary());

    /// <summary>Runs the i386 busybox under hdbt in <paramref name="mode"/> in <paramref name="dir"/>.</summary>
    public static ProcessResult RunHdbt(Command command, string dir, string mode) =>
        ChildProcess.RunHdbt(["--mode", mode, I386, .. command.Args], stdin: Stdin(command, dir), workDir: dir, env: Env.ToDictionary());

    /// <summary>The reference run of a plain applet: the i386 busybox natively where the host can, else the amd64 one.</summary>
    public static ProcessResult RunOracle(Command command, string dir) => Run(NativeOracle.RunsI386 ? I386 : Amd64, command, dir);

    /// <summary>
    /// Splits a command line on unescaped spaces ("\ " is a space inside an argument); "&lt; FILE"
    /// feeds FILE (relative to the run's directory) to stdin. One process each: hdbt has no fork
    /// yet, so no pipelines.
    /// </summary>
    public static Command Parse(string line)
    {
        var args = new List<string>();
        var current = new StringBuilder();
        for (int i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length) { current.Append(line[++i]); continue; }
            if (line[i] != ' ') { current.Append(line[i]); continue; }
            if (current.Length > 0) { args.Add(current.ToString()); current.Clear(); }
        }
        if (current.Length > 0) args.Add(current.ToString());
        string? stdin = null;
        int lt = args.IndexOf("<");
        if (lt >= 0) { stdin = args[lt + 1]; args.RemoveRange(lt, 2); }
        return new Command(line, args, stdin);
    }

    /// <summary>
    /// A message for two runs that should agree: how each ended and, when their stdout differs,
    /// the first differing line (or byte, for binary output).
    /// </summary>
    public static string Compare(string command, string leftLabel, ProcessResult left, string rightLabel, ProcessResult right)
    {
        var sb = new StringBuilder($"{command}: ");
        if (left.ExitCode != right.ExitCode) sb.Append($"{leftLabel} exit {left.ExitCode}, {rightLabel} exit {right.ExitCode}. ");
        int i = 0;
        while (i < left.Stdout.Length && i < right.Stdout.Length && left.Stdout[i] == right.Stdout[i]) i++;
        if (i < left.Stdout.Length || i < right.Stdout.Length)
        {
            int lineStart = Array.LastIndexOf(left.Stdout, (byte)'\n', Math.Max(0, i - 1)) + 1;
            if (i == 0) lineStart = 0;
            sb.Append($"stdout differs at byte {i} ({left.Stdout.Length} vs {right.Stdout.Length} bytes)\n");
            sb.Append($"  {leftLabel}: {Excerpt(left.Stdout, lineStart)}\n  {rightLabel}: {Excerpt(right.Stdout, lineStart)}\n");
        }
        sb.Append($"--- {leftLabel} stderr ---\n{left.Stderr}--- {rightLabel} stderr ---\n{right.Stderr}");
        return sb.ToString();
    }

    private static string Excerpt(byte[] bytes, int from)
    {
        if (from >= bytes.Length) return "<end of output>";
        int end = Array.IndexOf(bytes, (byte)'\n', from);
        int len = Math.Min((end < 0 ? bytes.Length : end) - from, 160);
        return Encoding.UTF8.GetString(bytes, from, len).ReplaceLineEndings("\\n");
    }

    private static string? Stdin(Command command, string dir) =>
        command.StdinFile != null ? File.ReadAllText(Path.Combine(dir, command.StdinFile)) : null;

    private static string Find(string variable, string arch)
    {
        string path = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } p ? p : $"{DefaultDir}/{arch}/bin/busybox";
        Assert.True(File.Exists(path), $"{path} is missing: run tools/fetch-busybox.sh (as root: it fetches Debian's busybox-static for i386 and amd64) or set {variable}");
        return path;
    }

    /// <summary>Reads the "BusyBox vX (Debian Y)" banner out of both files: without running them, since one of them may not run here.</summary>
    private static string CheckVersions()
    {
        string a = Banner(I386), b = Banner(Amd64);
        Assert.True(a == b, $"the i386 and amd64 busybox are not the same version ({I386}: {a}; {Amd64}: {b}): fetch both again with tools/fetch-busybox.sh");
        return a;
    }

    private static string Banner(string path)
    {
        var m = BannerPattern().Match(Encoding.Latin1.GetString(File.ReadAllBytes(path)));
        Assert.True(m.Success, $"{path} has no BusyBox version banner: is it busybox?");
        return m.Value;
    }

    [GeneratedRegex(@"BusyBox v[0-9][^\x00\n)]*\)")]
    private static partial Regex BannerPattern();
}
