using Hdbt.Backend;
using Hdbt.Ir;

namespace Hdbt.Llvm.Lower;

/// <summary>
/// Lowering of control flow: labels and branches inside the block become LLVM basic blocks; the block's exits
/// (goto_tb, raise, and the code-modified check after an instruction that stored) leave through the shared exit.
/// </summary>
public static unsafe class Branch
{
    public static void Label(FunctionBuilder f, in Op op)
    {
        var target = f.LabelBlock(op.Imm);
        // Falling into the label (or, from unreachable code, a harmless branch LLVM drops).
        f.Api.BuildBr(f.B, target);
        f.PositionAtLabel(target);
    }

    public static void Br(FunctionBuilder f, in Op op) => f.Jump(f.LabelBlock(op.Imm));

    public static void BrCond(FunctionBuilder f, in Op op)
    {
        if (op.Cond == Cond.Never) return;
        if (op.Cond == Cond.Always)
        {
            f.Jump(f.LabelBlock(op.Imm));
            return;
        }
        var c = f.Compare(op.Cond, f.Value(op.S0), f.Value(op.S1));
        var next = f.NewBlock("next");
        f.Api.BuildCondBr(f.B, c, f.LabelBlock(op.Imm), next);
        f.PositionAt(next);
    }

    /// <summary>
    /// A direct exit to guest pc Imm through chaining slot <see cref="Op.Slot"/>: EIP = pc, exit word
    /// <see cref="ExitKind.Jump"/> with the unit id and slot above the kind (<see cref="ExitPayload"/>, tcg's encoding).
    /// </summary>
    public static void Goto(FunctionBuilder f, in Op op)
    {
        f.SetEip(op.Imm);
        f.Exit(ExitKind.Jump, ExitPayload.Encode(0, f.UnitId, op.Slot));
    }

    /// <summary>Leaves with <c>raise sig, addr</c>: the signal and address go to the unit context; EIP already holds the faulting pc.</summary>
    public static void Raise(FunctionBuilder f, in Op op)
    {
        var a = f.Api;
        a.Store(f.B, f.Const(op.Imm), f.ContextField(LlvmUnitContext.RaiseSignalOffset), 4);
        if (op.S0 >= 0) a.Store(f.B, f.Value(op.S0), f.ContextField(LlvmUnitContext.RaiseAddressOffset), 4);
        a.Store(f.B, f.Const(op.S0 >= 0 ? 1u : 0u), f.ContextField(LlvmUnitContext.RaiseHasAddressOffset), 4);
        f.Exit(ExitKind.Raise);
    }

    /// <summary>
    /// At the start of an instruction after one that stored: if that write invalidated this unit
    /// (<see cref="FunctionBuilder.NoteCodeWrite"/>), leave at this instruction with
    /// <see cref="ExitKind.CodeModified"/> (the rest of the unit may be stale), as interp and tcg do.
    /// </summary>
    public static void CodeModifiedCheck(FunctionBuilder f, uint pc)
    {
        var a = f.Api;
        var modified = f.CodeModified();
        var leave = f.NewBlock("code_modified");
        var next = f.NewBlock("insn");
        a.BuildCondBr(f.B, f.Expect(modified, false), leave, next);
        f.PositionAt(leave);
        f.SetEip(pc);
        f.ExitAndContinueAt(ExitKind.CodeModified, next);
    }
}
