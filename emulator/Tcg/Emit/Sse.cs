using System.Runtime.InteropServices;
using Hdbt.Guest;
using Hdbt.Ir;
using Iced.Intel;

namespace Hdbt.Tcg.Emit;

/// <summary>
/// SSE/SSE2 helper calls (<see cref="HelperId.SseReg"/>, <see cref="HelperId.SseMem"/>,
/// <see cref="HelperId.SseStore"/>, <see cref="HelperId.SseToGpr"/>, <see cref="HelperId.GprToSse"/>)
/// emitted as the host's own SSE instruction on <c>CpuState.Xmm</c> (<c>[r14 + offset]</c>) and guest
/// memory (<c>[r15 + address]</c>). The host runs them under the guest's MXCSR (rounding, FTZ, DAZ;
/// sticky flags accumulate there; see <see cref="CodeGenerator"/>'s MXCSR handling), so the results
/// and flags are the guest CPU's bit for bit. MMX forms, unknown operations, and memory operands the
/// helper would reject (a misaligned 16-byte operand, or with <c>--checked-loads</c> any page
/// check failure) go to the helper call: inline for the first, out of line for the others.
/// </summary>
public static class Sse
{
    private static readonly int XmmOffset = (int)Marshal.OffsetOf<CpuState>(nameof(CpuState.Xmm));

    private static MemoryOperand Xmm(uint index, int byteOffset = 0) => new(HostRegs.Cpu, XmmOffset + (int)(index & 7) * 16 + byteOffset);

    /// <summary>Operations that are one host instruction <c>xmm0 op= source</c> (with the imm8 when the code takes one).</summary>
    private static readonly Code[] s_arith = BuildArith();

