namespace Hdbt.Cli;

/// <summary>
/// Parses <c>hdbt [options] program [args...]</c>: options stop at the first non-option, so
/// everything after the program belongs to the guest (as with qemu-user).
/// </summary>
public static class ArgumentParser
{
    /// <summary>Returns the options, or null with an error message.</summary>
    public static CliOptions? Parse(IReadOnlyList<string> args, Func<string, string?> getEnv, out string? error)
    {
        var o = new CliOptions();
        error = null;
        foreach (var spec in OptionTable.All)
            if (spec.EnvVar != null && getEnv(spec.EnvVar) is { Length: > 0 } env)
            {
                error = spec.Apply(o, env);
                if (error != null) { error = $"{spec.EnvVar}: {error}"; return null; }
            }

        int i = 0;
        for (; i < args.Count; i++)
        {
            string a = args[i];
            if (a == "--") { i++; break; }
            if (!a.StartsWith('-') || a == "-") break;
            string name = a, value = "";
            bool inline = false;
            int eq = a.IndexOf('=');
            if (a.StartsWith("--") && eq > 0) { name = a[..eq]; value = a[(eq + 1)..]; inline = true; }
            var spec = OptionTable.Find(name);
            if (spec == null) { error = $"unknown option '{a}' (see hdbt --help)"; return null; }
            if (spec.ArgName != null && !inline)
            {
                if (i + 1 >= args.Count) { error = $"option {name} needs a value ({spec.ArgName})"; return null; }
                value = args[++i];
            }
            else if (spec.ArgName == null && inline) { error = $"option {name} takes no value"; return null; }
            error = spec.Apply(o, value);
            if (error != null) return null;
        }
        if (i < args.Count)
        {
            o.Program = args[i];
            for (i++; i < args.Count; i++) o.GuestArgs.Add(args[i]);
        }
        return o;
    }
}
