using Hdbt.Ir;
using Iced.Intel;

namespace Hdbt.Frontend;

/// <summary>SSE/SSE2 conversions between floats, doubles and int32 (vector, MMX and general-register forms).</summary>
public static class SseConvert
{
    public static void Register(HandlerTable t)
    {
        (Mnemonic, SseOp)[] vector =
        [
            (Mnemonic.Cvtps2pd, SseOp.Cvtps2pd), (Mnemonic.Cvtpd2ps, SseOp.Cvtpd2ps), (Mnemonic.Cvtss2sd, SseOp.Cvtss2sd),
            (Mnemonic.Cvtsd2ss, SseOp.Cvtsd2ss), (Mnemonic.Cvtdq2ps, SseOp.Cvtdq2ps), (Mnemonic.Cvtps2dq, SseOp.Cvtps2dq),
            (Mnemonic.Cvttps2dq, SseOp.Cvttps2dq), (Mnemonic.Cvtdq2pd, SseOp.Cvtdq2pd), (Mnemonic.Cvtpd2dq, SseOp.Cvtpd2dq),
            (Mnemonic.Cvttpd2dq, SseOp.Cvttpd2dq), (Mnemonic.Cvtpi2ps, SseOp.Cvtpi2ps), (Mnemonic.Cvtps2pi, SseOp.Cvtps2pi),
            (Mnemonic.Cvttps2pi, SseOp.Cvttps2pi), (Mnemonic.Cvtpi2pd, SseOp.Cvtpi2pd), (Mnemonic.Cvtpd2pi, SseOp.Cvtpd2pi),
            (Mnemonic.Cvttpd2pi, SseOp.Cvttpd2pi),
        ];
        foreach (var (m, op) in vector) SseEmit.Add(t, m, op);
        t.Add(Mnemonic.Cvtsi2ss, ctx => FromInt(ctx, SseOp.Cvtsi2ss));
        t.Add(Mnemonic.Cvtsi2sd, ctx => FromInt(ctx, SseOp.Cvtsi2sd));
        t.Add(Mnemonic.Cvtss2si, ctx => ToInt(ctx, SseOp.Cvtss2si));
        t.Add(Mnemonic.Cvttss2si, ctx => ToInt(ctx, SseOp.Cvttss2si));
        t.Add(Mnemonic.Cvtsd2si, ctx => ToInt(ctx, SseOp.Cvtsd2si));
        t.Add(Mnemonic.Cvttsd2si, ctx => ToInt(ctx, SseOp.Cvttsd2si));
    }

    private static void FromInt(FrontendContext ctx, SseOp op)
    {
        var (d, _) = SseEmit.Reg(ctx.Insn.Op0Register);
        SseEmit.FromGpr(ctx, op, d, false, ctx.Read(1));
    }

    private static void ToInt(FrontendContext ctx, SseOp op) => ctx.WriteReg(ctx.Insn.Op0Register, SseEmit.ToGpr(ctx, op, 1));
}
