using Hdbt.Ir;
using Iced.Intel;

namespace Hdbt.Tcg.Emit;

/// <summary>
/// Emission of helper calls, generic over <see cref="HelperTable"/>: every helper goes through the
/// one catching trampoline of <see cref="TcgRuntime"/>, with the pinned guest registers in
/// CpuState around the call. Helpers that may fault or touch guest memory are followed by a
/// check that leaves through a fault exit.
/// </summary>
public static class Call
{
    public static void Emit(CodeGenerator g, in Op op)
    {
        var info = HelperTable.Get((HelperId)op.Imm);
        int[] srcs = [op.S0, op.S1, op.S2, op.S3];
        uint id = op.Imm;
        // Stage register and memory arguments in the frame first: argument registers overlap temps.
        for (int i = 0; i < 4; i++)
        {
            if (srcs[i] < 0 || g.L(srcs[i]).IsImm) continue;
            g.MovToReg(Register.EAX, g.L(srcs[i]));
            g.Emit(Instruction.Create(Code.Mov_rm32_r32, CodeGenerator.Stack(Frame.Args + 4 * i), Register.EAX));
        }
        Register[] argRegs = [Register.EDX, Register.ECX, Register.R8D, Register.R9D];
        g.CallOut(TcgRuntime.CallHelperAddress, () =>
        {
            for (int i = 0; i < 4; i++)
            {
                if (srcs[i] < 0) g.Emit(Instruction.Create(Code.Mov_r32_imm32, argRegs[i], 0u));
                else if (g.L(srcs[i]).IsImm) g.Emit(Instruction.Create(Code.Mov_r32_imm32, argRegs[i], g.L(srcs[i]).Imm));
                else g.Emit(Instruction.Create(Code.Mov_r32_rm32, argRegs[i], CodeGenerator.Stack(Frame.Args + 4 * i)));
            }
            g.Emit(Instruction.Create(Code.Mov_r32_imm32, Register.ESI, id));
        });
        const HelperEffects mayFault = HelperEffects.CanFault | HelperEffects.ReadsMemory | HelperEffects.WritesMemory;
        if ((info.Effects & mayFault) != 0) g.CheckFault();
        if (op.D0 >= 0) g.MovFromReg(g.L(op.D0), Register.EAX);
        if ((info.Effects & HelperEffects.WritesMemory) != 0) g.StoresInInsn = true;
    }
}
