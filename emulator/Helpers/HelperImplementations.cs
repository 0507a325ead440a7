using System.Diagnostics;
using System.Numerics;
using Hdbt.Guest;
using Hdbt.Ir;
using Hdbt.Host;

namespace Hdbt.Helpers;

/// <summary>
/// The implementations of the IR helpers in <see cref="HelperTable"/>, all with one signature so
/// any backend can call them through one function pointer type.
/// </summary>
public static unsafe class HelperImplementations
{
    private static readonly delegate*<CpuState*, uint, uint, uint, uint, uint>[] s_table = Build();

    /// <summary>The function pointer of a helper.</summary>
    public static delegate*<CpuState*, uint, uint, uint, uint, uint> Get(HelperId id) => s_table[(int)id];

    private static delegate*<CpuState*, uint, uint, uint, uint, uint>[] Build()
    {
        var t = new delegate*<CpuState*, uint, uint, uint, uint, uint>[HelperTable.All.Length];
        t[(int)HelperId.ComputeEflags] = &ComputeEflags;
        t[(int)HelperId.ComputeCarry] = &ComputeCarry;
        t[(int)HelperId.DivB] = &DivB;
        t[(int)HelperId.DivW] = &DivW;
        t[(int)HelperId.DivL] = &DivL;
        t[(int)HelperId.IdivB] = &IdivB;
        t[(int)HelperId.IdivW] = &IdivW;
        t[(int)HelperId.IdivL] = &IdivL;
        t[(int)HelperId.RclB] = &RclB;
        t[(int)HelperId.RclW] = &RclW;
        t[(int)HelperId.RclL] = &RclL;
        t[(int)HelperId.RcrB] = &RcrB;
        t[(int)HelperId.RcrW] = &RcrW;
        t[(int)HelperId.RcrL] = &RcrL;
        t[(int)HelperId.Shld16] = &Shld16;
        t[(int)HelperId.Shld32] = &Shld32;
        t[(int)HelperId.Shrd16] = &Shrd16;
        t[(int)HelperId.Shrd32] = &Shrd32;
        t[(int)HelperId.Cpuid] = &CpuidHelper;
        t[(int)HelperId.Rdtsc] = &Rdtsc;
        t[(int)HelperId.LoadSegment] = &LoadSegment;
        t[(int)HelperId.ReadSegment] = &ReadSegment;
        t[(int)HelperId.Popf] = &Popf;
        t[(int)HelperId.X87Load] = &X87Helpers.Load;
        t[(int)HelperId.X87LoadReg] = &X87Helpers.LoadReg;
        t[(int)HelperId.X87Store] = &X87Helpers.Store;
        t[(int)HelperId.X87StoreReg] = &X87Helpers.StoreReg;
        t[(int)HelperId.X87ArithReg] = &X87Helpers.ArithReg;
        t[(int)HelperId.X87ArithMem] = &X87Helpers.ArithMem;
        t[(int)HelperId.X87Compare] = &X87Helpers.Compare;
        t[(int)HelperId.X87Comi] = &X87Helpers.Comi;
        t[(int)HelperId.X87Exchange] = &X87Helpers.Exchange;
        t[(int)HelperId.X87Fcmov] = &X87Helpers.Fcmov;
        t[(int)HelperId.X87Free] = &X87Helpers.Free;
        t[(int)HelperId.X87StatusWord] = &X87Helpers.StatusWord;
        t[(int)HelperId.X87Unary] = &X87Helpers.Unary;
        t[(int)HelperId.X87Control] = &X87Helpers.Control;
        t[(int)HelperId.SseReg] = &SseHelpers.Reg;
        t[(int)HelperId.SseMem] = &SseHelpers.Mem;
        t[(int)HelperId.SseStore] = &SseHelpers.Store;
        t[(int)HelperId.SseToGpr] = &SseHelpers.ToGpr;
        t[(int)HelperId.GprToSse] = &SseHelpers.FromGpr;
        t[(int)HelperId.SseComi] = &SseHelpers.Comi;
        t[(int)HelperId.Emms] = &SseHelpers.Emms;
        for (int i = 0; i < t.Length; i++)
            if (t[i] == null) throw new InvalidOperationException($"helper {(HelperId)i} has no implementation");
        return t;
    }

