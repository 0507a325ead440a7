using System.Runtime.CompilerServices;
using Hdbt.Guest;
using Hdbt.Ir;
using Hdbt.Host;

namespace Hdbt.Helpers;

/// <summary>
/// The IR helpers of SSE, SSE2 and MMX instructions (see <see cref="SseOp"/>, <see cref="SseOpBits"/>):
/// each call names the operation and the registers or guest address; the operation itself is one
/// function of <see cref="SseMoveHelpers"/>, <see cref="SseIntegerHelpers"/> or <see cref="SseArithHelpers"/>
/// found through a table. This class owns what all of them share: operand fetch (with the 16-byte
/// alignment check of legacy SSE memory operands), the MXCSR exception flags and SIGFPE for
/// unmasked exceptions, and the x87-to-MMX transition.
/// </summary>
internal static unsafe class SseHelpers
{
    private static readonly delegate*<CpuState*, byte*, byte*, byte*, uint, uint>[] s_ops = BuildOps();

    /// <summary>Operations whose 16-byte memory operand may be misaligned (movups, movdqu, movupd).</summary>
    private static bool MayBeMisaligned(SseOp op) => op == SseOp.MovU;

    private static delegate*<CpuState*, byte*, byte*, byte*, uint, uint>[] BuildOps()
    {
        var t = new delegate*<CpuState*, byte*, byte*, byte*, uint, uint>[(int)SseOp.Count];
        t[(int)SseOp.MovA] = &SseMoveHelpers.MovFull;
        t[(int)SseOp.MovU] = &SseMoveHelpers.MovFull;
        t[(int)SseOp.MovssMem] = &SseMoveHelpers.MovssMem;
        t[(int)SseOp.MovLow4] = &SseMoveHelpers.MovLow4;
        t[(int)SseOp.MovQ] = &SseMoveHelpers.MovQ;
        t[(int)SseOp.MovLow8] = &SseMoveHelpers.MovLow8;
        t[(int)SseOp.MovHigh8] = &SseMoveHelpers.MovHigh8;
        t[(int)SseOp.MovHlps] = &SseMoveHelpers.MovHlps;
        t[(int)SseOp.And] = &SseMoveHelpers.And;
        t[(int)SseOp.Andn] = &SseMoveHelpers.Andn;
        t[(int)SseOp.Or] = &SseMoveHelpers.Or;
        t[(int)SseOp.Xor] = &SseMoveHelpers.Xor;
        t[(int)SseOp.Shufps] = &SseMoveHelpers.Shufps;
        t[(int)SseOp.Shufpd] = &SseMoveHelpers.Shufpd;
        t[(int)SseOp.Unpcklps] = &SseMoveHelpers.Unpcklps;
        t[(int)SseOp.Unpckhps] = &SseMoveHelpers.Unpckhps;
        t[(int)SseOp.Unpcklpd] = &SseMoveHelpers.Unpcklpd;
        t[(int)SseOp.Unpckhpd] = &SseMoveHelpers.Unpckhpd;
        t[(int)SseOp.Pshufd] = &SseMoveHelpers.Pshufd;
        t[(int)SseOp.Pshuflw] = &SseMoveHelpers.Pshuflw;
        t[(int)SseOp.Pshufhw] = &SseMoveHelpers.Pshufhw;
        t[(int)SseOp.Pshufw] = &SseMoveHelpers.Pshufw;
        t[(int)SseOp.Paddb] = &SseIntegerHelpers.Paddb;
        t[(int)SseOp.Paddw] = &SseIntegerHelpers.Paddw;
        t[(int)SseOp.Paddd] = &SseIntegerHelpers.Paddd;
        t[(int)SseOp.Paddq] = &SseIntegerHelpers.Paddq;
        t[(int)SseOp.Psubb] = &SseIntegerHelpers.Psubb;
        t[(int)SseOp.Psubw] = &SseIntegerHelpers.Psubw;
        t[(int)SseOp.Psubd] = &SseIntegerHelpers.Psubd;
        t[(int)SseOp.Psubq] = &SseIntegerHelpers.Psubq;
        t[(int)SseOp.Paddsb] = &SseIntegerHelpers.Paddsb;
        t[(int)SseOp.Paddsw] = &SseIntegerHelpers.Paddsw;
        t[(int)SseOp.Paddusb] = &SseIntegerHelpers.Paddusb;
        t[(int)SseOp.Paddusw] = &SseIntegerHelpers.Paddusw;
        t[(int)SseOp.Psubsb] = &SseIntegerHelpers.Psubsb;
        t[(int)SseOp.Psubsw] = &SseIntegerHelpers.Psubsw;
        t[(int)SseOp.Psubusb] = &SseIntegerHelpers.Psubusb;
        t[(int)SseOp.Psubusw] = &SseIntegerHelpers.Psubusw;
        t[(int)SseOp.Pcmpeqb] = &SseIntegerHelpers.Pcmpeqb;
        t[(int)SseOp.Pcmpeqw] = &SseIntegerHelpers.Pcmpeqw;
        t[(int)SseOp.Pcmpeqd] = &SseIntegerHelpers.Pcmpeqd;
        t[(int)SseOp.Pcmpgtb] = &SseIntegerHelpers.Pcmpgtb;
        t[(int)SseOp.Pcmpgtw] = &SseIntegerHelpers.Pcmpgtw;
        t[(int)SseOp.Pcmpgtd] = &SseIntegerHelpers.Pcmpgtd;
        t[(int)SseOp.Pminub] = &SseIntegerHelpers.Pminub;
        t[(int)SseOp.Pmaxub] = &SseIntegerHelpers.Pmaxub;
        t[(int)SseOp.Pminsw] = &SseIntegerHelpers.Pminsw;
        t[(int)SseOp.Pmaxsw] = &SseIntegerHelpers.Pmaxsw;
        t[(int)SseOp.Pmullw] = &SseIntegerHelpers.Pmullw;
        t[(int)SseOp.Pmulhw] = &SseIntegerHelpers.Pmulhw;
        t[(int)SseOp.Pmulhuw] = &SseIntegerHelpers.Pmulhuw;
        t[(int)SseOp.Pmuludq] = &SseIntegerHelpers.Pmuludq;
        t[(int)SseOp.Pmaddwd] = &SseIntegerHelpers.Pmaddwd;
        t[(int)SseOp.Pavgb] = &SseIntegerHelpers.Pavgb;
        t[(int)SseOp.Pavgw] = &SseIntegerHelpers.Pavgw;
        t[(int)SseOp.Psadbw] = &SseIntegerHelpers.Psadbw;
        t[(int)SseOp.Punpcklbw] = &SseIntegerHelpers.Punpcklbw;
        t[(int)SseOp.Punpcklwd] = &SseIntegerHelpers.Punpcklwd;
        t[(int)SseOp.Punpckldq] = &SseIntegerHelpers.Punpckldq;
        t[(int)SseOp.Punpcklqdq] = &SseIntegerHelpers.Punpcklqdq;
        t[(int)SseOp.Punpckhbw] = &SseIntegerHelpers.Punpckhbw;
        t[(int)SseOp.Punpckhwd] = &SseIntegerHelpers.Punpckhwd;
        t[(int)SseOp.Punpckhdq] = &SseIntegerHelpers.Punpckhdq;
        t[(int)SseOp.Punpckhqdq] = &SseIntegerHelpers.Punpckhqdq;
        t[(int)SseOp.Packsswb] = &SseIntegerHelpers.Packsswb;
        t[(int)SseOp.Packssdw] = &SseIntegerHelpers.Packssdw;
        t[(int)SseOp.Packuswb] = &SseIntegerHelpers.Packuswb;
        t[(int)SseOp.Psllw] = &SseIntegerHelpers.Psllw;
        t[(int)SseOp.Pslld] = &SseIntegerHelpers.Pslld;
        t[(int)SseOp.Psllq] = &SseIntegerHelpers.Psllq;
        t[(int)SseOp.Psrlw] = &SseIntegerHelpers.Psrlw;
        t[(int)SseOp.Psrld] = &SseIntegerHelpers.Psrld;
        t[(int)SseOp.Psrlq] = &SseIntegerHelpers.Psrlq;
        t[(int)SseOp.Psraw] = &SseIntegerHelpers.Psraw;
        t[(int)SseOp.Psrad] = &SseIntegerHelpers.Psrad;
        t[(int)SseOp.PsllwI] = &SseIntegerHelpers.PsllwI;
        t[(int)SseOp.PslldI] = &SseIntegerHelpers.PslldI;
        t[(int)SseOp.PsllqI] = &SseIntegerHelpers.PsllqI;
        t[(int)SseOp.PsrlwI] = &SseIntegerHelpers.PsrlwI;
        t[(int)SseOp.PsrldI] = &SseIntegerHelpers.PsrldI;
        t[(int)SseOp.PsrlqI] = &SseIntegerHelpers.PsrlqI;
        t[(int)SseOp.PsrawI] = &SseIntegerHelpers.PsrawI;
        t[(int)SseOp.PsradI] = &SseIntegerHelpers.PsradI;
        t[(int)SseOp.PslldqI] = &SseIntegerHelpers.PslldqI;
        t[(int)SseOp.PsrldqI] = &SseIntegerHelpers.PsrldqI;
        t[(int)SseOp.Addps] = &SseArithHelpers.Addps;
        t[(int)SseOp.Addss] = &SseArithHelpers.Addss;
        t[(int)SseOp.Addpd] = &SseArithHelpers.Addpd;
        t[(int)SseOp.Addsd] = &SseArithHelpers.Addsd;
        t[(int)SseOp.Subps] = &SseArithHelpers.Subps;
        t[(int)SseOp.Subss] = &SseArithHelpers.Subss;
        t[(int)SseOp.Subpd] = &SseArithHelpers.Subpd;
        t[(int)SseOp.Subsd] = &SseArithHelpers.Subsd;
        t[(int)SseOp.Mulps] = &SseArithHelpers.Mulps;
        t[(int)SseOp.Mulss] = &SseArithHelpers.Mulss;
        t[(int)SseOp.Mulpd] = &SseArithHelpers.Mulpd;
        t[(int)SseOp.Mulsd] = &SseArithHelpers.Mulsd;
        t[(int)SseOp.Divps] = &SseArithHelpers.Divps;
        t[(int)SseOp.Divss] = &SseArithHelpers.Divss;
        t[(int)SseOp.Divpd] = &SseArithHelpers.Divpd;
        t[(int)SseOp.Divsd] = &SseArithHelpers.Divsd;
        t[(int)SseOp.Minps] = &SseArithHelpers.Minps;
        t[(int)SseOp.Minss] = &SseArithHelpers.Minss;
        t[(int)SseOp.Minpd] = &SseArithHelpers.Minpd;
        t[(int)SseOp.Minsd] = &SseArithHelpers.Minsd;
        t[(int)SseOp.Maxps] = &SseArithHelpers.Maxps;
        t[(int)SseOp.Maxss] = &SseArithHelpers.Maxss;
        t[(int)SseOp.Maxpd] = &SseArithHelpers.Maxpd;
        t[(int)SseOp.Maxsd] = &SseArithHelpers.Maxsd;
        t[(int)SseOp.Sqrtps] = &SseArithHelpers.Sqrtps;
        t[(int)SseOp.Sqrtss] = &SseArithHelpers.Sqrtss;
        t[(int)SseOp.Sqrtpd] = &SseArithHelpers.Sqrtpd;
        t[(int)SseOp.Sqrtsd] = &SseArithHelpers.Sqrtsd;
        t[(int)SseOp.Rcpps] = &SseArithHelpers.Rcpps;
        t[(int)SseOp.Rcpss] = &SseArithHelpers.Rcpss;
        t[(int)SseOp.Rsqrtps] = &SseArithHelpers.Rsqrtps;
        t[(int)SseOp.Rsqrtss] = &SseArithHelpers.Rsqrtss;
        t[(int)SseOp.Cmpps] = &SseArithHelpers.Cmpps;
        t[(int)SseOp.Cmpss] = &SseArithHelpers.Cmpss;
        t[(int)SseOp.Cmppd] = &SseArithHelpers.Cmppd;
        t[(int)SseOp.Cmpsd] = &SseArithHelpers.Cmpsd;
        t[(int)SseOp.Cvtps2pd] = &SseArithHelpers.Cvtps2pd;
        t[(int)SseOp.Cvtpd2ps] = &SseArithHelpers.Cvtpd2ps;
        t[(int)SseOp.Cvtss2sd] = &SseArithHelpers.Cvtss2sd;
        t[(int)SseOp.Cvtsd2ss] = &SseArithHelpers.Cvtsd2ss;
        t[(int)SseOp.Cvtdq2ps] = &SseArithHelpers.Cvtdq2ps;
        t[(int)SseOp.Cvtps2dq] = &SseArithHelpers.Cvtps2dq;
        t[(int)SseOp.Cvttps2dq] = &SseArithHelpers.Cvttps2dq;
        t[(int)SseOp.Cvtdq2pd] = &SseArithHelpers.Cvtdq2pd;
        t[(int)SseOp.Cvtpd2dq] = &SseArithHelpers.Cvtpd2dq;
        t[(int)SseOp.Cvttpd2dq] = &SseArithHelpers.Cvttpd2dq;
        t[(int)SseOp.Cvtpi2ps] = &SseArithHelpers.Cvtpi2ps;
        t[(int)SseOp.Cvtps2pi] = &SseArithHelpers.Cvtps2pi;
        t[(int)SseOp.Cvttps2pi] = &SseArithHelpers.Cvttps2pi;
        t[(int)SseOp.Cvtpi2pd] = &SseArithHelpers.Cvtdq2pd;
        t[(int)SseOp.Cvtpd2pi] = &SseArithHelpers.Cvtpd2pi;
        t[(int)SseOp.Cvttpd2pi] = &SseArithHelpers.Cvttpd2pi;
        return t;
    }