    private static Code[] BuildArith()
    {
        var t = new Code[(int)SseOp.Count];
        void Set(SseOp op, Code c) => t[(int)op] = c;
        Set(SseOp.And, Code.Andps_xmm_xmmm128); Set(SseOp.Andn, Code.Andnps_xmm_xmmm128);
        Set(SseOp.Or, Code.Orps_xmm_xmmm128); Set(SseOp.Xor, Code.Xorps_xmm_xmmm128);
        Set(SseOp.Shufps, Code.Shufps_xmm_xmmm128_imm8); Set(SseOp.Shufpd, Code.Shufpd_xmm_xmmm128_imm8);
        Set(SseOp.Unpcklps, Code.Unpcklps_xmm_xmmm128); Set(SseOp.Unpckhps, Code.Unpckhps_xmm_xmmm128);
        Set(SseOp.Unpcklpd, Code.Unpcklpd_xmm_xmmm128); Set(SseOp.Unpckhpd, Code.Unpckhpd_xmm_xmmm128);
        Set(SseOp.Pshufd, Code.Pshufd_xmm_xmmm128_imm8); Set(SseOp.Pshuflw, Code.Pshuflw_xmm_xmmm128_imm8);
        Set(SseOp.Pshufhw, Code.Pshufhw_xmm_xmmm128_imm8);
        Set(SseOp.Paddb, Code.Paddb_xmm_xmmm128); Set(SseOp.Paddw, Code.Paddw_xmm_xmmm128);
        Set(SseOp.Paddd, Code.Paddd_xmm_xmmm128); Set(SseOp.Paddq, Code.Paddq_xmm_xmmm128);
        Set(SseOp.Psubb, Code.Psubb_xmm_xmmm128); Set(SseOp.Psubw, Code.Psubw_xmm_xmmm128);
        Set(SseOp.Psubd, Code.Psubd_xmm_xmmm128); Set(SseOp.Psubq, Code.Psubq_xmm_xmmm128);
        Set(SseOp.Pcmpeqb, Code.Pcmpeqb_xmm_xmmm128); Set(SseOp.Pcmpeqw, Code.Pcmpeqw_xmm_xmmm128);
        Set(SseOp.Pcmpeqd, Code.Pcmpeqd_xmm_xmmm128); Set(SseOp.Pcmpgtb, Code.Pcmpgtb_xmm_xmmm128);
        Set(SseOp.Pcmpgtw, Code.Pcmpgtw_xmm_xmmm128); Set(SseOp.Pcmpgtd, Code.Pcmpgtd_xmm_xmmm128);
        Set(SseOp.Pmuludq, Code.Pmuludq_xmm_xmmm128); Set(SseOp.Pmullw, Code.Pmullw_xmm_xmmm128);
        Set(SseOp.Punpcklbw, Code.Punpcklbw_xmm_xmmm128); Set(SseOp.Punpcklwd, Code.Punpcklwd_xmm_xmmm128);
        Set(SseOp.Punpckldq, Code.Punpckldq_xmm_xmmm128); Set(SseOp.Punpcklqdq, Code.Punpcklqdq_xmm_xmmm128);
        Set(SseOp.Punpckhbw, Code.Punpckhbw_xmm_xmmm128); Set(SseOp.Punpckhwd, Code.Punpckhwd_xmm_xmmm128);
        Set(SseOp.Punpckhdq, Code.Punpckhdq_xmm_xmmm128); Set(SseOp.Punpckhqdq, Code.Punpckhqdq_xmm_xmmm128);
        Set(SseOp.Addps, Code.Addps_xmm_xmmm128); Set(SseOp.Addss, Code.Addss_xmm_xmmm32);
        Set(SseOp.Addpd, Code.Addpd_xmm_xmmm128); Set(SseOp.Addsd, Code.Addsd_xmm_xmmm64);
        Set(SseOp.Subps, Code.Subps_xmm_xmmm128); Set(SseOp.Subss, Code.Subss_xmm_xmmm32);
        Set(SseOp.Subpd, Code.Subpd_xmm_xmmm128); Set(SseOp.Subsd, Code.Subsd_xmm_xmmm64);
        Set(SseOp.Mulps, Code.Mulps_xmm_xmmm128); Set(SseOp.Mulss, Code.Mulss_xmm_xmmm32);
        Set(SseOp.Mulpd, Code.Mulpd_xmm_xmmm128); Set(SseOp.Mulsd, Code.Mulsd_xmm_xmmm64);
        Set(SseOp.Divps, Code.Divps_xmm_xmmm128); Set(SseOp.Divss, Code.Divss_xmm_xmmm32);
        Set(SseOp.Divpd, Code.Divpd_xmm_xmmm128); Set(SseOp.Divsd, Code.Divsd_xmm_xmmm64);
        Set(SseOp.Minps, Code.Minps_xmm_xmmm128); Set(SseOp.Minss, Code.Minss_xmm_xmmm32);
        Set(SseOp.Minpd, Code.Minpd_xmm_xmmm128); Set(SseOp.Minsd, Code.Minsd_xmm_xmmm64);
        Set(SseOp.Maxps, Code.Maxps_xmm_xmmm128); Set(SseOp.Maxss, Code.Maxss_xmm_xmmm32);
        Set(SseOp.Maxpd, Code.Maxpd_xmm_xmmm128); Set(SseOp.Maxsd, Code.Maxsd_xmm_xmmm64);
        Set(SseOp.Sqrtps, Code.Sqrtps_xmm_xmmm128); Set(SseOp.Sqrtss, Code.Sqrtss_xmm_xmmm32);
        Set(SseOp.Sqrtpd, Code.Sqrtpd_xmm_xmmm128); Set(SseOp.Sqrtsd, Code.Sqrtsd_xmm_xmmm64);
        Set(SseOp.Cmpps, Code.Cmpps_xmm_xmmm128_imm8); Set(SseOp.Cmpss, Code.Cmpss_xmm_xmmm32_imm8);
        Set(SseOp.Cmppd, Code.Cmppd_xmm_xmmm128_imm8); Set(SseOp.Cmpsd, Code.Cmpsd_xmm_xmmm64_imm8);
        Set(SseOp.Cvtps2pd, Code.Cvtps2pd_xmm_xmmm64); Set(SseOp.Cvtpd2ps, Code.Cvtpd2ps_xmm_xmmm128);
        Set(SseOp.Cvtss2sd, Code.Cvtss2sd_xmm_xmmm32); Set(SseOp.Cvtsd2ss, Code.Cvtsd2ss_xmm_xmmm64);
        Set(SseOp.Cvtdq2ps, Code.Cvtdq2ps_xmm_xmmm128); Set(SseOp.Cvtps2dq, Code.Cvtps2dq_xmm_xmmm128);
        Set(SseOp.Cvttps2dq, Code.Cvttps2dq_xmm_xmmm128); Set(SseOp.Cvtdq2pd, Code.Cvtdq2pd_xmm_xmmm64);
        Set(SseOp.Cvtpd2dq, Code.Cvtpd2dq_xmm_xmmm128); Set(SseOp.Cvttpd2dq, Code.Cvttpd2dq_xmm_xmmm128);
        return t;
    }

