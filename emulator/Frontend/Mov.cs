using Hdbt.Guest;
using Hdbt.Ir;
using Iced.Intel;
using IcedRegister = Iced.Intel.Register;
using Hdbt.Host;

namespace Hdbt.Frontend;

/// <summary>Data movement: mov, movzx, movsx, lea, cmovcc, setcc, bswap, cbw/cwde/cwd/cdq, xlat, segment register moves.</summary>
public static class Mov
{
    public static void Register(HandlerTable t)
    {
        t.Add(Mnemonic.Mov, MovOp);
        t.Add(Extend, Mnemonic.Movzx, Mnemonic.Movsx);
        t.Add(Mnemonic.Lea, Lea);
        t.Add(Mnemonic.Bswap, Bswap);
        t.Add(Convert, Mnemonic.Cbw, Mnemonic.Cwde, Mnemonic.Cwd, Mnemonic.Cdq);
        t.Add(Mnemonic.Xlatb, Xlat);
        t.Add(Cmov, Mnemonic.Cmovo, Mnemonic.Cmovno, Mnemonic.Cmovb, Mnemonic.Cmovae, Mnemonic.Cmove, Mnemonic.Cmovne,
            Mnemonic.Cmovbe, Mnemonic.Cmova, Mnemonic.Cmovs, Mnemonic.Cmovns, Mnemonic.Cmovp, Mnemonic.Cmovnp,
            Mnemonic.Cmovl, Mnemonic.Cmovge, Mnemonic.Cmovle, Mnemonic.Cmovg);
        t.Add(Setcc, Mnemonic.Seto, Mnemonic.Setno, Mnemonic.Setb, Mnemonic.Setae, Mnemonic.Sete, Mnemonic.Setne,
            Mnemonic.Setbe, Mnemonic.Seta, Mnemonic.Sets, Mnemonic.Setns, Mnemonic.Setp, Mnemonic.Setnp,
            Mnemonic.Setl, Mnemonic.Setge, Mnemonic.Setle, Mnemonic.Setg);
    }

    private static void MovOp(FrontendContext ctx)
    {
        var i = ctx.Insn;
        if (i.Op0Kind == OpKind.Register && i.Op0Register.IsSegmentRegister())
        {
            // mov sreg, r/m16: glibc loads %gs with its TLS selector after set_thread_area.
            int selector = ctx.Read(1);
            ctx.SyncPc();
            ctx.B.Call(HelperId.LoadSegment, ctx.SegmentArg(i.Op0Register), selector);
            return;
        }
        if (i.Op1Kind == OpKind.Register && i.Op1Register.IsSegmentRegister())
        {
            int sel = ctx.B.Call(HelperId.ReadSegment, ctx.SegmentArg(i.Op1Register));
            // To a 32-bit register the selector is zero-extended; to memory only 16 bits are written.
            var dst = ctx.Resolve(0);
            ctx.Write(dst, sel);
            return;
        }
        if (i.Op0Kind == OpKind.Register && (i.Op0Register.IsCR() || i.Op0Register.IsDR()) ||
            i.Op1Kind == OpKind.Register && (i.Op1Register.IsCR() || i.Op1Register.IsDR()))
        {
            ctx.Raise(Host.Signals.SIGSEGV, 0);
            return;
        }
        Operand d = ctx.Resolve(0);
        ctx.Write(d, ctx.Read(1));
    }

    private static void Extend(FrontendContext ctx)
    {
        int srcSize = ctx.OpSize(1);
        int v = ctx.Read(1);
        if (ctx.Insn.Mnemonic == Mnemonic.Movsx) v = ctx.SignExtend(srcSize, v);
        ctx.Write(0, v);
    }

    private static void Lea(FrontendContext ctx) => ctx.Write(0, ctx.Lea());

    private static void Bswap(FrontendContext ctx)
    {
        var r = ctx.Insn.Op0Register;
        if (r.GetSize() != 4)
        {
            // bswap of a 16-bit register is undefined; hardware zeroes the low word.
            ctx.WriteReg(r, ctx.B.Const(0));
            return;
        }
        ctx.WriteReg(r, ctx.B.Unary(Opcode.Bswap, ctx.ReadReg(r)));
    }

    private static void Convert(FrontendContext ctx)
    {
        var b = ctx.B;
        switch (ctx.Insn.Mnemonic)
        {
            case Mnemonic.Cbw: ctx.WriteReg(IcedRegister.AX, b.Unary(Opcode.Ext8S, ctx.ReadReg(IcedRegister.EAX))); break;
            case Mnemonic.Cwde: ctx.WriteReg(IcedRegister.EAX, b.Unary(Opcode.Ext16S, ctx.ReadReg(IcedRegister.EAX))); break;
            case Mnemonic.Cwd:
                ctx.WriteReg(IcedRegister.DX, b.Shr(b.Unary(Opcode.Ext16S, ctx.ReadReg(IcedRegister.EAX)), b.Const(16)));
                break;
            default: ctx.WriteReg(IcedRegister.EDX, b.Sar(ctx.ReadReg(IcedRegister.EAX), b.Const(31))); break;
        }
    }

    private static void Xlat(FrontendContext ctx)
    {
        var b = ctx.B;
        int addr = b.Add(ctx.ReadReg(IcedRegister.EBX), ctx.ReadReg(IcedRegister.AL));
        addr = ctx.AddSegmentBase(addr, ctx.Insn.MemorySegment);
        ctx.WriteReg(IcedRegister.AL, ctx.Load(1, addr));
    }

    private static void Cmov(FrontendContext ctx)
    {
        var c = ctx.Condition(ctx.Insn.ConditionCode);
        int cond = ctx.ConditionValue(c);
        // The source is read (and may fault) whether or not the move happens; a 32-bit destination is
        // written (zero-extended) even when the condition is false only in 64-bit mode, so here it is kept.
        int src = ctx.Read(1);
        var dst = ctx.Insn.Op0Register;
        ctx.WriteReg(dst, ctx.B.Select(cond, src, ctx.ReadReg(dst)));
    }

    private static void Setcc(FrontendContext ctx)
    {
        var c = ctx.Condition(ctx.Insn.ConditionCode);
        ctx.Write(0, ctx.ConditionValue(c));
    }
}
