namespace Hdbt.Ir;

/// <summary>
/// Removes <c>mov G, t</c> (a global taking a local's value) by making the op that defined
/// <c>t</c> write <c>G</c> directly and renaming <c>t</c>'s uses to <c>G</c>. The frontend
/// computes results into fresh locals and then stores them to registers, so most register-writing
/// instructions carry one such move.
/// </summary>
/// <remarks>
/// Legal when, in straight-line code (no label in between): <c>t</c> is defined once; <c>G</c> is
/// neither read nor written between that definition and the move; and <c>G</c> is not written
/// again (nor clobbered by a helper) before the last use of <c>t</c>; and no self-modifying-code
/// exit point (<see cref="SmcExitPoints"/>) lies between the definition and the move, where
/// <c>G</c> would show its new value too early.
/// </remarks>
public static class CopyCoalescing
{
    public static void Run(IrBlock block)
    {
        var ops = block.Ops;
        var temps = block.Temps;
        var scratch = IrScratch.ForThisThread;
        var defs = scratch.Ints(IrScratch.IntsDefs, temps.Count);
        ReadOnlySpan<bool> smcExits = SmcExitPoints.Compute(ops, scratch.Flags(IrScratch.FlagsSmcExits, ops.Count));
        foreach (var op in ops)
        {
            if (op.D0 >= 0) defs[op.D0]++;
            if (op.D1 >= 0) defs[op.D1]++;
        }

        for (int i = 0; i < ops.Count; i++)
        {
            Op mov = ops[i];
            if (mov.Code != Opcode.Mov || temps[mov.D0].Kind != TempKind.Global || temps[mov.S0].Kind != TempKind.Local) continue;
            int g = mov.D0, t = mov.S0;
            if (defs[t] != 1) continue;
            int d = FindDefinition(ops, smcExits, i, t, g);
            if (d < 0) continue;
            int lastUse = LastUse(ops, i, t, g);
            if (lastUse == -2) continue;

            Op def = ops[d];
            if (def.D0 == t) def.D0 = g; else def.D1 = g;
            ops[d] = def;
            int end = lastUse < 0 ? i : lastUse;
            for (int j = d + 1; j <= end; j++)
            {
                Op u = ops[j];
                if (u.S0 == t) u.S0 = g;
                if (u.S1 == t) u.S1 = g;
                if (u.S2 == t) u.S2 = g;
                if (u.S3 == t) u.S3 = g;
                ops[j] = u;
            }
            ops[i] = Op.Make(Opcode.Nop);
            defs[t] = 0;
        }
        block.Compact();
    }

    /// <summary>Index of t's definition before <paramref name="mov"/> if G is untouched since, else -1.</summary>
    private static int FindDefinition(List<Op> ops, ReadOnlySpan<bool> smcExits, int mov, int t, int g)
    {
        for (int j = mov - 1; j >= 0; j--)
        {
            Op op = ops[j];
            // The definition may read G itself (add t, G, 1 becomes add G, G, 1); it must not also write it.
            if (op.D0 == t || op.D1 == t) return op.D0 == g || op.D1 == g ? -1 : j;
            if (Touches(op, g) || smcExits[j]) return -1;
        }
        return -1;
    }

    /// <summary>Index of t's last use after the move (-1: none), or -2 when G changes or control merges before it.</summary>
    private static int LastUse(List<Op> ops, int mov, int t, int g)
    {
        int last = -1;
        bool gChanged = false;
        for (int j = mov + 1; j < ops.Count; j++)
        {
            Op op = ops[j];
            if (Reads(op, t))
            {
                if (gChanged) return -2;
                last = j;
            }
            if (op.Code == Opcode.Label)
            {
                // Past a merge point t must not be read at all.
                for (int k = j + 1; k < ops.Count; k++)
                    if (Reads(ops[k], t)) return -2;
                return last;
            }
            if (op.D0 == g || op.D1 == g || ClobbersGlobals(op)) gChanged = true;
        }
        return last;
    }

    private static bool Reads(in Op op, int t) => op.S0 == t || op.S1 == t || op.S2 == t || op.S3 == t;

    private static bool ClobbersGlobals(in Op op) =>
        op.Code == Opcode.Call && (HelperTable.Get((HelperId)op.Imm).Effects & HelperEffects.WritesGlobals) != 0;

    /// <summary>Whether the op reads or writes G, or may (a helper with global effects, control flow).</summary>
    private static bool Touches(in Op op, int g) =>
        Reads(op, g) || op.D0 == g || op.D1 == g || op.Code is Opcode.Label or Opcode.Br or Opcode.BrCond ||
        op.Code == Opcode.Call && HelperTable.Get((HelperId)op.Imm).Effects != HelperEffects.None || IsExit(op);

    private static bool IsExit(in Op op) =>
        op.Code is Opcode.Goto or Opcode.ExitIndirect or Opcode.ExitSyscall or Opcode.Raise or Opcode.ExitUnsupported;
}
