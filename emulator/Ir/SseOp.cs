namespace Hdbt.Ir;

/// <summary>
/// The operation an SSE/MMX helper call performs: the low bits of the helper's first argument
/// (see <see cref="SseOpBits"/> for the other bits). The IR is 32-bit only, so every SSE and MMX
/// instruction becomes one helper call naming its operation, its registers and its memory address.
/// </summary>
public enum SseOp : uint
{
    // ---- moves (destination register, source register or memory) ----
    MovA, MovU, MovssMem, MovLow4, MovQ, MovLow8, MovHigh8, MovHlps,

    // ---- logic ----
    And, Andn, Or, Xor,

    // ---- shuffles and unpacks ----
    Shufps, Shufpd, Unpcklps, Unpckhps, Unpcklpd, Unpckhpd, Pshufd, Pshuflw, Pshufhw, Pshufw,

    // ---- integer SIMD ----
    Paddb, Paddw, Paddd, Paddq, Psubb, Psubw, Psubd, Psubq,
    Paddsb, Paddsw, Paddusb, Paddusw, Psubsb, Psubsw, Psubusb, Psubusw,
    Pcmpeqb, Pcmpeqw, Pcmpeqd, Pcmpgtb, Pcmpgtw, Pcmpgtd,
    Pminub, Pmaxub, Pminsw, Pmaxsw,
    Pmullw, Pmulhw, Pmulhuw, Pmuludq, Pmaddwd, Pavgb, Pavgw, Psadbw,
    Punpcklbw, Punpcklwd, Punpckldq, Punpcklqdq, Punpckhbw, Punpckhwd, Punpckhdq, Punpckhqdq,
    Packsswb, Packssdw, Packuswb,
    Psllw, Pslld, Psllq, Psrlw, Psrld, Psrlq, Psraw, Psrad,
    PsllwI, PslldI, PsllqI, PsrlwI, PsrldI, PsrlqI, PsrawI, PsradI, PslldqI, PsrldqI,

    // ---- floating-point arithmetic ----
    Addps, Addss, Addpd, Addsd, Subps, Subss, Subpd, Subsd,
    Mulps, Mulss, Mulpd, Mulsd, Divps, Divss, Divpd, Divsd,
    Minps, Minss, Minpd, Minsd, Maxps, Maxss, Maxpd, Maxsd,
    Sqrtps, Sqrtss, Sqrtpd, Sqrtsd, Rcpps, Rcpss, Rsqrtps, Rsqrtss,
    Cmpps, Cmpss, Cmppd, Cmpsd,

    // ---- conversions with a vector destination ----
    Cvtps2pd, Cvtpd2ps, Cvtss2sd, Cvtsd2ss, Cvtdq2ps, Cvtps2dq, Cvttps2dq, Cvtdq2pd, Cvtpd2dq, Cvttpd2dq,
    Cvtpi2ps, Cvtps2pi, Cvttps2pi, Cvtpi2pd, Cvtpd2pi, Cvttpd2pi,

    // ---- results for a general register (sse_to_gpr) ----
    MovdToGpr, Pextrw, Pmovmskb, Movmskps, Movmskpd, Stmxcsr, Cvtss2si, Cvttss2si, Cvtsd2si, Cvttsd2si,

    // ---- values from a general register (gpr_to_sse) ----
    MovdFromGpr, Pinsrw, Ldmxcsr, Cvtsi2ss, Cvtsi2sd,

    // ---- stores (sse_store) ----
    StoreA16, StoreU16, StoreLow8, StoreHigh8, StoreLow4, MaskMov,

    // ---- compares that set EFLAGS (sse_comi) ----
    Comiss, Ucomiss, Comisd, Ucomisd,

    /// <summary>Number of operations.</summary>
    Count,
}