    /// <summary>
    /// MXCSR bits ldmxcsr accepts (the host's MXCSR_MASK): the 16 architectural bits and, as on
    /// the AMD EPYC host, bit 17 (MM, misaligned-exception mask); any other bit is #GP.
    /// </summary>
    public const uint MxcsrWritable = 0x2FFFF;

    private static byte* XmmPtr(CpuState* cpu, uint i) => cpu->Xmm + (i & 7) * 16;

    private static byte* MmPtr(CpuState* cpu, uint i) => cpu->FpRegs + (i & 7) * 16;

    /// <summary>An MMX instruction puts the x87 unit in MMX mode: TOP 0, every register valid.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EnterMmx(CpuState* cpu)
    {
        cpu->FpTop = 0;
        cpu->FpTag = 0;
    }

    /// <summary>Writing an MMX register also sets the sign and exponent of its x87 register to all ones.</summary>
    private static void MarkMmWritten(byte* reg)
    {
        reg[8] = 0xFF;
        reg[9] = 0xFF;
    }

    /// <summary>Merges new exception flags into MXCSR, or raises SIGFPE for one that is unmasked.</summary>
    private static void RaiseFlags(CpuState* cpu, uint flags)
    {
        if (flags == 0) return;
        uint unmasked = flags & ~(cpu->Mxcsr >> 7) & 0x3F;
        cpu->Mxcsr |= flags;
        if (unmasked != 0)
            throw new GuestFaultException(Signals.SIGFPE, 0, false, $"unmasked SIMD floating-point exception ({FlagNames(unmasked)})");
    }

