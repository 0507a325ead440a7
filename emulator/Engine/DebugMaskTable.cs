namespace Hdbt.Engine;

/// <summary>The <c>-d</c> mask names (QEMU's where they mean the same), parsed and listed in --help from here.</summary>
public static class DebugMaskTable
{
    public static readonly (string Name, DebugMask Mask, string Help)[] All =
    [
        ("in_asm", DebugMask.InAsm, "guest instructions of each translated block (AT&T syntax)"),
        ("op", DebugMask.Op, "IR of each block as the frontend built it"),
        ("op_opt", DebugMask.OpOpt, "IR of each block after the optimizer"),
        ("exec", DebugMask.Exec, "each block entry (pc), very verbose"),
        ("out_asm", DebugMask.OutAsm, "host code of each block (tcg), next to its guest instructions"),
        ("llvm_ir", DebugMask.LlvmIr, "LLVM IR of each unit after the pass pipeline (llvm)"),
    ];

    /// <summary>Parses "in_asm,op" or "all"; returns null and the bad name if one is unknown.</summary>
    public static DebugMask? Parse(string text, out string? bad)
    {
        bad = null;
        var mask = DebugMask.None;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part == "all") { foreach (var e in All) mask |= e.Mask; continue; }
            var found = All.FirstOrDefault(e => e.Name == part);
            if (found.Name == null) { bad = part; return null; }
            mask |= found.Mask;
        }
        return mask;
    }
}
