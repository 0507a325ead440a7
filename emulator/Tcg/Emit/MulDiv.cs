using Hdbt.Ir;
using Iced.Intel;

namespace Hdbt.Tcg.Emit;

/// <summary>
/// Emission of the widening multiplies. Division has no IR op: it is a helper (divb..idivl) that
/// checks the divisor and the quotient range in C# before dividing, so generated code never
/// executes a host divide.
/// </summary>
public static class MulDiv
{
    public static void Mul2(CodeGenerator g, in Op op)
    {
        Loc lo = op.D0 >= 0 ? g.L(op.D0) : default, a = g.L(op.S0), b = g.L(op.S1);
        bool signed = op.Code == Opcode.MulS2;
        // A 64-bit imul of the (zero- or sign-) extended operands gives the exact 64-bit product.
        Load64(g, Register.RAX, a, signed);
        Load64(g, Register.RCX, b, signed);
        g.Emit(Instruction.Create(Code.Imul_r64_rm64, Register.RAX, Register.RCX));
        if (op.D0 >= 0) g.MovFromReg(lo, Register.EAX);
        if (op.D1 >= 0)
        {
            g.Emit(Instruction.Create(Code.Shr_rm64_imm8, Register.RAX, 32));
            g.MovFromReg(g.L(op.D1), Register.EAX);
        }
    }

    private static void Load64(CodeGenerator g, Register r64, in Loc src, bool signed)
    {
        Register r32 = HostRegs.R32(r64);
        if (!signed) { g.MovToReg(r32, src); return; }
        switch (src.Kind)
        {
            case LocKind.Reg: g.Emit(Instruction.Create(Code.Movsxd_r64_rm32, r64, src.R32)); break;
            case LocKind.Mem: g.Emit(Instruction.Create(Code.Movsxd_r64_rm32, r64, src.Memory)); break;
            default: g.Emit(Instruction.Create(Code.Mov_r64_imm64, r64, (ulong)(long)(int)src.Imm)); break;
        }
    }
}
