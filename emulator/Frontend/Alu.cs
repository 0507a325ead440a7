using Hdbt.Guest;
using Hdbt.Ir;
using Iced.Intel;

namespace Hdbt.Frontend;

/// <summary>Two-operand arithmetic and logic (add, or, adc, sbb, and, sub, xor, cmp, test) and inc, dec, neg, not.</summary>
public static class Alu
{
    public static void Register(HandlerTable t)
    {
        t.Add(Binary, Mnemonic.Add, Mnemonic.Or, Mnemonic.Adc, Mnemonic.Sbb, Mnemonic.And, Mnemonic.Sub,
            Mnemonic.Xor, Mnemonic.Cmp, Mnemonic.Test);
        t.Add(IncDec, Mnemonic.Inc, Mnemonic.Dec);
        t.Add(Mnemonic.Neg, Neg);
        t.Add(Mnemonic.Not, Not);
    }

    private static void Binary(FrontendContext ctx)
    {
        var b = ctx.B;
        Operand dst = ctx.Resolve(0), src = ctx.Resolve(1);
        int size = dst.Size;
        int x = ctx.Read(dst), y = ctx.Read(src);
        int r;
        switch (ctx.Insn.Mnemonic)
        {
            case Mnemonic.Add:
                r = b.Add(x, y);
                ctx.Write(dst, r);
                ctx.SetFlags(CcOp.AddB, size, r, y);
                break;
            case Mnemonic.Adc:
            {
                int c = ctx.Carry();
                r = b.Add(b.Add(x, y), c);
                ctx.Write(dst, r);
                ctx.SetFlags(CcOp.AdcB, size, r, y, c);
                break;
            }
            case Mnemonic.Sub or Mnemonic.Cmp:
                r = b.Sub(x, y);
                if (ctx.Insn.Mnemonic == Mnemonic.Sub) ctx.Write(dst, r);
                ctx.SetFlags(CcOp.SubB, size, r, y);
                break;
            case Mnemonic.Sbb:
            {
                int c = ctx.Carry();
                r = b.Sub(b.Sub(x, y), c);
                ctx.Write(dst, r);
                ctx.SetFlags(CcOp.SbbB, size, r, y, c);
                break;
            }
            default:
                Opcode code = ctx.Insn.Mnemonic switch
                {
                    Mnemonic.And or Mnemonic.Test => Opcode.And,
                    Mnemonic.Or => Opcode.Or,
                    _ => Opcode.Xor,
                };
                r = b.Binary(code, x, y);
                if (ctx.Insn.Mnemonic != Mnemonic.Test) ctx.Write(dst, r);
                ctx.SetFlags(CcOp.LogicB, size, r);
                break;
        }
    }

    private static void IncDec(FrontendContext ctx)
    {
        Operand dst = ctx.Resolve(0);
        int carry = ctx.Carry();
        int x = ctx.Read(dst);
        bool inc = ctx.Insn.Mnemonic == Mnemonic.Inc;
        int r = inc ? ctx.B.AddI(x, 1) : ctx.B.Sub(x, ctx.B.Const(1));
        ctx.Write(dst, r);
        ctx.SetFlags(inc ? CcOp.IncB : CcOp.DecB, dst.Size, r, carry);
    }

    private static void Neg(FrontendContext ctx)
    {
        Operand dst = ctx.Resolve(0);
        int x = ctx.Read(dst);
        int r = ctx.B.Unary(Opcode.Neg, x);
        ctx.Write(dst, r);
        // neg is 0 - x: as a subtraction, first operand 0 = dst + src.
        ctx.SetFlags(CcOp.SubB, dst.Size, r, x);
    }

    private static void Not(FrontendContext ctx)
    {
        Operand dst = ctx.Resolve(0);
        ctx.Write(dst, ctx.B.Unary(Opcode.Not, ctx.Read(dst)));
    }
}