    private static string FlagNames(uint f)
    {
        string[] names = ["invalid", "denormal", "divide-by-zero", "overflow", "underflow", "precision"];
        var parts = new List<string>();
        for (int i = 0; i < 6; i++) if ((f & (1u << i)) != 0) parts.Add(names[i]);
        return string.Join(", ", parts);
    }

    private static GuestFaultException GeneralProtection(string why) => new(Signals.SIGSEGV, 0, true, $"general protection fault: {why}");

    /// <summary>Reads a memory operand into a 16-byte buffer (zero-filled past its size).</summary>
    private static void ReadOperand(CpuState* cpu, uint address, uint size, bool checkAlignment, byte* buffer)
    {
        if (checkAlignment && size == 16 && (address & 15) != 0)
            throw GeneralProtection($"misaligned 16-byte SSE operand at 0x{address:x8}");
        var memory = GuestMemory.Of(cpu);
        memory.Check(address, size, PageFlags.Read);
        Buffer.MemoryCopy(memory.Base + address, buffer, 16, size);
    }

    /// <summary>Runs the operation: destination register, a copy of the source.</summary>
    private static void Execute(CpuState* cpu, uint packed, uint dst, byte* src)
    {
        uint op = packed & SseOpBits.OpMask;
        bool dstMm = (packed & SseOpBits.DstMm) != 0;
        byte* d = dstMm ? MmPtr(cpu, dst) : XmmPtr(cpu, dst);
        uint len = dstMm ? 8u : 16u;
        byte* a = stackalloc byte[16];
        byte* r = stackalloc byte[16];
        Buffer.MemoryCopy(d, a, 16, 16);
        Buffer.MemoryCopy(d, r, 16, 16);
        uint flags = s_ops[op](cpu, r, a, src, (packed >> SseOpBits.ImmShift) & 0xFF | len << 8);
        RaiseFlags(cpu, flags);
        Buffer.MemoryCopy(r, d, len, len);
        if (dstMm) MarkMmWritten(d);
        if ((packed & (SseOpBits.DstMm | SseOpBits.SrcMm)) != 0) EnterMmx(cpu);
    }