    private static bool IsMove(SseOp op) => op is SseOp.MovA or SseOp.MovU or SseOp.MovssMem or SseOp.MovLow4 or SseOp.MovQ
        or SseOp.MovLow8 or SseOp.MovHigh8 or SseOp.MovHlps;

    /// <summary>Emits the call inline and returns true, or returns false for the ordinary helper call.</summary>
    public static bool TryEmit(CodeGenerator g, in Op op)
    {
        if (!g.InlineSse) return false;
        var id = (HelperId)op.Imm;
        if (id is not (HelperId.SseReg or HelperId.SseMem or HelperId.SseStore or HelperId.SseToGpr or HelperId.GprToSse or HelperId.SseComi)) return false;
        Loc packedLoc = g.L(op.S0), regLoc = g.L(op.S1);
        if (!packedLoc.IsImm) return false;
        uint packed = packedLoc.Imm;
        if ((packed & (SseOpBits.DstMm | SseOpBits.SrcMm)) != 0) return false;
        var sop = (SseOp)(packed & SseOpBits.OpMask);
        uint imm = (packed >> SseOpBits.ImmShift) & 0xFF;
        bool done = id switch
        {
            HelperId.SseReg => regLoc.IsImm && g.L(op.S2).IsImm && Reg(g, sop, imm, regLoc.Imm, g.L(op.S2).Imm),
            HelperId.SseMem => regLoc.IsImm && g.L(op.S3).IsImm && Mem(g, op, sop, imm, regLoc.Imm, g.L(op.S3).Imm),
            HelperId.SseStore => regLoc.IsImm && Store(g, op, sop, regLoc.Imm),
            HelperId.SseComi => regLoc.IsImm && g.L(op.S3).IsImm && Comi(g, op, sop, regLoc.Imm, g.L(op.S3).Imm),
            HelperId.SseToGpr => g.L(op.S2).IsImm && g.L(op.S2).Imm == 0 && regLoc.IsImm && ToGpr(g, op, sop, regLoc.Imm),
            _ => regLoc.IsImm && FromGpr(g, op, sop, regLoc.Imm),
        };
        // The helpers without a result return 0; an IR that reads it anyway gets the same.
        if (done && id is not (HelperId.SseToGpr or HelperId.SseComi) && op.D0 >= 0 && g.IsRead(op.D0))
            g.Move(g.L(op.D0), Loc.Const(0));
        return done;
    }

    private static bool Reg(CodeGenerator g, SseOp op, uint imm, uint d, uint s)
    {
        if (IsMove(op))
        {
            if (op == SseOp.MovssMem) return false;
            Move(g, op, d, Xmm(s), Xmm(s, 8));
            return true;
        }
        Code c = s_arith[(int)op];
        if (c == Code.INVALID) return ShiftImm(g, op, imm, d);
        Arith(g, c, imm, d, Xmm(s));
        return true;
    }

