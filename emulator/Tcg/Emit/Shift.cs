using System.Numerics;
using Hdbt.Ir;
using Iced.Intel;

namespace Hdbt.Tcg.Emit;

/// <summary>Emission of shifts and rotates (counts modulo 32, as x86's 32-bit forms do in hardware).</summary>
public static class Shift
{
    public static void Emit(CodeGenerator g, in Op op)
    {
        Loc d = g.L(op.D0), a = g.L(op.S0), n = g.L(op.S1);
        if (a.IsImm && n.IsImm)
        {
            int c = (int)(n.Imm & 31);
            uint v = op.Code switch
            {
                Opcode.Shl => a.Imm << c,
                Opcode.Shr => a.Imm >> c,
                Opcode.Sar => (uint)((int)a.Imm >> c),
                Opcode.Rotl => BitOperations.RotateLeft(a.Imm, c),
                _ => BitOperations.RotateRight(a.Imm, c),
            };
            g.Move(d, Loc.Const(v));
            return;
        }
        (Code imm, Code cl) = op.Code switch
        {
            Opcode.Shl => (Code.Shl_rm32_imm8, Code.Shl_rm32_CL),
            Opcode.Shr => (Code.Shr_rm32_imm8, Code.Shr_rm32_CL),
            Opcode.Sar => (Code.Sar_rm32_imm8, Code.Sar_rm32_CL),
            Opcode.Rotl => (Code.Rol_rm32_imm8, Code.Rol_rm32_CL),
            _ => (Code.Ror_rm32_imm8, Code.Ror_rm32_CL),
        };
        if (n.IsImm)
        {
            int c = (int)(n.Imm & 31);
            if (d.IsReg)
            {
                g.MovToReg(d.R32, a);
                if (c != 0) g.Emit(Instruction.Create(imm, d.R32, c));
            }
            else if (d.SameAs(a)) { if (c != 0) g.Emit(Instruction.Create(imm, d.Memory, c)); }
            else
            {
                g.MovToReg(Register.EAX, a);
                if (c != 0) g.Emit(Instruction.Create(imm, Register.EAX, c));
                g.MovFromReg(d, Register.EAX);
            }
            return;
        }
        g.MovToReg(Register.ECX, n);
        g.MovToReg(Register.EAX, a);
        g.Emit(Instruction.Create(cl, Register.EAX, Register.CL));
        g.MovFromReg(d, Register.EAX);
    }
}