    private static uint ComputeEflags(CpuState* cpu, uint op, uint dst, uint src, uint src2) => LazyFlags.Compute(op, dst, src, src2);

    private static uint ComputeCarry(CpuState* cpu, uint op, uint dst, uint src, uint src2) => LazyFlags.ComputeCarry(op, dst, src, src2);

    private static GuestFaultException DivideError() => new(Signals.SIGFPE, 0, false, "integer divide error");

    private static uint DivB(CpuState* cpu, uint divisor, uint _1, uint _2, uint _3)
    {
        divisor &= 0xFF;
        if (divisor == 0) throw DivideError();
        uint n = cpu->Eax & 0xFFFF, q = n / divisor, r = n % divisor;
        if (q > 0xFF) throw DivideError();
        cpu->Eax = (cpu->Eax & 0xFFFF_0000) | (r << 8) | q;
        return 0;
    }

    private static uint DivW(CpuState* cpu, uint divisor, uint _1, uint _2, uint _3)
    {
        divisor &= 0xFFFF;
        if (divisor == 0) throw DivideError();
        uint n = ((cpu->Edx & 0xFFFF) << 16) | (cpu->Eax & 0xFFFF), q = n / divisor, r = n % divisor;
        if (q > 0xFFFF) throw DivideError();
        cpu->Eax = (cpu->Eax & 0xFFFF_0000) | q;
        cpu->Edx = (cpu->Edx & 0xFFFF_0000) | r;
        return 0;
    }

    private static uint DivL(CpuState* cpu, uint divisor, uint _1, uint _2, uint _3)
    {
        if (divisor == 0) throw DivideError();
        ulong n = ((ulong)cpu->Edx << 32) | cpu->Eax, q = n / divisor;
        if (q > uint.MaxValue) throw DivideError();
        cpu->Eax = (uint)q;
        cpu->Edx = (uint)(n % divisor);
        return 0;
    }

    private static uint IdivB(CpuState* cpu, uint divisor, uint _1, uint _2, uint _3)
    {
        int d = (sbyte)divisor;
        if (d == 0) throw DivideError();
        int n = (short)cpu->Eax, q = n / d, r = n % d;
        if (q is > sbyte.MaxValue or < sbyte.MinValue) throw DivideError();
        cpu->Eax = (cpu->Eax & 0xFFFF_0000) | (((uint)r & 0xFF) << 8) | ((uint)q & 0xFF);
        return 0;
    }

    private static uint IdivW(CpuState* cpu, uint divisor, uint _1, uint _2, uint _3)
    {
        int d = (short)divisor;
        if (d == 0) throw DivideError();
        int n = (int)(((cpu->Edx & 0xFFFF) << 16) | (cpu->Eax & 0xFFFF));
        long q = (long)n / d, r = (long)n % d;
        if (q is > short.MaxValue or < short.MinValue) throw DivideError();
        cpu->Eax = (cpu->Eax & 0xFFFF_0000) | ((uint)q & 0xFFFF);
        cpu->Edx = (cpu->Edx & 0xFFFF_0000) | ((uint)r & 0xFFFF);
        return 0;
    }

    private static uint IdivL(CpuState* cpu, uint divisor, uint _1, uint _2, uint _3)
    {
        long d = (int)divisor;
        if (d == 0) throw DivideError();
        long n = (long)(((ulong)cpu->Edx << 32) | cpu->Eax);
        if (n == long.MinValue && d == -1) throw DivideError();
        long q = n / d, r = n % d;
        if (q is > int.MaxValue or < int.MinValue) throw DivideError();
        cpu->Eax = (uint)q;
        cpu->Edx = (uint)r;
        return 0;
    }

    private static uint Eflags(CpuState* cpu) => LazyFlags.Compute(cpu->CcOp, cpu->CcDst, cpu->CcSrc, cpu->CcSrc2);

    private static void SetArithFlags(CpuState* cpu, uint flags)
    {
        cpu->CcOp = (uint)CcOp.Eflags;
        cpu->CcSrc = flags & Flags.Arith;
        cpu->CcDst = 0;
        cpu->CcSrc2 = 0;
    }