    /// <summary>Shifts by an immediate (the IR names the destination twice).</summary>
    private static bool ShiftImm(CodeGenerator g, SseOp op, uint imm, uint d)
    {
        Code c = op switch
        {
            SseOp.PsllwI => Code.Psllw_xmm_imm8, SseOp.PslldI => Code.Pslld_xmm_imm8, SseOp.PsllqI => Code.Psllq_xmm_imm8,
            SseOp.PsrlwI => Code.Psrlw_xmm_imm8, SseOp.PsrldI => Code.Psrld_xmm_imm8, SseOp.PsrlqI => Code.Psrlq_xmm_imm8,
            SseOp.PsrawI => Code.Psraw_xmm_imm8, SseOp.PsradI => Code.Psrad_xmm_imm8,
            SseOp.PslldqI => Code.Pslldq_xmm_imm8, SseOp.PsrldqI => Code.Psrldq_xmm_imm8,
            _ => Code.INVALID,
        };
        if (c == Code.INVALID) return false;
        g.Emit(Instruction.Create(Code.Movaps_xmm_xmmm128, Register.XMM0, Xmm(d)));
        g.Emit(Instruction.Create(c, Register.XMM0, imm));
        g.Emit(Instruction.Create(Code.Movaps_xmmm128_xmm, Xmm(d), Register.XMM0));
        return true;
    }

    private static void Arith(CodeGenerator g, Code c, uint imm, uint d, MemoryOperand src)
    {
        g.Emit(Instruction.Create(Code.Movaps_xmm_xmmm128, Register.XMM0, Xmm(d)));
        bool compare = c is Code.Cmpps_xmm_xmmm128_imm8 or Code.Cmpss_xmm_xmmm32_imm8 or Code.Cmppd_xmm_xmmm128_imm8 or Code.Cmpsd_xmm_xmmm64_imm8;
        if (compare) imm &= 7;   // legacy SSE compares have eight predicates, as the helper reads them
        bool takesImm = compare || c is Code.Shufps_xmm_xmmm128_imm8 or Code.Shufpd_xmm_xmmm128_imm8 or Code.Pshufd_xmm_xmmm128_imm8
            or Code.Pshuflw_xmm_xmmm128_imm8 or Code.Pshufhw_xmm_xmmm128_imm8;
        var i = takesImm
            ? Instruction.Create(c, Register.XMM0, src, imm)
            : Instruction.Create(c, Register.XMM0, src);
        g.Emit(i);
        g.Emit(Instruction.Create(Code.Movaps_xmmm128_xmm, Xmm(d), Register.XMM0));
    }

    /// <summary>A move into XMM register <paramref name="d"/> from a source whose low and high 8 bytes are <paramref name="lo"/> and <paramref name="hi"/>.</summary>
    private static void Move(CodeGenerator g, SseOp op, uint d, MemoryOperand lo, MemoryOperand hi)
    {
        // Every move is one load into a scratch register and one store into the XMM slot: 16-byte
        // and zero-extending forms through XMM0, partial ones (which keep the rest of the
        // destination) through EAX/RAX.
        var (load, store, scratch, source, offset) = op switch
        {
            SseOp.MovA or SseOp.MovU => (Code.Movups_xmm_xmmm128, Code.Movaps_xmmm128_xmm, Register.XMM0, lo, 0),
            SseOp.MovssMem => (Code.Movss_xmm_xmmm32, Code.Movaps_xmmm128_xmm, Register.XMM0, lo, 0),
            SseOp.MovQ => (Code.Movq_xmm_xmmm64, Code.Movaps_xmmm128_xmm, Register.XMM0, lo, 0),
            SseOp.MovLow4 => (Code.Mov_r32_rm32, Code.Mov_rm32_r32, Register.EAX, lo, 0),
            SseOp.MovLow8 => (Code.Mov_r64_rm64, Code.Mov_rm64_r64, Register.RAX, lo, 0),
            SseOp.MovHigh8 => (Code.Mov_r64_rm64, Code.Mov_rm64_r64, Register.RAX, lo, 8),
            _ /* MovHlps */ => (Code.Mov_r64_rm64, Code.Mov_rm64_r64, Register.RAX, hi, 0),
        };
        g.Emit(Instruction.Create(load, scratch, source));
        g.Emit(Instruction.Create(store, Xmm(d, offset), scratch));
    }

