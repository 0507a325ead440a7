using Hdbt.Ir;
using Iced.Intel;

namespace Hdbt.Frontend;

/// <summary>SSE/SSE2 floating-point arithmetic and compares (cmpps/cmpss/cmppd/cmpsd, comiss/ucomiss/comisd/ucomisd).</summary>
public static class SseArith
{
    public static void Register(HandlerTable t)
    {
        (Mnemonic, SseOp)[] simple =
        [
            (Mnemonic.Addps, SseOp.Addps), (Mnemonic.Addss, SseOp.Addss), (Mnemonic.Addpd, SseOp.Addpd), (Mnemonic.Addsd, SseOp.Addsd),
            (Mnemonic.Subps, SseOp.Subps), (Mnemonic.Subss, SseOp.Subss), (Mnemonic.Subpd, SseOp.Subpd), (Mnemonic.Subsd, SseOp.Subsd),
            (Mnemonic.Mulps, SseOp.Mulps), (Mnemonic.Mulss, SseOp.Mulss), (Mnemonic.Mulpd, SseOp.Mulpd), (Mnemonic.Mulsd, SseOp.Mulsd),
            (Mnemonic.Divps, SseOp.Divps), (Mnemonic.Divss, SseOp.Divss), (Mnemonic.Divpd, SseOp.Divpd), (Mnemonic.Divsd, SseOp.Divsd),
            (Mnemonic.Minps, SseOp.Minps), (Mnemonic.Minss, SseOp.Minss), (Mnemonic.Minpd, SseOp.Minpd), (Mnemonic.Minsd, SseOp.Minsd),
            (Mnemonic.Maxps, SseOp.Maxps), (Mnemonic.Maxss, SseOp.Maxss), (Mnemonic.Maxpd, SseOp.Maxpd), (Mnemonic.Maxsd, SseOp.Maxsd),
            (Mnemonic.Sqrtps, SseOp.Sqrtps), (Mnemonic.Sqrtss, SseOp.Sqrtss), (Mnemonic.Sqrtpd, SseOp.Sqrtpd), (Mnemonic.Sqrtsd, SseOp.Sqrtsd),
            (Mnemonic.Rcpps, SseOp.Rcpps), (Mnemonic.Rcpss, SseOp.Rcpss), (Mnemonic.Rsqrtps, SseOp.Rsqrtps), (Mnemonic.Rsqrtss, SseOp.Rsqrtss),
            (Mnemonic.Cmpps, SseOp.Cmpps), (Mnemonic.Cmpss, SseOp.Cmpss), (Mnemonic.Cmppd, SseOp.Cmppd),
        ];
        foreach (var (m, op) in simple) SseEmit.Add(t, m, op);
        var cmpsdString = t.Get(Mnemonic.Cmpsd) ?? throw new InvalidOperationException("string cmpsd must be registered first");
        t.Replace(Mnemonic.Cmpsd, ctx => { if (SseEmit.HasXmm(ctx.Insn)) SseEmit.Op(ctx, SseOp.Cmpsd); else cmpsdString(ctx); });
        t.Add(Mnemonic.Comiss, ctx => Comi(ctx, SseOp.Comiss));
        t.Add(Mnemonic.Ucomiss, ctx => Comi(ctx, SseOp.Ucomiss));
        t.Add(Mnemonic.Comisd, ctx => Comi(ctx, SseOp.Comisd));
        t.Add(Mnemonic.Ucomisd, ctx => Comi(ctx, SseOp.Ucomisd));
    }

    /// <summary>ZF, PF, CF from the compare; OF, SF, AF cleared (recorded as explicit EFLAGS).</summary>
    private static void Comi(FrontendContext ctx, SseOp op)
    {
        var i = ctx.Insn;
        var b = ctx.B;
        var (d, _) = SseEmit.Reg(i.Op0Register);
        int flags;
        ctx.SyncPc();
        if (i.Op1Kind == OpKind.Memory)
            flags = b.Call(HelperId.SseComi, b.Const((uint)op), b.Const(d), ctx.MemoryAddress(), b.Const((uint)i.MemorySize.GetSize()));
        else
            flags = b.Call(HelperId.SseComi, b.Const((uint)op), b.Const(d), b.Const(SseEmit.Reg(i.Op1Register).Index), b.Const(0));
        ctx.SetEflags(flags);
    }
}