    private static uint Rcl(CpuState* cpu, uint value, uint count, int bits)
    {
        uint masked = count & 31;
        if (masked == 0) return value;
        uint n = bits == 32 ? masked : masked % (uint)(bits + 1);
        uint flags = Eflags(cpu);
        ulong mask = (1ul << bits) - 1;
        ulong v = value & mask;
        ulong cf = flags & Flags.CF;
        for (uint i = 0; i < n; i++)
        {
            ulong top = (v >> (bits - 1)) & 1;
            v = ((v << 1) | cf) & mask;
            cf = top;
        }
        uint msb = (uint)(v >> (bits - 1)) & 1;
        flags = (flags & ~(Flags.CF | Flags.OF)) | (uint)cf | (((msb ^ (uint)cf) & 1) != 0 ? Flags.OF : 0);
        SetArithFlags(cpu, flags);
        return (uint)v;
    }

    private static uint Rcr(CpuState* cpu, uint value, uint count, int bits)
    {
        uint masked = count & 31;
        if (masked == 0) return value;
        uint n = bits == 32 ? masked : masked % (uint)(bits + 1);
        uint flags = Eflags(cpu);
        ulong mask = (1ul << bits) - 1;
        ulong v = value & mask;
        ulong cf = flags & Flags.CF;
        for (uint i = 0; i < n; i++)
        {
            ulong low = v & 1;
            v = (v >> 1) | (cf << (bits - 1));
            cf = low;
        }
        // OF is defined for count 1 as MSB xor CF before rotating, which is the two top bits of the
        // result; the hardware (AMD, measured) uses the two top bits of the result for every count.
        uint of = (uint)((v >> (bits - 1)) ^ (v >> (bits - 2))) & 1;
        flags = (flags & ~(Flags.CF | Flags.OF)) | (uint)cf | (of != 0 ? Flags.OF : 0);
        SetArithFlags(cpu, flags);
        return (uint)v;
    }

    private static uint RclB(CpuState* cpu, uint v, uint c, uint _2, uint _3) => Rcl(cpu, v, c, 8);
    private static uint RclW(CpuState* cpu, uint v, uint c, uint _2, uint _3) => Rcl(cpu, v, c, 16);
    private static uint RclL(CpuState* cpu, uint v, uint c, uint _2, uint _3) => Rcl(cpu, v, c, 32);
    private static uint RcrB(CpuState* cpu, uint v, uint c, uint _2, uint _3) => Rcr(cpu, v, c, 8);
    private static uint RcrW(CpuState* cpu, uint v, uint c, uint _2, uint _3) => Rcr(cpu, v, c, 16);
    private static uint RcrL(CpuState* cpu, uint v, uint c, uint _2, uint _3) => Rcr(cpu, v, c, 32);

    /// <summary>Flags of a double shift: CF is the last bit shifted out; OF the sign change (defined for count 1).</summary>
    /// <remarks>
    /// For other counts OF and AF are undefined; this computes what the hardware does (AMD, measured):
    /// OF is the count-1 formula applied to the result (shld: MSB xor CF; shrd: MSB xor MSB-1), AF is set.
    /// </remarks>
    private static void DoubleShiftFlags(CpuState* cpu, uint result, uint cf, bool left, int bits)
    {
        uint mask = bits == 32 ? 0xFFFF_FFFFu : (1u << bits) - 1;
        uint sign = 1u << (bits - 1);
        uint r = result & mask;
        uint flags = Flags.AF;
        if (cf != 0) flags |= Flags.CF;
        if (r == 0) flags |= Flags.ZF;
        if ((r & sign) != 0) flags |= Flags.SF;
        if ((BitOperations.PopCount(r & 0xFF) & 1) == 0) flags |= Flags.PF;
        uint msb = r >> (bits - 1);
        if (((left ? msb ^ cf : msb ^ (r >> (bits - 2))) & 1) != 0) flags |= Flags.OF;
        SetArithFlags(cpu, flags);
    }

