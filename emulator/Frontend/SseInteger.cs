using Hdbt.Ir;
using Iced.Intel;

namespace Hdbt.Frontend;

/// <summary>
/// Logic, shuffles and integer SIMD on XMM and MMX registers: one operation per mnemonic, the
/// register file (XMM or MMX) taken from the operands. Shifts by an imm8 use their own operations.
/// </summary>
public static class SseInteger
{
    public static void Register(HandlerTable t)
    {
        (Mnemonic, SseOp)[] simple =
        [
            (Mnemonic.Andps, SseOp.And), (Mnemonic.Andpd, SseOp.And), (Mnemonic.Pand, SseOp.And),
            (Mnemonic.Andnps, SseOp.Andn), (Mnemonic.Andnpd, SseOp.Andn), (Mnemonic.Pandn, SseOp.Andn),
            (Mnemonic.Orps, SseOp.Or), (Mnemonic.Orpd, SseOp.Or), (Mnemonic.Por, SseOp.Or),
            (Mnemonic.Xorps, SseOp.Xor), (Mnemonic.Xorpd, SseOp.Xor), (Mnemonic.Pxor, SseOp.Xor),
            (Mnemonic.Shufps, SseOp.Shufps), (Mnemonic.Shufpd, SseOp.Shufpd),
            (Mnemonic.Unpcklps, SseOp.Unpcklps), (Mnemonic.Unpckhps, SseOp.Unpckhps),
            (Mnemonic.Unpcklpd, SseOp.Unpcklpd), (Mnemonic.Unpckhpd, SseOp.Unpckhpd),
            (Mnemonic.Pshufd, SseOp.Pshufd), (Mnemonic.Pshuflw, SseOp.Pshuflw), (Mnemonic.Pshufhw, SseOp.Pshufhw),
            (Mnemonic.Pshufw, SseOp.Pshufw),
            (Mnemonic.Paddb, SseOp.Paddb), (Mnemonic.Paddw, SseOp.Paddw), (Mnemonic.Paddd, SseOp.Paddd), (Mnemonic.Paddq, SseOp.Paddq),
            (Mnemonic.Psubb, SseOp.Psubb), (Mnemonic.Psubw, SseOp.Psubw), (Mnemonic.Psubd, SseOp.Psubd), (Mnemonic.Psubq, SseOp.Psubq),
            (Mnemonic.Paddsb, SseOp.Paddsb), (Mnemonic.Paddsw, SseOp.Paddsw), (Mnemonic.Paddusb, SseOp.Paddusb), (Mnemonic.Paddusw, SseOp.Paddusw),
            (Mnemonic.Psubsb, SseOp.Psubsb), (Mnemonic.Psubsw, SseOp.Psubsw), (Mnemonic.Psubusb, SseOp.Psubusb), (Mnemonic.Psubusw, SseOp.Psubusw),
            (Mnemonic.Pcmpeqb, SseOp.Pcmpeqb), (Mnemonic.Pcmpeqw, SseOp.Pcmpeqw), (Mnemonic.Pcmpeqd, SseOp.Pcmpeqd),
            (Mnemonic.Pcmpgtb, SseOp.Pcmpgtb), (Mnemonic.Pcmpgtw, SseOp.Pcmpgtw), (Mnemonic.Pcmpgtd, SseOp.Pcmpgtd),
            (Mnemonic.Pminub, SseOp.Pminub), (Mnemonic.Pmaxub, SseOp.Pmaxub), (Mnemonic.Pminsw, SseOp.Pminsw), (Mnemonic.Pmaxsw, SseOp.Pmaxsw),
            (Mnemonic.Pmullw, SseOp.Pmullw), (Mnemonic.Pmulhw, SseOp.Pmulhw), (Mnemonic.Pmulhuw, SseOp.Pmulhuw),
            (Mnemonic.Pmuludq, SseOp.Pmuludq), (Mnemonic.Pmaddwd, SseOp.Pmaddwd),
            (Mnemonic.Pavgb, SseOp.Pavgb), (Mnemonic.Pavgw, SseOp.Pavgw), (Mnemonic.Psadbw, SseOp.Psadbw),
            (Mnemonic.Punpcklbw, SseOp.Punpcklbw), (Mnemonic.Punpcklwd, SseOp.Punpcklwd), (Mnemonic.Punpckldq, SseOp.Punpckldq),
            (Mnemonic.Punpcklqdq, SseOp.Punpcklqdq), (Mnemonic.Punpckhbw, SseOp.Punpckhbw), (Mnemonic.Punpckhwd, SseOp.Punpckhwd),
            (Mnemonic.Punpckhdq, SseOp.Punpckhdq), (Mnemonic.Punpckhqdq, SseOp.Punpckhqdq),
            (Mnemonic.Packsswb, SseOp.Packsswb), (Mnemonic.Packssdw, SseOp.Packssdw), (Mnemonic.Packuswb, SseOp.Packuswb),
        ];
        foreach (var (m, op) in simple) SseEmit.Add(t, m, op);

        (Mnemonic, SseOp, SseOp)[] shifts =
        [
            (Mnemonic.Psllw, SseOp.Psllw, SseOp.PsllwI), (Mnemonic.Pslld, SseOp.Pslld, SseOp.PslldI),
            (Mnemonic.Psllq, SseOp.Psllq, SseOp.PsllqI), (Mnemonic.Psrlw, SseOp.Psrlw, SseOp.PsrlwI),
            (Mnemonic.Psrld, SseOp.Psrld, SseOp.PsrldI), (Mnemonic.Psrlq, SseOp.Psrlq, SseOp.PsrlqI),
            (Mnemonic.Psraw, SseOp.Psraw, SseOp.PsrawI), (Mnemonic.Psrad, SseOp.Psrad, SseOp.PsradI),
        ];
        foreach (var (m, byVector, byImm) in shifts)
            t.Add(m, ctx => SseEmit.Op(ctx, ctx.Insn.Op1Kind == OpKind.Immediate8 ? byImm : byVector));
        SseEmit.Add(t, Mnemonic.Pslldq, SseOp.PslldqI);
        SseEmit.Add(t, Mnemonic.Psrldq, SseOp.PsrldqI);
    }
}
