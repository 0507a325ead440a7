using Hdbt.Ir;
using Iced.Intel;
using IcedRegister = Iced.Intel.Register;

namespace Hdbt.Frontend;

/// <summary>SSE/SSE2/MMX data movement: vector moves and stores, movd/movq, mask extraction, MXCSR, emms.</summary>
public static class SseMove
{
    public static void Register(HandlerTable t)
    {
        var aligned = SseEmit.Move(SseOp.MovA, SseOp.MovA, SseOp.StoreA16);
        var unaligned = SseEmit.Move(SseOp.MovU, SseOp.MovU, SseOp.StoreU16);
        t.Add(aligned, Mnemonic.Movaps, Mnemonic.Movapd, Mnemonic.Movdqa);
        t.Add(unaligned, Mnemonic.Movups, Mnemonic.Movupd, Mnemonic.Movdqu);
        // Non-temporal stores need their 16-byte operand aligned like movaps; movntq stores an MMX register.
        t.Add(ctx => SseEmit.Store(ctx, SseOp.StoreA16), Mnemonic.Movntps, Mnemonic.Movntpd, Mnemonic.Movntdq);
        t.Add(Mnemonic.Movntq, ctx => SseEmit.Store(ctx, SseOp.StoreLow8));
        t.Add(Mnemonic.Movnti, ctx => ctx.Write(0, ctx.Read(1)));
        t.Add(Mnemonic.Movss, SseEmit.Move(SseOp.MovLow4, SseOp.MovssMem, SseOp.StoreLow4));
        var movsdSse = SseEmit.Move(SseOp.MovLow8, SseOp.MovQ, SseOp.StoreLow8);
        var movsdString = t.Get(Mnemonic.Movsd) ?? throw new InvalidOperationException("string movsd must be registered first");
        t.Replace(Mnemonic.Movsd, ctx => { if (SseEmit.HasXmm(ctx.Insn)) movsdSse(ctx); else movsdString(ctx); });
        var low = SseEmit.Move(SseOp.MovLow8, SseOp.MovLow8, SseOp.StoreLow8);
        var high = SseEmit.Move(SseOp.MovHigh8, SseOp.MovHigh8, SseOp.StoreHigh8);
        t.Add(low, Mnemonic.Movlps, Mnemonic.Movlpd);
        t.Add(high, Mnemonic.Movhps, Mnemonic.Movhpd);
        t.Add(Mnemonic.Movlhps, ctx => SseEmit.Op(ctx, SseOp.MovHigh8));
        t.Add(Mnemonic.Movhlps, ctx => SseEmit.Op(ctx, SseOp.MovHlps));
        t.Add(Mnemonic.Movq, Movq);
        t.Add(Mnemonic.Movq2dq, ctx => SseEmit.Op(ctx, SseOp.MovQ));
        t.Add(Mnemonic.Movdq2q, ctx => SseEmit.Op(ctx, SseOp.MovU));
        t.Add(Mnemonic.Movd, Movd);
        t.Add(Mnemonic.Pmovmskb, ctx => ctx.WriteReg(ctx.Insn.Op0Register, SseEmit.ToGpr(ctx, SseOp.Pmovmskb, 1)));
        t.Add(Mnemonic.Movmskps, ctx => ctx.WriteReg(ctx.Insn.Op0Register, SseEmit.ToGpr(ctx, SseOp.Movmskps, 1)));
        t.Add(Mnemonic.Movmskpd, ctx => ctx.WriteReg(ctx.Insn.Op0Register, SseEmit.ToGpr(ctx, SseOp.Movmskpd, 1)));
        t.Add(Mnemonic.Pextrw, ctx => ctx.WriteReg(ctx.Insn.Op0Register, SseEmit.ToGpr(ctx, SseOp.Pextrw, 1)));
        t.Add(Mnemonic.Pinsrw, Pinsrw);
        t.Add(Mnemonic.Maskmovq, MaskMov);
        t.Add(Mnemonic.Maskmovdqu, MaskMov);
        t.Add(Mnemonic.Ldmxcsr, ctx =>
        {
            int value = ctx.Load(4, ctx.MemoryAddress());
            SseEmit.FromGpr(ctx, SseOp.Ldmxcsr, 0, false, value);
        });
        t.Add(Mnemonic.Stmxcsr, ctx =>
        {
            int address = ctx.MemoryAddress();
            ctx.SyncPc();
            int value = ctx.B.Call(HelperId.SseToGpr, ctx.B.Const((uint)SseOp.Stmxcsr), ctx.B.Const(0), ctx.B.Const(0));
            ctx.Store(4, value, address);
        });
        t.Add(Mnemonic.Emms, ctx => ctx.B.Call(HelperId.Emms));
        // clflush has nothing to flush in hdbt, but it faults like a byte load on an unmapped address.
        t.Add(Mnemonic.Clflush, ctx => ctx.Load(1, ctx.MemoryAddress()));
    }

    private static void Movq(FrontendContext ctx)
    {
        var i = ctx.Insn;
        if (i.Op0Kind == OpKind.Memory)
        {
            SseEmit.Store(ctx, SseOp.StoreLow8);
            return;
        }
        var (_, mm) = SseEmit.Reg(i.Op0Register);
        // movq mm, mm/m64 copies 8 bytes; movq xmm, xmm/m64 zeroes the upper half.
        SseEmit.Op(ctx, mm ? SseOp.MovU : SseOp.MovQ);
    }

    private static void Movd(FrontendContext ctx)
    {
        var i = ctx.Insn;
        if (i.Op0Kind == OpKind.Register && (i.Op0Register.IsXMM() || i.Op0Register.IsMM()))
        {
            var (d, mm) = SseEmit.Reg(i.Op0Register);
            int value = ctx.Read(1);
            SseEmit.FromGpr(ctx, SseOp.MovdFromGpr, d, mm, value);
            return;
        }
        var (s, smm) = SseEmit.Reg(i.Op1Register);
        ctx.SyncPc();
        int v = ctx.B.Call(HelperId.SseToGpr, ctx.B.Const(SseOpBits.Pack(SseOp.MovdToGpr, smm ? SseOpBits.SrcMm : 0)),
            ctx.B.Const(s), ctx.B.Const(0));
        ctx.Write(0, v);
    }

    private static void Pinsrw(FrontendContext ctx)
    {
        var i = ctx.Insn;
        var (d, mm) = SseEmit.Reg(i.Op0Register);
        int value = i.Op1Kind == OpKind.Memory ? ctx.Load(2, ctx.MemoryAddress()) : ctx.ReadReg(i.Op1Register);
        SseEmit.FromGpr(ctx, SseOp.Pinsrw, d, mm, value);
    }

    /// <summary>maskmovq/maskmovdqu: the bytes of operand 1 whose mask byte (operand 2) has its top bit go to [edi].</summary>
    private static void MaskMov(FrontendContext ctx)
    {
        var i = ctx.Insn;
        var (data, mm) = SseEmit.Reg(i.Op1Register);
        var (mask, _) = SseEmit.Reg(i.Op2Register);
        int address = ctx.AddSegmentBase(ctx.ReadReg(IcedRegister.EDI), i.MemorySegment);
        ctx.SyncPc();
        ctx.B.Call(HelperId.SseStore, ctx.B.Const(SseOpBits.Pack(SseOp.MaskMov, mm ? SseOpBits.SrcMm : 0)),
            ctx.B.Const(SseOpBits.MaskMovRegisters(data, mask)), address);
    }
}
