using System.Text;
using Hdbt.Profiling;
using Hdbt.Engine;

namespace Hdbt.Cli;

/// <summary>Builds --help from the option, mode, debug-mask, counter and exit-code tables.</summary>
public static class HelpText
{
    public static string Build()
    {
        var sb = new StringBuilder();
        sb.Append("usage: hdbt [options] program [args...]\n\n");
        sb.Append("Runs a statically linked i386 Linux program (a hybrid dynamic binary translator).\n\n");
        sb.Append("options:\n");
        foreach (var o in OptionTable.All)
        {
            string names = string.Join(", ", o.Names) + (o.ArgName != null ? " " + o.ArgName : "");
            sb.Append("  ").Append(names.PadRight(28)).Append(o.Help);
            if (o.EnvVar != null) sb.Append($" [env {o.EnvVar}]");
            sb.Append('\n');
        }
        sb.Append("\nmodes:\n");
        foreach (var m in ExecutionModeTable.All)
            sb.Append("  ").Append(m.Name.PadRight(10)).Append(m.Help).Append(m.Built ? "" : " (not built yet)").Append('\n');
        sb.Append("\ndebug masks (-d):\n");
        foreach (var d in DebugMaskTable.All) sb.Append("  ").Append(d.Name.PadRight(10)).Append(d.Help).Append('\n');
        sb.Append("\nstatistics (-p basic, --stats-json keys):\n");
        foreach (var c in CounterTable.All) sb.Append("  ").Append(c.Key.PadRight(28)).Append(c.Description).Append('\n');
        sb.Append("\nexit status: the guest's own; 128+N when the guest is killed by signal N; and\n");
        foreach (var (code, meaning) in ExitCodes.All) sb.Append("  ").Append(code.ToString().PadRight(5)).Append(meaning).Append('\n');
        return sb.ToString();
    }
}