    private static bool Mem(CodeGenerator g, Op op, SseOp sop, uint imm, uint d, uint size)
    {
        bool move = IsMove(sop);
        if (sop == SseOp.MovHlps) return false;
        Code c = move ? Code.INVALID : s_arith[(int)sop];
        if (!move && c == Code.INVALID) return false;
        if (size is not (4 or 8 or 16)) return false;
        Register x = Memory.Address(g, g.L(op.S2));
        int slow = g.E.CreateLabel(), done = g.E.CreateLabel();
        bool needSlow = false;
        if (size == 16 && sop != SseOp.MovU)
        {
            // The helper raises the guest's #GP for a misaligned operand; the host's would be a host fault.
            g.Emit(Instruction.Create(Code.Test_rm32_imm32, HostRegs.R32(x), 15u));
            g.E.Branch(Code.Jne_rel32_64, slow);
            needSlow = true;
        }
        if (!g.DirectLoads) { Memory.CheckPage(g, x, (int)size, PageFlags.Read, slow); needSlow = true; }
        var mem = new MemoryOperand(HostRegs.MemBase, x, 1);
        if (move) Move(g, sop, d, mem, mem);
        else Arith(g, c, imm, d, mem);
        g.Bind(done);
        if (needSlow) Call.SlowCall(g, op, slow, done);
        else g.Bind(slow);
        return true;
    }

    private static bool Store(CodeGenerator g, Op op, SseOp sop, uint s)
    {
        int size = sop switch { SseOp.StoreA16 or SseOp.StoreU16 => 16, SseOp.StoreLow8 or SseOp.StoreHigh8 => 8, SseOp.StoreLow4 => 4, _ => 0 };
        if (size == 0) return false;
        Register x = Memory.Address(g, g.L(op.S2));
        int slow = g.E.CreateLabel(), done = g.E.CreateLabel();
        if (sop == SseOp.StoreA16)
        {
            g.Emit(Instruction.Create(Code.Test_rm32_imm32, HostRegs.R32(x), 15u));
            g.E.Branch(Code.Jne_rel32_64, slow);
        }
        // Writable, no translated code on the page, not crossing it: else the helper faults or invalidates.
        Memory.CheckPage(g, x, size, PageFlags.Write, slow);
        var mem = new MemoryOperand(HostRegs.MemBase, x, 1);
        switch (size)
        {
            case 16:
                g.Emit(Instruction.Create(Code.Movaps_xmm_xmmm128, Register.XMM0, Xmm(s)));
                g.Emit(Instruction.Create(Code.Movups_xmmm128_xmm, mem, Register.XMM0));
                break;
            case 8:
                g.Emit(Instruction.Create(Code.Mov_r64_rm64, Register.RAX, Xmm(s, sop == SseOp.StoreHigh8 ? 8 : 0)));
                g.Emit(Instruction.Create(Code.Mov_rm64_r64, mem, Register.RAX));
                break;
            default:
                g.Emit(Instruction.Create(Code.Mov_r32_rm32, Register.EAX, Xmm(s)));
                g.Emit(Instruction.Create(Code.Mov_rm32_r32, mem, Register.EAX));
                break;
        }
        g.Bind(done);
        Call.SlowCall(g, op, slow, done);
        g.StoresInInsn = true;
        return true;
    }

    /// <summary>Register source only (the IR's size argument is 0).</summary>
    private static bool ToGpr(CodeGenerator g, in Op op, SseOp sop, uint s)
    {
        if (op.D0 < 0) return false;
        switch (sop)
        {
            case SseOp.MovdToGpr: g.Emit(Instruction.Create(Code.Mov_r32_rm32, Register.EAX, Xmm(s))); break;
            case SseOp.Cvtsd2si: g.Emit(Instruction.Create(Code.Cvtsd2si_r32_xmmm64, Register.EAX, Xmm(s))); break;
            case SseOp.Cvttsd2si: g.Emit(Instruction.Create(Code.Cvttsd2si_r32_xmmm64, Register.EAX, Xmm(s))); break;
            case SseOp.Cvtss2si: g.Emit(Instruction.Create(Code.Cvtss2si_r32_xmmm32, Register.EAX, Xmm(s))); break;
            case SseOp.Cvttss2si: g.Emit(Instruction.Create(Code.Cvttss2si_r32_xmmm32, Register.EAX, Xmm(s))); break;
            case SseOp.Movmskps or SseOp.Movmskpd or SseOp.Pmovmskb:
                g.Emit(Instruction.Create(Code.Movaps_xmm_xmmm128, Register.XMM0, Xmm(s)));
                g.Emit(Instruction.Create(sop switch
                {
                    SseOp.Movmskps => Code.Movmskps_r32_xmm,
                    SseOp.Movmskpd => Code.Movmskpd_r32_xmm,
                    _ => Code.Pmovmskb_r32_xmm,
                }, Register.EAX, Register.XMM0));
                break;
            default: return false;
        }
        g.MovFromReg(g.L(op.D0), Register.EAX);
        return true;
    }

