using Hdbt.Backend;
using System.Runtime.CompilerServices;
using Hdbt.Ir;
using Iced.Intel;

namespace Hdbt.Tcg.Emit;

/// <summary>Emission of control flow: conditional branches, chained direct exits, indirect exits through the jump cache, raise.</summary>
public static class Branch
{
    public static void BrCond(CodeGenerator g, in Op op)
    {
        Loc a = g.L(op.S0), b = g.L(op.S1);
        int target = g.Labels[op.Imm];
        if (op.Cond == Cond.Never) return;
        if (op.Cond == Cond.Always || (a.IsImm && b.IsImm))
        {
            if (op.Cond == Cond.Always || op.Cond.Evaluate(a.Imm, b.Imm)) g.E.Jmp(target);
            return;
        }
        g.Compare(a, b, op.Cond is Cond.TstEq or Cond.TstNe);
        g.E.Branch(Conditions.Jcc(op.Cond), target);
    }

    /// <summary>
    /// A direct exit (QEMU's goto_tb): a <c>jmp rel32</c> that starts out jumping to the next
    /// instruction, the unlinked exit below it; linking patches it to the successor's code.
    /// </summary>
    public static void Goto(CodeGenerator g, in Op op)
    {
        int slot = op.Slot;
        if (g.StoresInInsn) CodeModifiedCheck(g, (uint?)op.Imm);
        if (g.ClaimSlot(slot)) g.E.Bytes([0xE9, 0, 0, 0, 0]);
        g.Emit(Instruction.Create(Code.Mov_rm32_imm32, CodeGenerator.Eip, op.Imm));
        g.JumpToEpilogue(ExitKind.Jump, ExitPayload.Encode(0, g.BlockId, slot));
    }

    /// <summary>
    /// An indirect exit: looks the pc in EIP up in the jump cache and jumps straight to the block
    /// found there, or leaves for the dispatcher.
    /// </summary>
    public static void ExitIndirect(CodeGenerator g)
    {
        if (g.StoresInInsn) CodeModifiedCheck(g, null);
        int miss = g.E.CreateLabel();
        g.Emit(Instruction.Create(Code.Mov_r32_rm32, Register.ECX, CodeGenerator.Eip));
        g.Emit(Instruction.Create(Code.Mov_r32_rm32, Register.EAX, Register.ECX));
        // JumpCacheIndex.Of(pc), inline.
        g.Emit(Instruction.Create(Code.Shr_rm32_imm8, Register.EAX, JumpCacheIndex.Shift));
        g.Emit(Instruction.Create(Code.Xor_r32_rm32, Register.EAX, Register.ECX));
        g.Emit(Instruction.Create(Code.And_rm32_imm32, Register.EAX, JumpCacheIndex.Size - 1));
        g.Emit(Instruction.Create(Code.Shl_rm32_imm8, Register.EAX, 4));
        g.Emit(Instruction.Create(Code.Add_r64_rm64, Register.RAX, g.Ctx(JumpCacheField)));
        g.Emit(Instruction.Create(Code.Cmp_rm32_r32, new MemoryOperand(Register.RAX), Register.ECX));
        g.E.Branch(Code.Jne_rel32_64, miss);
        g.Emit(Instruction.Create(Code.Inc_rm64, g.Ctx(HitsField)));
        g.Emit(Instruction.Create(Code.Jmp_rm64, new MemoryOperand(Register.RAX, 8)));
        g.Bind(miss);
        g.JumpToEpilogue(ExitKind.Indirect);
    }

    private static readonly int JumpCacheField = FieldOffset(nameof(TcgContext.JumpCache));
    private static readonly int HitsField = FieldOffset(nameof(TcgContext.JumpCacheHits));
    private static readonly int RaiseSignalField = FieldOffset(nameof(TcgContext.RaiseSignal));
    private static readonly int RaiseAddressField = FieldOffset(nameof(TcgContext.RaiseAddress));
    private static readonly int RaiseHasAddressField = FieldOffset(nameof(TcgContext.RaiseHasAddress));

    private static int FieldOffset(string name) => (int)System.Runtime.InteropServices.Marshal.OffsetOf<TcgContext>(name);

    /// <summary>Leaves with <c>raise sig, addr</c>: EIP already holds the faulting pc.</summary>
    public static void Raise(CodeGenerator g, in Op op)
    {
        g.Emit(Instruction.Create(Code.Mov_rm32_imm32, g.Ctx(RaiseSignalField), op.Imm));
        if (op.S0 >= 0)
        {
            g.MovToReg(Register.EAX, g.L(op.S0));
            g.Emit(Instruction.Create(Code.Mov_rm32_r32, g.Ctx(RaiseAddressField), Register.EAX));
        }
        g.Emit(Instruction.Create(Code.Mov_rm32_imm32, g.Ctx(RaiseHasAddressField), op.S0 >= 0 ? 1u : 0u));
        g.JumpToEpilogue(ExitKind.Raise);
    }

    /// <summary>
    /// At the start of an instruction after one that stored: if that store (or a helper's write) invalidated
    /// translated code (<see cref="TcgContext.CodeWritePending"/>), leave for the engine at this instruction
    /// (the rest of the block may be stale), as interp does.
    /// </summary>
    public static void CodeModifiedCheck(CodeGenerator g, uint pc) => CodeModifiedCheck(g, (uint?)pc);

    /// <summary>
    /// The same check at an exit after an instruction that stored (a direct jump to <paramref name="pc"/>, or an
    /// indirect one with EIP already set when null): a store that rewrote code must be seen before any linked
    /// successor, which may be the stale code, runs.
    /// </summary>
    public static void CodeModifiedCheck(CodeGenerator g, uint? pc)
    {
        int modified = g.E.CreateLabel();
        g.Emit(Instruction.Create(Code.Cmp_rm8_imm8, g.Ctx(CodeWritePendingField), 0));
        g.E.Branch(Code.Jne_rel32_64, modified);
        g.OutOfLine(new OutOfLineCode(OutOfLineKind.CodeModifiedExit, modified, Pc: pc ?? 0, HasPc: pc.HasValue));
    }

    private static readonly int CodeWritePendingField = FieldOffset(nameof(TcgContext.CodeWritePending));
}
