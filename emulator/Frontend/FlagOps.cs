using Hdbt.Guest;
using Hdbt.Ir;
using Iced.Intel;
using IcedRegister = Iced.Intel.Register;

namespace Hdbt.Frontend;

/// <summary>Direct flag manipulation: clc, stc, cmc, cld, std, lahf, sahf.</summary>
public static class FlagOps
{
    public static void Register(HandlerTable t)
    {
        t.Add(CarryOp, Mnemonic.Clc, Mnemonic.Stc, Mnemonic.Cmc);
        t.Add(Mnemonic.Cld, ctx => ctx.B.Mov(IrBuilder.Global(GlobalSlot.Df), ctx.B.Const(1)));
        t.Add(Mnemonic.Std, ctx => ctx.B.Mov(IrBuilder.Global(GlobalSlot.Df), ctx.B.Const(0xFFFF_FFFF)));
        t.Add(Mnemonic.Lahf, Lahf);
        t.Add(Mnemonic.Sahf, Sahf);
    }

    private static void CarryOp(FrontendContext ctx)
    {
        var b = ctx.B;
        int flags = ctx.ComputeEflags();
        flags = ctx.Insn.Mnemonic switch
        {
            Mnemonic.Clc => b.And(flags, b.Const(~Flags.CF)),
            Mnemonic.Stc => b.Or(flags, b.Const(Flags.CF)),
            _ => b.Xor(flags, b.Const(Flags.CF)),
        };
        ctx.SetEflags(flags);
    }

    private static void Lahf(FrontendContext ctx)
    {
        var b = ctx.B;
        int flags = b.Or(b.And(ctx.ComputeEflags(), b.Const(Flags.SF | Flags.ZF | Flags.AF | Flags.PF | Flags.CF)), b.Const(Flags.Reserved1));
        ctx.WriteReg(IcedRegister.AH, flags);
    }

    private static void Sahf(FrontendContext ctx)
    {
        var b = ctx.B;
        int ah = ctx.ReadReg(IcedRegister.AH);
        int keepOf = b.And(ctx.ComputeEflags(), b.Const(Flags.OF));
        int fromAh = b.And(ah, b.Const(Flags.SF | Flags.ZF | Flags.AF | Flags.PF | Flags.CF));
        ctx.SetEflags(b.Or(keepOf, fromAh));
    }
}
