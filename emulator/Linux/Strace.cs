using System.Text;
using Hdbt.Host;

namespace Hdbt.Linux;

/// <summary>Formats syscalls for --strace, in the style of qemu-user's -strace: <c>PID name(args) = result</c>.</summary>
public static class Strace
{
    private const int AtFdCwd = -100;

    public static string FormatCall(LinuxKernel k, uint nr, SyscallDef? def, in SyscallArgs a)
    {
        var sb = new StringBuilder();
        sb.Append(k.Pid).Append(' ').Append(SyscallNames.Name(nr)).Append('(');
        uint[] values = [a.A1, a.A2, a.A3, a.A4, a.A5, a.A6];
        if (def == null)
        {
            // Unknown to hdbt: show the six registers raw.
            sb.Append(string.Join(',', values.Select(v => $"0x{v:x}")));
        }
        else
        {
            for (int i = 0; i < def.Args.Length; i++)
            {
                if (i > 0) sb.Append(',');
                sb.Append(FormatArg(k, def.Args[i], values[i]));
            }
        }
        return sb.Append(')').ToString();
    }

    public static string FormatArg(LinuxKernel k, ArgKind kind, uint v) => kind switch
    {
        ArgKind.Int => ((int)v).ToString(),
        ArgKind.Hex => $"0x{v:x}",
        ArgKind.Ptr => v == 0 ? "NULL" : $"0x{v:x}",
        ArgKind.Oct => v == 0 ? "0" : "0" + Convert.ToString(v, 8),
        ArgKind.Sig => v == 0 ? "0" : Signals.Name((int)v),
        ArgKind.DirFd => (int)v == AtFdCwd ? "AT_FDCWD" : ((int)v).ToString(),
        ArgKind.OFlags => Linux.OpenFlags.Format(v),
        ArgKind.Str => v == 0 ? "NULL" : k.ReadString(v, 256) is { } s ? Quote(s) : $"0x{v:x}",
        _ => v.ToString(),
    };

    public static string FormatResult(long result, ArgKind kind)
    {
        if (result < 0 && result > -4096)
            return $" = -1 errno={-result} ({Errno.Name((int)-result)})";
        return kind == ArgKind.Hex || kind == ArgKind.Ptr ? $" = 0x{(uint)result:x}" : $" = {result}";
    }

    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in s)
        {
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\t' => "\\t",
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' => $"\\{Convert.ToString(c, 8)}",
                _ => c.ToString(),
            });
        }
        return sb.Append('"').ToString();
    }
}