    private static uint Shld(CpuState* cpu, uint dst, uint src, uint count, int bits)
    {
        int n = (int)(count & 31);
        if (n == 0) return dst;
        uint result, cf;
        if (bits == 32)
        {
            result = (dst << n) | (src >> (32 - n));
            cf = (dst >> (32 - n)) & 1;
        }
        else
        {
            // 16-bit: shift the 48-bit concatenation dst:src:dst (counts above 16 are undefined; this is what Intel parts do).
            ulong wide = ((ulong)(dst & 0xFFFF) << 32) | ((ulong)(src & 0xFFFF) << 16) | (dst & 0xFFFF);
            ulong shifted = wide << n;
            result = (uint)(shifted >> 32) & 0xFFFF;
            cf = (uint)(shifted >> 48) & 1;
        }
        DoubleShiftFlags(cpu, result, cf, left: true, bits);
        return result;
    }

    private static uint Shrd(CpuState* cpu, uint dst, uint src, uint count, int bits)
    {
        int n = (int)(count & 31);
        if (n == 0) return dst;
        uint result, cf;
        if (bits == 32)
        {
            result = (dst >> n) | (src << (32 - n));
            cf = (dst >> (n - 1)) & 1;
        }
        else
        {
            ulong wide = ((ulong)(dst & 0xFFFF) << 32) | ((ulong)(src & 0xFFFF) << 16) | (dst & 0xFFFF);
            ulong shifted = wide >> n;
            result = (uint)shifted & 0xFFFF;
            cf = (uint)(wide >> (n - 1)) & 1;
        }
        DoubleShiftFlags(cpu, result, cf, left: false, bits);
        return result;
    }

    private static uint Shld16(CpuState* cpu, uint d, uint s, uint c, uint _3) => Shld(cpu, d, s, c, 16);
    private static uint Shld32(CpuState* cpu, uint d, uint s, uint c, uint _3) => Shld(cpu, d, s, c, 32);
    private static uint Shrd16(CpuState* cpu, uint d, uint s, uint c, uint _3) => Shrd(cpu, d, s, c, 16);
    private static uint Shrd32(CpuState* cpu, uint d, uint s, uint c, uint _3) => Shrd(cpu, d, s, c, 32);

    private static uint CpuidHelper(CpuState* cpu, uint _0, uint _1, uint _2, uint _3)
    {
        var (a, b, c, d) = Cpuid.Query(cpu->Eax, cpu->Ecx);
        cpu->Eax = a; cpu->Ebx = b; cpu->Ecx = c; cpu->Edx = d;
        return 0;
    }

    private static uint Rdtsc(CpuState* cpu, uint _0, uint _1, uint _2, uint _3)
    {
        ulong t = (ulong)Stopwatch.GetTimestamp();
        cpu->Eax = (uint)t;
        cpu->Edx = (uint)(t >> 32);
        return 0;
    }

    private static uint LoadSegment(CpuState* cpu, uint seg, uint selector, uint _2, uint _3)
    {
        var sreg = (SegmentRegister)seg;
        selector &= 0xFFFF;
        uint index = selector >> 3;
        uint @base;
        if ((selector & ~3u) == 0 && sreg is not (SegmentRegister.Cs or SegmentRegister.Ss)) @base = 0;
        else if ((selector & 4) == 0 && (selector & 3) == 3 && (selector == SegmentSelectors.UserDs || selector == SegmentSelectors.UserCs && sreg == SegmentRegister.Cs)) @base = 0;
        else if ((selector & 4) == 0 && (selector & 3) == 3 && index >= SegmentSelectors.TlsEntryMin && index < SegmentSelectors.TlsEntryMin + 3 &&
                 cpu->TlsFlags[index - SegmentSelectors.TlsEntryMin] != 0)
            @base = cpu->TlsBase[index - SegmentSelectors.TlsEntryMin];
        else throw new GuestFaultException(Signals.SIGSEGV, 0, true, $"general protection fault loading selector 0x{selector:x}");
        cpu->Selectors[seg] = (ushort)selector;
        ((uint*)&cpu->EsBase)[seg] = @base;
        return 0;
    }

    private static uint ReadSegment(CpuState* cpu, uint seg, uint _1, uint _2, uint _3) => cpu->Selectors[seg];

    private static uint Popf(CpuState* cpu, uint value, uint _1, uint _2, uint _3)
    {
        cpu->SetEflags(value);
        return 0;
    }
}
