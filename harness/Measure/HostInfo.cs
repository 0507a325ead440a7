namespace Hdbt.Harness.Measure;

/// <summary>
/// What <c>hdbt --host-info</c> says about this host: whether its kernel executes i386 programs (so
/// the <c>native</c> baseline can run) and whether <c>int 0x80</c> works from 64-bit code. hdbt's
/// probe is the one place that decides it (emulator/Linux/HostAbi.cs); the harness asks the hdbt it
/// measures rather than probing again.
/// </summary>
public sealed record HostInfo(bool CanExecI386, string ExecDetail, bool HasInt80, string Int80Detail)
{
    /// <summary>The raw answer, for env.json.</summary>
    public string Text { get; init; } = "";

    /// <summary>Why the native baseline cannot run, in the words hdbt uses (HostAbi.NoNativeI386Reason).</summary>
    public string NoNativeI386Reason => $"this host's kernel does not execute i386 programs ({ExecDetail})";

    /// <summary>Runs <c>HDBT --host-info</c>; null when it does not answer in the expected form (an hdbt older than the probe).</summary>
    public static HostInfo? Ask(string hdbt) => Spawner.Capture([hdbt, "--host-info"]) is { } text ? Parse(text) : null;

    /// <summary>Parses the <c>key: yes|no (detail)</c> lines; null unless both <c>i386-exec</c> and <c>int80</c> are there.</summary>
    public static HostInfo? Parse(string text)
    {
        (bool, string)? exec = null, int80 = null;
        foreach (var raw in text.Split('\n'))
        {
            string line = raw.Trim();
            int colon = line.IndexOf(':');
            if (colon < 0) continue;
            string key = line[..colon], rest = line[(colon + 1)..].Trim();
            bool? yes = rest.StartsWith("yes", StringComparison.Ordinal) ? true : rest.StartsWith("no", StringComparison.Ordinal) ? false : null;
            if (yes == null) continue;
            string detail = rest[(yes.Value ? 3 : 2)..].Trim();
            if (detail.StartsWith('(') && detail.EndsWith(')')) detail = detail[1..^1];
            if (key == "i386-exec") exec = (yes.Value, detail);
            else if (key == "int80") int80 = (yes.Value, detail);
        }
        if (exec is not { } e || int80 is not { } i) return null;
        return new HostInfo(e.Item1, e.Item2, i.Item1, i.Item2) { Text = text.Trim() };
    }
}
