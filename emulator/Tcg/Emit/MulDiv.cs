using Hdbt.Ir;
using Iced.Intel;

namespace Hdbt.Tcg.Emit;

/// <summary>
/// Emission of the widening multiplies, and of the 32-bit division helpers (divl, idivl) as host
/// divides: the divisor and the quotient range are checked first, and any case the host must not
/// divide (zero, a quotient that does not fit, idiv by -1) calls the helper out of line, which
/// raises the guest's divide error or computes it. The 8- and 16-bit forms stay helpers.
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

    /// <summary>divl/idivl inline on the pinned EAX (R8) and EDX (R10); false for the other helpers.</summary>
    public static bool TryDivide(CodeGenerator g, in Op op)
    {
        var id = (HelperId)op.Imm;
        if (id is not (HelperId.DivL or HelperId.IdivL) || op.S0 < 0) return false;
        Register eax = HostRegs.R32(HostRegs.Pinned[0]), edx = HostRegs.R32(HostRegs.Pinned[2]);
        int slow = g.E.CreateLabel(), done = g.E.CreateLabel();
        // Locals do not live across a helper call, so RDX is free; the divisor may be in it.
        g.MovToReg(Register.ECX, g.L(op.S0));
        g.Emit(Instruction.Create(Code.Test_rm32_r32, Register.ECX, Register.ECX));
        g.E.Branch(Code.Je_rel32_64, slow);
        if (id == HelperId.DivL)
        {
            // The quotient fits in 32 bits exactly when EDX < divisor.
            g.Emit(Instruction.Create(Code.Cmp_rm32_r32, edx, Register.ECX));
            g.E.Branch(Code.Jae_rel32_64, slow);
            g.Emit(Instruction.Create(Code.Mov_r32_rm32, Register.EAX, eax));
            g.Emit(Instruction.Create(Code.Mov_r32_rm32, Register.EDX, edx));
            g.Emit(Instruction.Create(Code.Div_rm32, Register.ECX));
        }
        else
        {
            // A 64-bit idiv of the sign-extended EDX:EAX cannot trap once -1 is excluded; the
            // quotient must then fit in 32 bits.
            g.Emit(Instruction.Create(Code.Cmp_rm32_imm8, Register.ECX, -1));
            g.E.Branch(Code.Je_rel32_64, slow);
            g.Emit(Instruction.Create(Code.Mov_r32_rm32, Register.EAX, eax));
            g.Emit(Instruction.Create(Code.Mov_r32_rm32, Register.EDX, edx));
            g.Emit(Instruction.Create(Code.Shl_rm64_imm8, Register.RDX, 32));
            g.Emit(Instruction.Create(Code.Or_r64_rm64, Register.RAX, Register.RDX));
            g.Emit(Instruction.Create(Code.Movsxd_r64_rm32, Register.RCX, Register.ECX));
            g.Emit(Instruction.Create(Code.Cqo));
            g.Emit(Instruction.Create(Code.Idiv_rm64, Register.RCX));
            g.Emit(Instruction.Create(Code.Movsxd_r64_rm32, Register.RCX, Register.EAX));
            g.Emit(Instruction.Create(Code.Cmp_r64_rm64, Register.RCX, Register.RAX));
            g.E.Branch(Code.Jne_rel32_64, slow);
        }
        g.Emit(Instruction.Create(Code.Mov_r32_rm32, eax, Register.EAX));
        g.Emit(Instruction.Create(Code.Mov_r32_rm32, edx, Register.EDX));
        if (op.D0 >= 0 && g.IsRead(op.D0)) g.Move(g.L(op.D0), Loc.Const(0));
        g.Bind(done);
        Call.SlowCall(g, op, slow, done);
        return true;
    }
}
