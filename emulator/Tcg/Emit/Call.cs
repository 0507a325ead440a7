using Hdbt.Backend;
using System.Runtime.InteropServices;
using Hdbt.Guest;
using Hdbt.Ir;
using Iced.Intel;

namespace Hdbt.Tcg.Emit;

/// <summary>
/// Emission of helper calls, generic over <see cref="HelperTable"/>: every helper goes through the
/// shared helper stub and the one catching trampoline of <see cref="Helpers.HelperAbi"/>, with the pinned
/// guest registers in CpuState around the call. Helpers that may fault or touch guest memory are
/// followed by a check that leaves through a fault exit.
/// </summary>
public static class Call
{
    public static void Emit(CodeGenerator g, in Op op)
    {
        if (Sse.TryEmit(g, op) || X87.TryEmit(g, op) || MulDiv.TryDivide(g, op)) return;
        EmitCall(g, op, g.CurrentPc);
        var id = (HelperId)op.Imm;
        if (id is HelperId.GprToSse or HelperId.X87Control
            || (id == HelperId.X87Unary && g.L(op.S0) is { IsImm: true, Imm: (uint)X87Unary.Fninit }))
            MaskStateCheck(g, g.NextInsnPc());
    }

    /// <summary>The helper call out of line at <paramref name="slow"/>, back to <paramref name="done"/>.</summary>
    internal static void SlowCall(CodeGenerator g, Op op, int slow, int done)
    {
        g.OutOfLine(new OutOfLineCode(OutOfLineKind.SlowCall, slow, done, g.CurrentPc, Op: op));
    }

    private static readonly int FpControlOffset = (int)Marshal.OffsetOf<CpuState>(nameof(CpuState.FpControl));

    /// <summary>
    /// After a helper that may load MXCSR or the x87 control word (ldmxcsr, fldcw, fldenv, frstor,
    /// fxrstor, finit): if the guest's SIMD or x87 exception masks are no longer what this block was
    /// generated for, leave at the next instruction so the dispatcher flushes the code cache (inline
    /// SSE and x87 must not run with an unmasked guest exception, and code generated without them
    /// should not stay slow). <paramref name="next"/> is the pc to leave at.
    /// </summary>
    internal static void MaskStateCheck(CodeGenerator g, uint next)
    {
        int leave = g.E.CreateLabel();
        g.Emit(Instruction.Create(Code.Mov_r32_rm32, Register.EAX, CodeGenerator.GuestMxcsr));
        g.Emit(Instruction.Create(Code.And_rm32_imm32, Register.EAX, CodeGenerator.MxcsrMasks));
        g.Emit(Instruction.Create(Code.Cmp_rm32_imm32, Register.EAX, CodeGenerator.MxcsrMasks));
        g.E.Branch(g.InlineSse ? Code.Jne_rel32_64 : Code.Je_rel32_64, leave);
        g.Emit(Instruction.Create(Code.Movzx_r32_rm16, Register.EAX, new MemoryOperand(HostRegs.Cpu, FpControlOffset)));
        g.Emit(Instruction.Create(Code.And_rm32_imm32, Register.EAX, X87.ControlMasks));
        g.Emit(Instruction.Create(Code.Cmp_rm32_imm32, Register.EAX, X87.ControlMasks));
        g.E.Branch(g.InlineX87 ? Code.Jne_rel32_64 : Code.Je_rel32_64, leave);
        g.OutOfLine(new OutOfLineCode(OutOfLineKind.CodeModifiedExit, leave, Pc: next));
    }

    /// <summary>The call through the helper stub; <paramref name="pc"/> is the instruction a fault is reported at.</summary>
    internal static void EmitCall(CodeGenerator g, in Op op, uint pc)
    {
        var info = HelperTable.Get((HelperId)op.Imm);
        // Arguments are staged in the frame (argument registers overlap pinned and local registers).
        Stage(g, op.S0, 0);
        Stage(g, op.S1, 1);
        Stage(g, op.S2, 2);
        Stage(g, op.S3, 3);
        if ((HelperId)op.Imm is HelperId.ComputeCarry or HelperId.ComputeEflags)
        {
            // Pure and hot: computed in host code, no call into C#.
            g.E.CallTo((HelperId)op.Imm == HelperId.ComputeCarry ? g.CarryStub : g.EflagsStub);
            if (op.D0 >= 0) g.MovFromReg(g.L(op.D0), Register.EAX);
            return;
        }
        g.Emit(Instruction.Create(Code.Mov_r32_imm32, Register.EAX, op.Imm));
        g.E.CallTo(g.HelperStub);
        const HelperEffects mayFault = HelperEffects.CanFault | HelperEffects.ReadsMemory | HelperEffects.WritesMemory;
        if ((info.Effects & mayFault) != 0) g.CheckFault(pc);
        if (op.D0 >= 0) g.MovFromReg(g.L(op.D0), Register.EAX);
        if ((info.Effects & HelperEffects.WritesMemory) != 0) g.StoresInInsn = true;
    }

    private static void Stage(CodeGenerator g, int temp, int index)
    {
        if (temp < 0) return;
        var slot = CodeGenerator.Stack(Frame.Args + 4 * index);
        Loc src = g.L(temp);
        if (src.IsImm) g.Emit(Instruction.Create(Code.Mov_rm32_imm32, slot, src.Imm));
        else g.Emit(Instruction.Create(Code.Mov_rm32_r32, slot, g.InReg(src, Register.EAX)));
    }
}
