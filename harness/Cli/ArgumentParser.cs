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
            int count = spec.ArgName == null ? 0 : spec.Values;
            var values = new List<string>();
            if (count == 0)
            {
                if (inline != null) { error = $"{name} takes no value"; return null; }
                values.Add("");
            }
            else
            {
                if (inline != null) values.Add(inline);
                else if (i + 1 < args.Count) values.Add(args[++i]);
                else { error = $"{name} needs {spec.ArgName}"; return null; }
                // Options of several values take the following arguments: a fixed number, or (-1) up to the next option.
                while (count < 0 ? i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) : values.Count < count)
                {
                    if (i + 1 >= args.Count) { error = $"{name} needs {spec.ArgName}"; return null; }
                    values.Add(args[++i]);
                }
            }
            foreach (var value in values)
            {
                var e = spec.Apply(o, value);
                if (e != null) { error = $"{name}: {e}"; return null; }
            }
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
            lines.Add($"  {(o.Name + (o.ArgName != null ? " " + o.ArgName : "")).PadRight(width)}  {o.Help.Replace("`", "", StringComparison.Ordinal)}");
        lines.Add("");
        lines.Add("Exit status: 0 all runs valid, 1 some runs invalid, 2 usage error, 3 setup failed or damaged results folder,");
        lines.Add("130 interrupted by SIGINT, 143 stopped by SIGTERM (both: resume with --resume DIR).");
        return string.Join("\n", lines) + "\n";
    }
}
