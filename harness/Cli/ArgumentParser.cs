namespace Hdbt.Harness.Cli;

/// <summary>Parses the harness command line from <see cref="OptionTable"/>: <c>--name value</c> or <c>--name=value</c>.</summary>
public static class ArgumentParser
{
    /// <summary>The options, or null with <paramref name="error"/> set to one line.</summary>
    public static HarnessOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var o = new HarnessOptions();
        error = null;
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i], name = a;
            string? inline = null;
            int eq = a.IndexOf('=');
            if (a.StartsWith("--", StringComparison.Ordinal) && eq > 0) { name = a[..eq]; inline = a[(eq + 1)..]; }
            var spec = OptionTable.Find(name);
            if (spec == null) { error = $"unknown option '{a}' (see --help)"; return null; }
            string value = "";
            if (spec.ArgName != null)
            {
                if (inline != null) value = inline;
                else if (i + 1 < args.Count) value = args[++i];
                else { error = $"{name} needs {spec.ArgName}"; return null; }
            }
            else if (inline != null) { error = $"{name} takes no value"; return null; }
            var e = spec.Apply(o, value);
            if (e != null) { error = $"{name}: {e}"; return null; }
            // --merge takes every following argument up to the next option.
            if (spec.Name == "--merge")
                while (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) o.Merge.Add(args[++i]);
        }
        return o;
    }

    public static string Help()
    {
        var lines = new List<string>
        {
            "usage: dotnet run -c Release -- [--sweep] [options]      (from harness/)",
            "",
            "Runs every workload under every built hdbt mode (and natively and under qemu-i386), checks every",
            "run's output, and writes runs.csv, summary.csv, stats.csv, env.json and figures into one folder.",
            "",
        };
        int width = OptionTable.All.Max(o => o.Name.Length + (o.ArgName?.Length + 1 ?? 0));
        foreach (var o in OptionTable.All)
            lines.Add($"  {(o.Name + (o.ArgName != null ? " " + o.ArgName : "")).PadRight(width)}  {o.Help}");
        lines.Add("");
        lines.Add("Exit status: 0 all runs valid, 1 some runs invalid, 2 usage error, 3 setup failed, 130 interrupted (resume with --resume DIR).");
        return string.Join("\n", lines) + "\n";
    }
}
