using Hdbt.Guest;
using Hdbt.Ir;
using Iced.Intel;
using IcedRegister = Iced.Intel.Register;

namespace Hdbt.Frontend;

/// <summary>Multiplication and division: mul, imul (one, two and three operands), div, idiv.</summary>
/// <remarks>
/// Multiplications record <see cref="CcOp.MulB"/> flags: CF = OF = "the high half is significant".
/// SF, ZF, AF and PF are undefined (AMD parts leave them unchanged; the lazy op derives them from the
/// low result, which costs nothing when they are dead). Divisions leave the flags alone (all undefined).
/// </remarks>
public static class MulDiv
{
    public static void Register(HandlerTable t)
    {
        t.Add(Mnemonic.Mul, ctx => WideMultiply(ctx, signed: false));
        t.Add(Mnemonic.Imul, Imul);
        t.Add(Divide, Mnemonic.Div, Mnemonic.Idiv);
    }

    private static void Imul(FrontendContext ctx)
    {
        if (ctx.Insn.OpCount == 1) WideMultiply(ctx, signed: true);
        else TruncatedMultiply(ctx);
    }

    /// <summary>One-operand mul/imul: AX = AL * src, DX:AX = AX * src, EDX:EAX = EAX * src.</summary>
    private static void WideMultiply(FrontendContext ctx, bool signed)
    {
        var b = ctx.B;
        int size = ctx.OpSize(0);
        int src = ctx.Read(0);
        int low, significant;
        switch (size)
        {
            case 1:
            {
                int al = ctx.ReadReg(IcedRegister.AL);
                int p = signed ? b.Binary(Opcode.Mul, b.Unary(Opcode.Ext8S, al), b.Unary(Opcode.Ext8S, src)) : b.Binary(Opcode.Mul, al, src);
                ctx.WriteReg(IcedRegister.AX, p);
                low = p;
                significant = signed ? b.SetCond(Cond.Ne, p, b.Unary(Opcode.Ext8S, p)) : b.Shr(p, b.Const(8));
                break;
            }
            case 2:
            {
                int ax = ctx.ReadReg(IcedRegister.AX);
                // 16 x 16 bits fit in 32 (as signed values too), so one 32-bit multiply gives DX:AX.
                int p = signed ? b.Binary(Opcode.Mul, b.Unary(Opcode.Ext16S, ax), b.Unary(Opcode.Ext16S, src)) : b.Binary(Opcode.Mul, ax, src);
                ctx.WriteReg(IcedRegister.AX, p);
                ctx.WriteReg(IcedRegister.DX, b.Shr(p, b.Const(16)));
                low = p;
                significant = signed ? b.SetCond(Cond.Ne, p, b.Unary(Opcode.Ext16S, p)) : b.Shr(p, b.Const(16));
                break;
            }
            default:
            {
                var (lo, hi) = b.MulDouble(signed, ctx.ReadReg(IcedRegister.EAX), src);
                ctx.WriteReg(IcedRegister.EAX, lo);
                ctx.WriteReg(IcedRegister.EDX, hi);
                low = lo;
                significant = signed ? b.SetCond(Cond.Ne, hi, b.Sar(lo, b.Const(31))) : hi;
                break;
            }
        }
        ctx.SetFlags(CcOp.MulB, size, low, significant);
    }

    /// <summary>imul r, r/m and imul r, r/m, imm: the product truncated to the operand size.</summary>
    private static void TruncatedMultiply(FrontendContext ctx)
    {
        var b = ctx.B;
        var reg = ctx.Insn.Op0Register;
        int size = reg.GetSize();
        bool three = ctx.Insn.OpCount == 3;
        int x = three ? ctx.Read(1) : ctx.ReadReg(reg);
        int y = ctx.Read(three ? 2 : 1);
        int low, significant;
        if (size == 2)
        {
            low = b.Binary(Opcode.Mul, b.Unary(Opcode.Ext16S, x), b.Unary(Opcode.Ext16S, y));
            significant = b.SetCond(Cond.Ne, low, b.Unary(Opcode.Ext16S, low));
        }
        else
        {
            var (lo, hi) = b.MulDouble(true, x, y);
            low = lo;
            significant = b.SetCond(Cond.Ne, hi, b.Sar(lo, b.Const(31)));
        }
        ctx.WriteReg(reg, low);
        ctx.SetFlags(CcOp.MulB, size, low, significant);
    }

    private static void Divide(FrontendContext ctx)
    {
        bool signed = ctx.Insn.Mnemonic == Mnemonic.Idiv;
        int size = ctx.OpSize(0);
        HelperId helper = (size, signed) switch
        {
            (1, false) => HelperId.DivB,
            (2, false) => HelperId.DivW,
            (4, false) => HelperId.DivL,
            (1, true) => HelperId.IdivB,
            (2, true) => HelperId.IdivW,
            _ => HelperId.IdivL,
        };
        int divisor = ctx.Read(0);
        // The helper raises SIGFPE on a zero divisor or a quotient that does not fit.
        ctx.SyncPc();
        ctx.B.Call(helper, divisor);
    }
}
