using Hdbt.Ir;
using Iced.Intel;

namespace Hdbt.Tcg.Emit;

/// <summary>
/// Emission of helper calls, generic over <see cref="HelperTable"/>: every helper goes through the
/// shared helper stub and the one catching trampoline of <see cref="TcgRuntime"/>, with the pinned
/// guest registers in CpuState around the call. Helpers that may fault or touch guest memory are
/// followed by a check that leaves through a fault exit.
/// </summary>
public static class Call
{
    public static void Emit(CodeGenerator g, in Op op)
    {
        if (Sse.TryEmit(g, op)) return;
        EmitCall(g, op, g.CurrentPc);
        if ((HelperId)op.Imm is HelperId.GprToSse or HelperId.X87Control) Sse.MaskStateCheck(g);
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