    /// <summary>sse_rr: operation between two registers.</summary>
    public static uint Reg(CpuState* cpu, uint packed, uint dst, uint src, uint _)
    {
        byte* s = stackalloc byte[16];
        Buffer.MemoryCopy((packed & SseOpBits.SrcMm) != 0 ? MmPtr(cpu, src) : XmmPtr(cpu, src), s, 16, 16);
        Execute(cpu, packed, dst, s);
        return 0;
    }

    /// <summary>sse_rm: operation with a memory source of <paramref name="size"/> bytes.</summary>
    public static uint Mem(CpuState* cpu, uint packed, uint dst, uint address, uint size)
    {
        byte* s = stackalloc byte[16];
        *(UInt128*)s = 0;
        ReadOperand(cpu, address, size, !MayBeMisaligned((SseOp)(packed & SseOpBits.OpMask)), s);
        Execute(cpu, packed & ~SseOpBits.SrcMm, dst, s);
        return 0;
    }

    /// <summary>sse_st: stores (part of) a register; MaskMov takes two (<see cref="SseOpBits.MaskMovRegisters"/>).</summary>
    public static uint Store(CpuState* cpu, uint packed, uint reg, uint address, uint _)
    {
        bool mm = (packed & SseOpBits.SrcMm) != 0;
        byte* p = mm ? MmPtr(cpu, reg) : XmmPtr(cpu, reg);
        var memory = GuestMemory.Of(cpu);
        var op = (SseOp)(packed & SseOpBits.OpMask);
        if (op == SseOp.MaskMov)
        {
            byte* mask = mm ? MmPtr(cpu, reg >> SseOpBits.MaskRegisterShift) : XmmPtr(cpu, reg >> SseOpBits.MaskRegisterShift);
            uint n = mm ? 8u : 16u;
            for (uint i = 0; i < n; i++)
                if ((mask[i] & 0x80) != 0) memory.Write8(address + i, p[i]);
        }
        else
        {
            uint size = op switch { SseOp.StoreLow4 => 4u, SseOp.StoreLow8 or SseOp.StoreHigh8 => 8u, _ => 16u };
            if (op == SseOp.StoreA16 && (address & 15) != 0)
                throw GeneralProtection($"misaligned 16-byte SSE operand at 0x{address:x8}");
            memory.Check(address, size, PageFlags.Write);
            Buffer.MemoryCopy(op == SseOp.StoreHigh8 ? p + 8 : p, memory.Base + address, size, size);
        }
        if (mm) EnterMmx(cpu);
        return 0;
    }

