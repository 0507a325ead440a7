using Hdbt.Ir;
using Iced.Intel;

namespace Hdbt.Tcg.Emit;

/// <summary>Emission of the arithmetic and logic ops: add, sub, mul, and, or, xor, neg, not, setcond, select.</summary>
public static class Alu
{
    public static void Binary(CodeGenerator g, in Op op)
    {
        AluKind kind = op.Code switch
        {
            Opcode.Add => AluKind.Add,
            Opcode.Sub => AluKind.Sub,
            Opcode.Mul => AluKind.Imul,
            Opcode.And => AluKind.And,
            Opcode.Or => AluKind.Or,
            _ => AluKind.Xor,
        };
        Loc d = g.L(op.D0), a = g.L(op.S0), b = g.L(op.S1);
        if (a.IsImm && b.IsImm)
        {
            g.Move(d, Loc.Const(ConstantFold(op.Code, a.Imm, b.Imm)));
            return;
        }
        // d = a + b into a register other than a's: one lea (no flags are needed; IR ops never read host flags).
        if (kind == AluKind.Add && d.IsReg && a.IsReg && !d.SameAs(a) && (b.IsReg || b.IsImm))
        {
            var m = b.IsReg ? new MemoryOperand(a.Reg, b.Reg, 1) : new MemoryOperand(a.Reg, (long)(int)b.Imm);
            g.Emit(Instruction.Create(Code.Lea_r32_m, d.R32, m));
            return;
        }
        bool commutative = kind is not AluKind.Sub;
        if (d.IsReg && d.SameAs(b) && !d.SameAs(a))
        {
            if (commutative) { g.Arith(kind, d.R32, a); return; }
            g.MovToReg(Register.EAX, a);
            g.Arith(kind, Register.EAX, b);
            g.MovFromReg(d, Register.EAX);
            return;
        }
        if (d.IsReg)
        {
            g.MovToReg(d.R32, a);
            g.Arith(kind, d.R32, b);
            return;
        }
        // Memory destination: add [mem], reg/imm when it is also the first operand (flag fields, globals).
        if (d.SameAs(a) && kind != AluKind.Imul && !b.IsMem)
        {
            var c = AluCodes.Of(kind);
            if (b.IsReg) g.Emit(Instruction.Create(c.RmReg, d.Memory, b.R32));
            else if ((int)b.Imm is >= -128 and <= 127) g.Emit(Instruction.Create(c.RmImm8, d.Memory, (int)b.Imm));
            else g.Emit(Instruction.Create(c.RmImm32, d.Memory, b.Imm));
            return;
        }
        g.MovToReg(Register.EAX, a);
        g.Arith(kind, Register.EAX, b);
        g.MovFromReg(d, Register.EAX);
    }

    private static uint ConstantFold(Opcode code, uint a, uint b) => code switch
    {
        Opcode.Add => a + b,
        Opcode.Sub => a - b,
        Opcode.Mul => a * b,
        Opcode.And => a & b,
        Opcode.Or => a | b,
        _ => a ^ b,
    };

    public static void Unary(CodeGenerator g, in Op op)
    {
        Loc d = g.L(op.D0), a = g.L(op.S0);
        if (a.IsImm)
        {
            g.Move(d, Loc.Const(op.Code == Opcode.Neg ? 0 - a.Imm : ~a.Imm));
            return;
        }
        Code code = op.Code == Opcode.Neg ? Code.Neg_rm32 : Code.Not_rm32;
        if (d.IsReg)
        {
            g.MovToReg(d.R32, a);
            g.Emit(Instruction.Create(code, d.R32));
        }
        else if (d.SameAs(a)) g.Emit(Instruction.Create(code, d.Memory));
        else
        {
            g.MovToReg(Register.EAX, a);
            g.Emit(Instruction.Create(code, Register.EAX));
            g.MovFromReg(d, Register.EAX);
        }
    }

    public static void SetCond(CodeGenerator g, in Op op)
    {
        Loc d = g.L(op.D0), a = g.L(op.S0), b = g.L(op.S1);
        if (op.Cond is Cond.Always or Cond.Never || (a.IsImm && b.IsImm))
        {
            bool v = op.Cond is Cond.Always || (op.Cond is not Cond.Never && op.Cond.Evaluate(a.Imm, b.Imm));
            g.Move(d, Loc.Const(v ? 1u : 0u));
            return;
        }
        g.Compare(a, b, op.Cond is Cond.TstEq or Cond.TstNe);
        g.Emit(Instruction.Create(Conditions.Setcc(op.Cond), Register.AL));
        g.Emit(Instruction.Create(Code.Movzx_r32_rm8, Register.EAX, Register.AL));
        g.MovFromReg(d, Register.EAX);
    }

    public static void Select(CodeGenerator g, in Op op)
    {
        Loc d = g.L(op.D0), c = g.L(op.S0), t = g.L(op.S1), f = g.L(op.S2);
        if (c.IsImm)
        {
            g.Move(d, c.Imm != 0 ? t : f);
            return;
        }
        // eax = f; ecx = t (cmov takes no immediate); test c; cmovne eax, t.
        g.MovToReg(Register.EAX, f);
        Loc src = t;
        if (t.IsImm) { g.MovToReg(Register.ECX, t); src = Loc.InReg(Register.RCX); }
        g.Compare(c, c.IsReg ? c : Loc.Const(0), c.IsReg);
        if (src.IsReg) g.Emit(Instruction.Create(Code.Cmovne_r32_rm32, Register.EAX, src.R32));
        else g.Emit(Instruction.Create(Code.Cmovne_r32_rm32, Register.EAX, src.Memory));
        g.MovFromReg(d, Register.EAX);
    }
}