    private static bool FromGpr(CodeGenerator g, in Op op, SseOp sop, uint d)
    {
        switch (sop)
        {
            case SseOp.MovdFromGpr:
                g.MovToReg(Register.EAX, g.L(op.S2));
                g.Emit(Instruction.Create(Code.Movd_xmm_rm32, Register.XMM0, Register.EAX));
                g.Emit(Instruction.Create(Code.Movaps_xmmm128_xmm, Xmm(d), Register.XMM0));
                return true;
            case SseOp.Cvtsi2sd or SseOp.Cvtsi2ss:
                g.MovToReg(Register.EAX, g.L(op.S2));
                g.Emit(Instruction.Create(Code.Movaps_xmm_xmmm128, Register.XMM0, Xmm(d)));
                g.Emit(Instruction.Create(sop == SseOp.Cvtsi2sd ? Code.Cvtsi2sd_xmm_rm32 : Code.Cvtsi2ss_xmm_rm32, Register.XMM0, Register.EAX));
                g.Emit(Instruction.Create(Code.Movaps_xmmm128_xmm, Xmm(d), Register.XMM0));
                return true;
            default:
                return false;
        }
    }

    /// <summary>comiss/ucomiss/comisd/ucomisd: the host's ZF, PF, CF (the IR records them as explicit EFLAGS; the rest clear).</summary>
    private static bool Comi(CodeGenerator g, Op op, SseOp sop, uint d, uint size)
    {
        if (op.D0 < 0) return false;
        Code c = sop switch
        {
            SseOp.Comiss => Code.Comiss_xmm_xmmm32,
            SseOp.Ucomiss => Code.Ucomiss_xmm_xmmm32,
            SseOp.Comisd => Code.Comisd_xmm_xmmm64,
            SseOp.Ucomisd => Code.Ucomisd_xmm_xmmm64,
            _ => Code.INVALID,
        };
        if (c == Code.INVALID) return false;
        int slow = g.E.CreateLabel(), done = g.E.CreateLabel();
        bool needSlow = false;
        MemoryOperand src;
        if (size == 0)
        {
            Loc s = g.L(op.S2);
            if (!s.IsImm) return false;
            src = Xmm(s.Imm);
        }
        else
        {
            Register x = Memory.Address(g, g.L(op.S2));
            if (!g.DirectLoads) { Memory.CheckPage(g, x, (int)size, PageFlags.Read, slow); needSlow = true; }
            src = new MemoryOperand(HostRegs.MemBase, x, 1);
        }
        g.Emit(Instruction.Create(Code.Movaps_xmm_xmmm128, Register.XMM0, Xmm(d)));
        g.Emit(Instruction.Create(c, Register.XMM0, src));
        g.Emit(Instruction.Create(Code.Pushfq));
        g.Emit(Instruction.Create(Code.Pop_r64, Register.RAX));
        g.Emit(Instruction.Create(Code.And_rm32_imm32, Register.EAX, Flags.ZF | Flags.PF | Flags.CF));
        g.MovFromReg(g.L(op.D0), Register.EAX);
        g.Bind(done);
        if (needSlow) Call.SlowCall(g, op, slow, done);
        else g.Bind(slow);
        return true;
    }
}