    /// <summary>sse_to_gpr: a value for a general register from a register (size 0) or memory.</summary>
    public static uint ToGpr(CpuState* cpu, uint packed, uint src, uint size, uint _)
    {
        bool mm = (packed & SseOpBits.SrcMm) != 0;
        byte* s = stackalloc byte[16];
        *(UInt128*)s = 0;
        if (size == 0) Buffer.MemoryCopy(mm ? MmPtr(cpu, src) : XmmPtr(cpu, src), s, 16, 16);
        else ReadOperand(cpu, src, size, false, s);
        if (mm) EnterMmx(cpu);
        uint imm = (packed >> SseOpBits.ImmShift) & 0xFF;
        uint flags = 0, result;
        switch ((SseOp)(packed & SseOpBits.OpMask))
        {
            case SseOp.MovdToGpr: result = *(uint*)s; break;
            case SseOp.Pextrw: result = ((ushort*)s)[imm & (mm ? 3u : 7u)]; break;
            case SseOp.Pmovmskb:
                result = 0;
                for (int i = 0; i < (mm ? 8 : 16); i++) result |= (uint)(s[i] >> 7) << i;
                break;
            case SseOp.Movmskps:
                result = 0;
                for (int i = 0; i < 4; i++) result |= (((uint*)s)[i] >> 31) << i;
                break;
            case SseOp.Movmskpd: result = (uint)(((ulong*)s)[0] >> 63) | (uint)(((ulong*)s)[1] >> 63) << 1; break;
            case SseOp.Stmxcsr: result = cpu->Mxcsr; break;
            case SseOp.Cvtss2si: result = SseFloat.ToInt32(*(uint*)s, false, false, cpu->Mxcsr, ref flags); break;
            case SseOp.Cvttss2si: result = SseFloat.ToInt32(*(uint*)s, false, true, cpu->Mxcsr, ref flags); break;
            case SseOp.Cvtsd2si: result = SseFloat.ToInt32(*(ulong*)s, true, false, cpu->Mxcsr, ref flags); break;
            case SseOp.Cvttsd2si: result = SseFloat.ToInt32(*(ulong*)s, true, true, cpu->Mxcsr, ref flags); break;
            default: throw new InvalidOperationException($"sse_to_gpr: bad operation {packed & SseOpBits.OpMask}");
        }
        RaiseFlags(cpu, flags);
        return result;
    }

