namespace Hdbt.Ir;

/// <summary>
/// Where a block may be left in the middle for self-modifying code: at the insn_start of an
/// instruction whose predecessor wrote guest memory (a store, or a helper that writes memory). If
/// that write hit the block's own code, the backends leave there, so the guest state (every global)
/// must be exact at those points and no global write may move across them.
/// </summary>
public static class SmcExitPoints
{
    /// <summary>
    /// For each op index, into <paramref name="exits"/> (one flag per op, all false on entry), which it returns: true for an
    /// insn_start where the block may be left after a write to its own code.
    /// </summary>
    public static Span<bool> Compute(List<Op> ops, Span<bool> exits)
    {
        bool wrote = false;
        for (int i = 0; i < ops.Count; i++)
        {
            Op op = ops[i];
            if (op.Code == Opcode.InsnStart)
            {
                exits[i] = wrote;
                wrote = false;
            }
            else if (WritesMemory(op)) wrote = true;
        }
        return exits;
    }

    /// <summary>Whether an op writes guest memory (and so may modify translated code).</summary>
    public static bool WritesMemory(in Op op) =>
        op.Code == Opcode.Store ||
        op.Code == Opcode.Call && (HelperTable.Get((HelperId)op.Imm).Effects & HelperEffects.WritesMemory) != 0;
}
