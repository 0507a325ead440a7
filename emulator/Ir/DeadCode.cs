using System.Numerics;
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
/// Live sets are bit sets of 64-bit words in the thread's <see cref="IrScratch"/>: the pass allocates nothing.
/// </remarks>
public static class DeadCode
{
    /// <summary>The bits of every global in the first word (all globals fit in it).</summary>
    private const ulong GlobalBits = (1UL << CpuState.GlobalSlotCount) - 1;

    public static void Run(IrBlock block)
    {
        var scratch = IrScratch.ForThisThread;
        int words = (block.Temps.Count + 63) >> 6;
        int labels = block.LabelCount;
        // atLabel: one live set per label, word-major; known: whether the label has been reached yet.
        Span<ulong> atLabel = scratch.Words(IrScratch.WordsLabels, labels * words);
        Span<ulong> live = scratch.Words(IrScratch.WordsLive, words);
        Span<bool> known = scratch.Flags(IrScratch.FlagsLabels, labels);
        ReadOnlySpan<bool> smcExits = SmcExitPoints.Compute(block.Ops, scratch.Flags(IrScratch.FlagsSmcExits, block.Ops.Count));
        // Labels reached by backward branches need their live sets before they are seen: start from
        // "nothing live" there and iterate to the least fixed point (rep loops converge in 2-3 rounds).
        // An unconverged optimistic result could under-estimate liveness, so then nothing is deleted.
        for (int round = 0; Sweep(block, atLabel, known, live, words, smcExits, delete: false); round++)
            if (round == 64) return;
        Sweep(block, atLabel, known, live, words, smcExits, delete: true);
    }

    /// <summary>One backward pass; returns whether any label's live set changed.</summary>
    private static bool Sweep(IrBlock block, Span<ulong> atLabel, Span<bool> known, Span<ulong> live, int words,
        ReadOnlySpan<bool> smcExits, bool delete)
    {
        var ops = block.Ops;
        bool changed = false;
        AllGlobals(live);
        for (int i = ops.Count - 1; i >= 0; i--)
        {
            Op op = ops[i];
            switch (op.Code)
            {
                case Opcode.Label:
                {
                    var at = atLabel.Slice((int)op.Imm * words, words);
                    if (!known[(int)op.Imm] || !at.SequenceEqual(live))
                    {
                        live.CopyTo(at);
                        known[(int)op.Imm] = true;
                        changed = true;
                    }
                    continue;
                }
                case Opcode.Br:
                    // A label not reached yet has nothing live (the optimistic start).
                    atLabel.Slice((int)op.Imm * words, words).CopyTo(live);
                    continue;
                case Opcode.BrCond:
                {
                    var at = atLabel.Slice((int)op.Imm * words, words);
                    for (int w = 0; w < words; w++) live[w] |= at[w];
                    break;
                }
                case Opcode.InsnStart when smcExits[i]:
                    live[0] |= GlobalBits;
                    continue;
                case Opcode.Goto or Opcode.ExitIndirect or Opcode.ExitSyscall or Opcode.Raise or Opcode.ExitUnsupported:
                    AllGlobals(live);
                    break;
            }
            if (IsRemovable(op) && !IsLive(live, op.D0) && !IsLive(live, op.D1))
            {
                if (delete) ops[i] = Op.Make(Opcode.Nop);
                continue;
            }
            // A helper that may write globals may also leave them alone: it kills only its result.
            Clear(live, op.D0);
            Clear(live, op.D1);
            if (op.Code == Opcode.Call && (HelperTable.Get((HelperId)op.Imm).Effects & HelperEffects.ReadsGlobals) != 0)
                live[0] |= GlobalBits;
            Set(live, op.S0);
            Set(live, op.S1);
            Set(live, op.S2);
            Set(live, op.S3);
        }
        return changed;
    }

    private static bool IsLive(Span<ulong> live, int t) => t >= 0 && (live[t >> 6] & 1UL << t) != 0;

    private static void Set(Span<ulong> live, int t)
    {
        if (t >= 0) live[t >> 6] |= 1UL << t;
    }

    private static void Clear(Span<ulong> live, int t)
    {
        if (t >= 0) live[t >> 6] &= ~(1UL << t);
    }

    private static void AllGlobals(Span<ulong> live)
    {
        live.Clear();
        live[0] = GlobalBits;
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
}
