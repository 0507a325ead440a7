using System.Collections;
using Hdbt.Guest;

namespace Hdbt.Ir;

/// <summary>
/// Backward liveness pass: removes ops whose results are never read, which includes the
/// lazy-flag stores that the next flag-setting instruction overwrites (dead flag elimination).
/// </summary>
/// <remarks>
/// Every exit reads all globals; locals die at exits. Guest faults are fatal (hdbt does not
/// deliver synchronous signals to guest handlers), so a faulting op reads no globals: the
/// report needs only the pc, which the insn_start markers give. Branches are handled by
/// iterating to a fixed point over the label live sets. The one exception to "exits only at the
/// end": an instruction after a guest-memory write may be left for self-modifying code
/// (<see cref="SmcExitPoints"/>), so every global is live there too.
/// </remarks>
public static class DeadCode
{
    public static void Run(IrBlock block)
    {
        var atLabel = new BitArray?[block.LabelCount];
        var smcExits = SmcExitPoints.Compute(block.Ops);
        // Labels reached by backward branches need their live sets before they are seen: start from
        // "nothing live" there and iterate to the least fixed point (rep loops converge in 2-3 rounds).
        // An unconverged optimistic result could under-estimate liveness, so then nothing is deleted.
        for (int round = 0; Sweep(block, atLabel, smcExits, delete: false); round++)
            if (round == 64) return;
        Sweep(block, atLabel, smcExits, delete: true);
    }

    /// <summary>One backward pass; returns whether any label's live set changed.</summary>
    private static bool Sweep(IrBlock block, BitArray?[] atLabel, bool[] smcExits, bool delete)
    {
        var ops = block.Ops;
        int n = block.Temps.Count;
        bool changed = false;
        var live = AllGlobals(n);
        for (int i = ops.Count - 1; i >= 0; i--)
        {
            Op op = ops[i];
            switch (op.Code)
            {
                case Opcode.Label:
                {
                    var prev = atLabel[op.Imm];
                    if (prev == null || !SameBits(prev, live)) { atLabel[op.Imm] = new BitArray(live); changed = true; }
                    continue;
                }
                case Opcode.Br:
                    live = new BitArray(atLabel[op.Imm] ?? new BitArray(n));
                    continue;
                case Opcode.BrCond:
                    live.Or(atLabel[op.Imm] ?? new BitArray(n));
                    break;
                case Opcode.InsnStart when smcExits[i]:
                    for (int g = 0; g < CpuState.GlobalSlotCount; g++) live[g] = true;
                    continue;
                case Opcode.Goto or Opcode.ExitIndirect or Opcode.ExitSyscall or Opcode.Raise or Opcode.ExitUnsupported:
                    live = AllGlobals(n);
                    break;
            }
            if (IsRemovable(op) && !(op.D0 >= 0 && live[op.D0]) && !(op.D1 >= 0 && live[op.D1]))
            {
                if (delete) ops[i] = Op.Make(Opcode.Nop);
                continue;
            }
            // A helper that may write globals may also leave them alone: it kills only its result.
            if (op.D0 >= 0) live[op.D0] = false;
            if (op.D1 >= 0) live[op.D1] = false;
            if (op.Code == Opcode.Call && (HelperTable.Get((HelperId)op.Imm).Effects & HelperEffects.ReadsGlobals) != 0)
                for (int g = 0; g < CpuState.GlobalSlotCount; g++) live[g] = true;
            if (op.S0 >= 0) live[op.S0] = true;
            if (op.S1 >= 0) live[op.S1] = true;
            if (op.S2 >= 0) live[op.S2] = true;
            if (op.S3 >= 0) live[op.S3] = true;
        }
        return changed;
    }

    private static bool IsRemovable(in Op op) => op.Code switch
    {
        Opcode.Mov or Opcode.Add or Opcode.Sub or Opcode.Mul or Opcode.And or Opcode.Or or Opcode.Xor or Opcode.Shl
            or Opcode.Shr or Opcode.Sar or Opcode.Rotl or Opcode.Rotr or Opcode.Neg or Opcode.Not or Opcode.Ext8S
            or Opcode.Ext8U or Opcode.Ext16S or Opcode.Ext16U or Opcode.Bswap or Opcode.Clz or Opcode.Ctz
            or Opcode.Deposit or Opcode.MulU2 or Opcode.MulS2 or Opcode.SetCond or Opcode.Select => true,
        Opcode.Call => HelperTable.Get((HelperId)op.Imm).Effects == HelperEffects.None,
        _ => false,
    };

    private static BitArray AllGlobals(int n)
    {
        var b = new BitArray(n);
        for (int g = 0; g < CpuState.GlobalSlotCount; g++) b[g] = true;
        return b;
    }

    private static bool SameBits(BitArray a, BitArray b)
    {
        for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
        return true;
    }
}