    /// <summary>gpr_to_sse: puts a general register's (or loaded) value into a register, or loads MXCSR.</summary>
    public static uint FromGpr(CpuState* cpu, uint packed, uint dst, uint value, uint _)
    {
        bool mm = (packed & SseOpBits.DstMm) != 0;
        byte* d = mm ? MmPtr(cpu, dst) : XmmPtr(cpu, dst);
        uint imm = (packed >> SseOpBits.ImmShift) & 0xFF;
        uint flags = 0;
        switch ((SseOp)(packed & SseOpBits.OpMask))
        {
            case SseOp.MovdFromGpr:
                ((ulong*)d)[0] = value;
                if (!mm) ((ulong*)d)[1] = 0;
                break;
            case SseOp.Pinsrw: ((ushort*)d)[imm & (mm ? 3u : 7u)] = (ushort)value; break;
            case SseOp.Ldmxcsr:
                if ((value & ~MxcsrWritable) != 0) throw GeneralProtection($"reserved MXCSR bits in 0x{value:x8}");
                cpu->Mxcsr = value;
                return 0;
            case SseOp.Cvtsi2ss:
            {
                uint v = (uint)SseFloat.FromInt32((int)value, false, cpu->Mxcsr, ref flags);
                RaiseFlags(cpu, flags);
                *(uint*)d = v;
                return 0;
            }
            case SseOp.Cvtsi2sd:
                *(ulong*)d = SseFloat.FromInt32((int)value, true, cpu->Mxcsr, ref flags);
                return 0;
            default: throw new InvalidOperationException($"gpr_to_sse: bad operation {packed & SseOpBits.OpMask}");
        }
        if (mm)
        {
            MarkMmWritten(d);
            EnterMmx(cpu);
        }
        return 0;
    }

    /// <summary>sse_comi: comiss/ucomiss/comisd/ucomisd; returns ZF, PF, CF (the other arithmetic flags clear).</summary>
    public static uint Comi(CpuState* cpu, uint packed, uint dst, uint src, uint size)
    {
        byte* s = stackalloc byte[16];
        *(UInt128*)s = 0;
        if (size == 0) Buffer.MemoryCopy(XmmPtr(cpu, src), s, 16, 16);
        else ReadOperand(cpu, src, size, false, s);
        byte* d = XmmPtr(cpu, dst);
        uint flags = 0, result = (SseOp)(packed & SseOpBits.OpMask) switch
        {
            SseOp.Comiss => SseFloat.CompareFlags(true, *(uint*)d, *(uint*)s, false, cpu->Mxcsr, ref flags),
            SseOp.Ucomiss => SseFloat.CompareFlags(false, *(uint*)d, *(uint*)s, false, cpu->Mxcsr, ref flags),
            SseOp.Comisd => SseFloat.CompareFlags(true, *(ulong*)d, *(ulong*)s, true, cpu->Mxcsr, ref flags),
            _ => SseFloat.CompareFlags(false, *(ulong*)d, *(ulong*)s, true, cpu->Mxcsr, ref flags),
        };
        RaiseFlags(cpu, flags);
        return result;
    }

    /// <summary>emms: every x87 register empty again.</summary>
    public static uint Emms(CpuState* cpu, uint _0, uint _1, uint _2, uint _3)
    {
        cpu->FpTag = 0xFFFF;
        return 0;
    }
}
