using System.Text;

namespace Hdbt.Tests.Differential;

/// <summary>Compares the records of the native and the emulated run case by case, ignoring only each case's undefined bits.</summary>
public static class ResultComparer
{
    private static readonly string[] s_regNames = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"];

    /// <summary>Whether the actual record matches the expected one under the case's masks.</summary>
    public static bool Matches(SnippetCase c, CaseRecord expected, CaseRecord actual)
    {
        for (int r = 0; r < 8; r++)
        {
            uint ignore = c.RegMask?[r] ?? 0;
            if (((expected.Regs[r] ^ actual.Regs[r]) & ~ignore) != 0) return false;
        }
        if (((expected.Eflags ^ actual.Eflags) & ~c.FlagMask) != 0) return false;
        if (c.MemIgnore == null)
        {
            if (!expected.Memory.AsSpan().SequenceEqual(actual.Memory)) return false;
        }
        else
        {
            for (int i = 0; i < DiffLayout.MemSize; i++)
                if (expected.Memory[i] != actual.Memory[i] && c.MemoryCompared(i)) return false;
        }
        if (expected.Fx != null && actual.Fx != null && FxLayout.Differences(c, expected.Fx, actual.Fx).Count > 0) return false;
        return true;
    }

    /// <summary>A multi-line report of one failing case: code, inputs, and expected vs actual state.</summary>
    public static string Describe(int index, SnippetCase c, string code, CaseRecord expected, CaseRecord actual)
    {
        var sb = new StringBuilder();
        sb.Append($"#{index} {c.Form}: {code}");
        if (c.Note != null) sb.Append($"   ({c.Note})");
        sb.Append('\n');
        sb.Append("    in:       ").Append(Regs(c.Regs)).Append($" flags={FlagText(c.Flags | 0x202)}\n");
        sb.Append("    expected: ").Append(Regs(expected.Regs)).Append($" flags={FlagText(expected.Eflags)}\n");
        sb.Append("    actual:   ").Append(Regs(actual.Regs)).Append($" flags={FlagText(actual.Eflags)}\n");
        var diffs = new List<string>();
        for (int r = 0; r < 8; r++)
        {
            uint ignore = c.RegMask?[r] ?? 0;
            if (((expected.Regs[r] ^ actual.Regs[r]) & ~ignore) != 0) diffs.Add(s_regNames[r]);
        }
        uint flagDiff = (expected.Eflags ^ actual.Eflags) & ~c.FlagMask;
        if (flagDiff != 0) diffs.Add($"eflags {FlagNames(flagDiff)}");
        for (int i = 0; i < DiffLayout.MemSize; i++)
        {
            if (expected.Memory[i] == actual.Memory[i] || !c.MemoryCompared(i)) continue;
            int end = i;
            while (end + 1 < DiffLayout.MemSize && end + 1 - i < 16 && expected.Memory[end + 1] != actual.Memory[end + 1] && c.MemoryCompared(end + 1)) end++;
            diffs.Add($"mem[Mem+0x{i:x2}..0x{end:x2}] expected {Hex(expected.Memory, i, end)} got {Hex(actual.Memory, i, end)}");
            i = end;
        }
        if (expected.Fx != null && actual.Fx != null)
        {
            if (c.Fpu != null) sb.Append("    fpu in:   ").Append(FpuInitText(c.Fpu)).Append('\n');
            sb.Append("    fpu exp:  ").Append(FxLayout.Summary(expected.Fx)).Append('\n');
            sb.Append("    fpu act:  ").Append(FxLayout.Summary(actual.Fx)).Append('\n');
            diffs.AddRange(FxLayout.Differences(c, expected.Fx, actual.Fx));
        }
        sb.Append("    differs:  ").Append(string.Join("; ", diffs));
        if (c.FlagMask != 0) sb.Append($"   (undefined, not compared: {FlagNames(c.FlagMask)})");
        return sb.ToString();
    }

    private static string FpuInitText(FpuInit f)
    {
        var sb = new StringBuilder($"fcw={f.Fcw:x4} mxcsr={f.Mxcsr:x8}");
        for (int i = 0; i < f.Stack.Count; i++) sb.Append($" st{i}={Ext80.Format(f.Stack[i])}");
        for (int i = 0; i < 8; i++)
            if (f.Xmm[i].AsSpan().IndexOfAnyExcept((byte)0) >= 0)
                sb.Append($" xmm{i}={BitConverter.ToUInt64(f.Xmm[i], 8):x16}_{BitConverter.ToUInt64(f.Xmm[i], 0):x16}");
        return sb.ToString();
    }

    private static string Regs(uint[] r)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 8; i++)
        {
            if (i > 0) sb.Append(' ');
            sb.Append(s_regNames[i]).Append('=').Append(r[i].ToString("x8"));
        }
        return sb.ToString();
    }

    private static string Hex(byte[] m, int from, int to) =>
        string.Join(' ', Enumerable.Range(from, to - from + 1).Select(k => m[k].ToString("x2")));

    /// <summary>"0x00000a93 [CF SF OF]" — the value and the status/control flags set in it.</summary>
    public static string FlagText(uint eflags) => $"{eflags:x8}[{FlagNames(eflags & ~0x202u)}]";

    private static readonly (uint Bit, string Name)[] s_flagNames =
    [
        (UndefinedFlags.CF, "CF"), (UndefinedFlags.PF, "PF"), (UndefinedFlags.AF, "AF"), (UndefinedFlags.ZF, "ZF"),
        (UndefinedFlags.SF, "SF"), (1u << 8, "TF"), (1u << 9, "IF"), (UndefinedFlags.DF, "DF"), (UndefinedFlags.OF, "OF"),
        (UndefinedFlags.AC, "AC"), (UndefinedFlags.ID, "ID"),
    ];

    public static string FlagNames(uint bits)
    {
        var names = s_flagNames.Where(f => (bits & f.Bit) != 0).Select(f => f.Name).ToList();
        uint known = s_flagNames.Aggregate(0u, (m, f) => m | f.Bit) | 2;
        if ((bits & ~known) != 0) names.Add($"other:{bits & ~known:x}");
        return string.Join(' ', names);
    }
}
