using System.Runtime.CompilerServices;
using Hdbt.Fpu;
using Hdbt.Guest;
using Hdbt.Host;
using Hdbt.Ir;

namespace Hdbt.Helpers;

/// <summary>
/// The x87 helpers: one call per x87 instruction, on the register stack in <see cref="CpuState"/>
/// and guest memory, with <see cref="Float80"/> arithmetic. Stack faults get the masked responses
/// (IE+SF, C1 = 1 on overflow and 0 on underflow, the indefinite as the value).
/// </summary>
/// <remarks>
/// Unmasked exceptions: the flag is raised and ES/B set as on hardware, and the next waiting x87
/// instruction reports SIGFPE (the hardware's #MF). The destination has already been written
/// with the masked response by then, which differs from hardware for unmasked IE/ZE/DE/OE/UE.
/// </remarks>
public static unsafe class X87Helpers
{
    // ---- register stack ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Phys(CpuState* cpu, uint i) => (int)((cpu->FpTop + i) & 7);

    private static Float80 ReadPhys(CpuState* cpu, int p)
    {
        byte* r = cpu->FpRegs + 16 * p;
        return new Float80(Unsafe.ReadUnaligned<ulong>(r), Unsafe.ReadUnaligned<ushort>(r + 8));
    }

    private static void WritePhys(CpuState* cpu, int p, Float80 v)
    {
        byte* r = cpu->FpRegs + 16 * p;
        Unsafe.WriteUnaligned(r, v.Mant);
        Unsafe.WriteUnaligned(r + 8, v.SignExp);
        SetTag(cpu, p, TagOf(v));
    }

    /// <summary>The tag of a value: 0 valid, 1 zero, 2 special (NaN, infinity, denormal, unsupported).</summary>
    public static int TagOf(Float80 v)
    {
        int e = v.Exp;
        if (e == 0) return v.Mant == 0 ? 1 : 2;
        if (e == Float80.MaxExp || (v.Mant & Float80.IntegerBit) == 0) return 2;
        return 0;
    }

    private static void SetTag(CpuState* cpu, int p, int tag) =>
        cpu->FpTag = (ushort)((cpu->FpTag & ~(3 << (2 * p))) | (tag << (2 * p)));

    private static bool IsEmptyPhys(CpuState* cpu, int p) => ((cpu->FpTag >> (2 * p)) & 3) == 3;

    private static bool IsEmpty(CpuState* cpu, uint i) => IsEmptyPhys(cpu, Phys(cpu, i));

    private static Float80 St(CpuState* cpu, uint i) => ReadPhys(cpu, Phys(cpu, i));

    private static void SetSt(CpuState* cpu, uint i, Float80 v) => WritePhys(cpu, Phys(cpu, i), v);

    private static void Pop(CpuState* cpu)
    {
        SetTag(cpu, (int)cpu->FpTop, 3);
        cpu->FpTop = (cpu->FpTop + 1) & 7;
    }

    /// <summary>Pushes a value; on overflow (ST(7) in use) the masked response pushes the indefinite.</summary>
    /// <summary>Whether a push would overflow: the register that becomes ST(0) (today's ST(7)) is in use.</summary>
    private static bool PushOverflows(CpuState* cpu) => !IsEmptyPhys(cpu, (int)((cpu->FpTop - 1) & 7));

    /// <summary>Pushes the indefinite without any stack check (the fault was already reported).</summary>
    private static void PushIndefinite(CpuState* cpu)
    {
        cpu->FpTop = (cpu->FpTop - 1) & 7;
        WritePhys(cpu, (int)cpu->FpTop, Float80.Indefinite);
    }

    /// <summary>
    /// A two-result instruction (fxtract, fsincos, fptan) on a full stack: the push overflows and
    /// nothing is computed; both the old ST(0) and the new ST(0) get the indefinite, as on the hardware.
    /// </summary>
    private static void OverflowTwoResults(CpuState* cpu)
    {
        StackFault(cpu, overflow: true);
        SetSt(cpu, 0, Float80.Indefinite);
        PushIndefinite(cpu);
    }

    private static void Push(CpuState* cpu, Float80 v)
    {
        uint top = (cpu->FpTop - 1) & 7;
        if (PushOverflows(cpu))
        {
            StackFault(cpu, overflow: true);
            v = Float80.Indefinite;
        }
        else cpu->FpStatus &= unchecked((ushort)~FpStatus.C1);
        cpu->FpTop = top;
        WritePhys(cpu, (int)top, v);
    }

    private static void StackFault(CpuState* cpu, bool overflow)
    {
        ushort s = (ushort)(cpu->FpStatus & ~FpStatus.C1);
        s |= FpStatus.IE | FpStatus.SF;
        if (overflow) s |= FpStatus.C1;
        cpu->FpStatus = s;
        UpdateSummary(cpu);
    }

    /// <summary>Sets ES and B when an unmasked exception flag is raised.</summary>
    private static void UpdateSummary(CpuState* cpu)
    {
        if ((cpu->FpStatus & ~cpu->FpControl & FpStatus.Exceptions) != 0) cpu->FpStatus |= FpStatus.ES | FpStatus.B;
    }

    /// <summary>A waiting x87 instruction with an unmasked exception pending: #MF, which Linux delivers as SIGFPE.</summary>
    private static void CheckPending(CpuState* cpu)
    {
        if ((cpu->FpStatus & FpStatus.ES) != 0)
            throw new GuestFaultException(Signals.SIGFPE, 0, false, "x87 floating-point exception (unmasked, pending)");
    }

    private static FpEnv Env(CpuState* cpu) => new(cpu->FpControl);

    /// <summary>Merges an operation's flags into FSW; C1 comes from the operation (cleared when it did not round up).</summary>
    private static void Commit(CpuState* cpu, in FpEnv env)
    {
        cpu->FpStatus = (ushort)((cpu->FpStatus & ~FpStatus.C1) | env.Status);
        UpdateSummary(cpu);
    }

    /// <summary>Commits condition codes C0..C3 wholesale plus the exception flags.</summary>
    private static void CommitConditions(CpuState* cpu, in FpEnv env, ushort conditions)
    {
        cpu->FpStatus = (ushort)((cpu->FpStatus & ~FpStatus.Conditions) | (env.Status & ~FpStatus.Conditions) | conditions);
        UpdateSummary(cpu);
    }

    // ---- memory operands ----

    private static Float80 LoadMem(CpuState* cpu, X87MemKind kind, uint addr, ref FpEnv env)
    {
        var mem = GuestMemory.Of(cpu);
        switch (kind)
        {
            case X87MemKind.Single: return F80Convert.FromSingle(mem.Read32(addr), ref env);
            case X87MemKind.Double: return F80Convert.FromDouble(Read64(mem, addr), ref env);
            case X87MemKind.Extended:
                mem.Check(addr, 10, PageFlags.Read);
                return new Float80(Unsafe.ReadUnaligned<ulong>(mem.HostPointer(addr)), Unsafe.ReadUnaligned<ushort>(mem.HostPointer(addr + 8)));
            case X87MemKind.Int16: return F80Convert.FromInt64((short)mem.Read16(addr));
            case X87MemKind.Int32: return F80Convert.FromInt64((int)mem.Read32(addr));
            case X87MemKind.Int64: return F80Convert.FromInt64((long)Read64(mem, addr));
            case X87MemKind.Bcd:
                mem.Check(addr, 10, PageFlags.Read);
                return F80Convert.FromBcd(new ReadOnlySpan<byte>(mem.HostPointer(addr), 10));
            default: throw new InvalidOperationException($"x87 load of {kind}");
        }
    }

    /// <summary>
    /// The memory operand of an arithmetic or compare instruction. Unlike fld, the operand is not
    /// loaded on its own: a signalling NaN stays signalling (the operation raises IE and applies the
    /// NaN rules, where a QNaN in ST(0) beats it), and a denormal m32/m64 raises DE only when ST(0)
    /// is not a NaN (the NaN result makes the denormal irrelevant; measured on the AMD EPYC host).
    /// </summary>
    private static Float80 LoadOperand(CpuState* cpu, X87MemKind kind, uint addr, Float80 st0, ref FpEnv env)
    {
        var load = Env(cpu);
        var v = LoadMem(cpu, kind, addr, ref load);
        if ((load.Status & FpStatus.IE) != 0) v = new Float80(v.Mant & ~Float80.QuietBit, v.SignExp);
        if ((load.Status & FpStatus.DE) != 0 && !st0.IsNaN) env.Raise(FpStatus.DE);
        return v;
    }

    private static ulong Read64(GuestMemory mem, uint addr)
    {
        mem.Check(addr, 8, PageFlags.Read);
        return Unsafe.ReadUnaligned<ulong>(mem.HostPointer(addr));
    }

    private static void Write64(GuestMemory mem, uint addr, ulong v)
    {
        mem.Check(addr, 8, PageFlags.Write);
        Unsafe.WriteUnaligned(mem.HostPointer(addr), v);
    }

    private static int MemSize(X87MemKind kind) => kind switch
    {
        X87MemKind.Single or X87MemKind.Int32 or X87MemKind.Int32Trunc => 4,
        X87MemKind.Double or X87MemKind.Int64 or X87MemKind.Int64Trunc => 8,
        X87MemKind.Int16 or X87MemKind.Int16Trunc => 2,
        _ => 10,
    };

    private static void StoreMem(CpuState* cpu, X87MemKind kind, uint addr, Float80 v, bool empty, ref FpEnv env)
    {
        var mem = GuestMemory.Of(cpu);
        // Check the whole destination first: a faulting store leaves the FPU state alone.
        mem.Check(addr, (uint)MemSize(kind), PageFlags.Write);
        if (empty) v = Float80.Indefinite;
        switch (kind)
        {
            case X87MemKind.Single: mem.Write32(addr, F80Convert.ToSingle(v, ref env)); break;
            case X87MemKind.Double: Write64(mem, addr, F80Convert.ToDouble(v, ref env)); break;
            case X87MemKind.Extended:
                Unsafe.WriteUnaligned(mem.HostPointer(addr), v.Mant);
                Unsafe.WriteUnaligned(mem.HostPointer(addr + 8), v.SignExp);
                break;
            case X87MemKind.Int16: mem.Write16(addr, (ushort)F80Convert.ToInt(v, 16, false, ref env)); break;
            case X87MemKind.Int32: mem.Write32(addr, (uint)F80Convert.ToInt(v, 32, false, ref env)); break;
            case X87MemKind.Int64: Write64(mem, addr, (ulong)F80Convert.ToInt(v, 64, false, ref env)); break;
            case X87MemKind.Int16Trunc: mem.Write16(addr, (ushort)F80Convert.ToInt(v, 16, true, ref env)); break;
            case X87MemKind.Int32Trunc: mem.Write32(addr, (uint)F80Convert.ToInt(v, 32, true, ref env)); break;
            case X87MemKind.Int64Trunc: Write64(mem, addr, (ulong)F80Convert.ToInt(v, 64, true, ref env)); break;
            case X87MemKind.Bcd:
                F80Convert.ToBcd(v, new Span<byte>(mem.HostPointer(addr), 10), ref env);
                break;
            default: throw new InvalidOperationException($"x87 store of {kind}");
        }
    }

    // ---- helpers (IR entry points) ----

    /// <summary>fld/fild/fbld from memory: push.</summary>
    public static uint Load(CpuState* cpu, uint kind, uint addr, uint _2, uint _3)
    {
        CheckPending(cpu);
        var env = Env(cpu);
        var v = LoadMem(cpu, (X87MemKind)kind, addr, ref env);
        Push(cpu, v);
        cpu->FpStatus |= (ushort)(env.Status & FpStatus.Exceptions);
        UpdateSummary(cpu);
        return 0;
    }

    /// <summary>fld st(i): push a copy of ST(i).</summary>
    public static uint LoadReg(CpuState* cpu, uint i, uint _1, uint _2, uint _3)
    {
        CheckPending(cpu);
        if (IsEmpty(cpu, i))
        {
            // The underflow is what gets reported (C1 = 0) even when the push also overflows.
            StackFault(cpu, overflow: false);
            PushIndefinite(cpu);
            return 0;
        }
        Push(cpu, St(cpu, i));
        return 0;
    }

    /// <summary>fst/fstp/fist/fistp/fisttp/fbstp to memory; <paramref name="pop"/> nonzero pops.</summary>
    public static uint Store(CpuState* cpu, uint kind, uint addr, uint pop, uint _3)
    {
        CheckPending(cpu);
        var env = Env(cpu);
        bool empty = IsEmpty(cpu, 0);
        StoreMem(cpu, (X87MemKind)kind, addr, St(cpu, 0), empty, ref env);
        if (empty)
        {
            StackFault(cpu, overflow: false);
            cpu->FpStatus |= (ushort)(env.Status & FpStatus.Exceptions & ~FpStatus.PE);
        }
        else Commit(cpu, env);
        if (pop != 0) Pop(cpu);
        UpdateSummary(cpu);
        return 0;
    }

    /// <summary>fst/fstp st(i): ST(i) = ST(0); <paramref name="pop"/> nonzero pops.</summary>
    public static uint StoreReg(CpuState* cpu, uint i, uint pop, uint _2, uint _3)
    {
        CheckPending(cpu);
        if (IsEmpty(cpu, 0))
        {
            StackFault(cpu, overflow: false);
            SetSt(cpu, i, Float80.Indefinite);
        }
        else
        {
            cpu->FpStatus &= unchecked((ushort)~FpStatus.C1);
            SetSt(cpu, i, St(cpu, 0));
        }
        if (pop != 0) Pop(cpu);
        return 0;
    }

    /// <summary>Two-operand arithmetic op, an <see cref="X87ArithOp"/> (the IR verifier rejects other values).</summary>
    private static Float80 Arith(uint op, Float80 a, Float80 b, ref FpEnv env) => (X87ArithOp)op switch
    {
        X87ArithOp.Add => F80Arith.Add(a, b, ref env),
        X87ArithOp.Mul => F80Arith.Mul(a, b, ref env),
        X87ArithOp.Sub => F80Arith.Sub(a, b, ref env),
        X87ArithOp.Subr => F80Arith.Sub(b, a, ref env),
        X87ArithOp.Div => F80Arith.Div(a, b, ref env),
        _ => F80Arith.Div(b, a, ref env),
    };

    /// <summary>ST(dst) = ST(dst) op ST(src), then pop if asked (fadd st, st(i); faddp st(i), st ...).</summary>
    public static uint ArithReg(CpuState* cpu, uint op, uint dst, uint src, uint pop)
    {
        CheckPending(cpu);
        if (IsEmpty(cpu, dst) || IsEmpty(cpu, src))
        {
            StackFault(cpu, overflow: false);
            SetSt(cpu, dst, Float80.Indefinite);
        }
        else
        {
            var env = Env(cpu);
            var r = Arith(op, St(cpu, dst), St(cpu, src), ref env);
            SetSt(cpu, dst, r);
            Commit(cpu, env);
        }
        if (pop != 0) Pop(cpu);
        return 0;
    }

    /// <summary>ST(0) = ST(0) op m32/m64/m16int/m32int.</summary>
    public static uint ArithMem(CpuState* cpu, uint op, uint kind, uint addr, uint _3)
    {
        CheckPending(cpu);
        var env = Env(cpu);
        var m = LoadOperand(cpu, (X87MemKind)kind, addr, St(cpu, 0), ref env);
        if (IsEmpty(cpu, 0))
        {
            StackFault(cpu, overflow: false);
            SetSt(cpu, 0, Float80.Indefinite);
            return 0;
        }
        var r = Arith(op, St(cpu, 0), m, ref env);
        SetSt(cpu, 0, r);
        Commit(cpu, env);
        return 0;
    }

    /// <summary>fcom/fcomp/fcompp/fucom*/ficom*/ftst: C3 C2 C0 from ST(0) vs ST(i) or a memory operand.</summary>
    public static uint Compare(CpuState* cpu, uint modeArg, uint kind, uint addr, uint _3)
    {
        var mode = (X87CompareFlags)modeArg;
        CheckPending(cpu);
        var env = Env(cpu);
        Float80 b;
        bool empty = IsEmpty(cpu, 0);
        if ((mode & X87CompareFlags.Memory) != 0) b = LoadOperand(cpu, (X87MemKind)kind, addr, St(cpu, 0), ref env);
        else if ((mode & X87CompareFlags.Zero) != 0) b = Float80.Zero(false);
        else
        {
            b = St(cpu, mode.StackIndex());
            empty |= IsEmpty(cpu, mode.StackIndex());
        }
        if (empty)
        {
            StackFault(cpu, overflow: false);
            cpu->FpStatus |= FpStatus.C0 | FpStatus.C2 | FpStatus.C3;
        }
        else
        {
            var o = F80Compare.Compare(St(cpu, 0), b, (mode & X87CompareFlags.Quiet) != 0, ref env);
            CommitConditions(cpu, env, F80Compare.ConditionBits(o));
        }
        uint pops = mode.PopCount();
        for (uint k = 0; k < pops; k++) Pop(cpu);
        return 0;
    }

    /// <summary>fcomi/fcomip/fucomi/fucomip: returns ZF/PF/CF; the mode's <see cref="X87CompareFlags.Quiet"/> and <see cref="X87CompareFlags.Pop1"/> apply.</summary>
    public static uint Comi(CpuState* cpu, uint modeArg, uint _1, uint _2, uint _3)
    {
        var mode = (X87CompareFlags)modeArg;
        CheckPending(cpu);
        uint i = mode.StackIndex();
        uint flags;
        if (IsEmpty(cpu, 0) || IsEmpty(cpu, i))
        {
            StackFault(cpu, overflow: false);
            flags = 0x45;
        }
        else
        {
            var env = Env(cpu);
            var o = F80Compare.Compare(St(cpu, 0), St(cpu, i), (mode & X87CompareFlags.Quiet) != 0, ref env);
            cpu->FpStatus = (ushort)((cpu->FpStatus & ~FpStatus.C1) | (env.Status & FpStatus.Exceptions));
            UpdateSummary(cpu);
            flags = F80Compare.EflagsBits(o);
        }
        if ((mode & X87CompareFlags.Pop1) != 0) Pop(cpu);
        return flags;
    }

    /// <summary>fxch st(i).</summary>
    public static uint Exchange(CpuState* cpu, uint i, uint _1, uint _2, uint _3)
    {
        CheckPending(cpu);
        bool e0 = IsEmpty(cpu, 0), ei = IsEmpty(cpu, i);
        var a = e0 ? Float80.Indefinite : St(cpu, 0);
        var b = ei ? Float80.Indefinite : St(cpu, i);
        if (e0 || ei) StackFault(cpu, overflow: false);
        else cpu->FpStatus &= unchecked((ushort)~FpStatus.C1);
        SetSt(cpu, 0, b);
        SetSt(cpu, i, a);
        return 0;
    }

    /// <summary>fcmovcc: ST(0) = ST(i) when <paramref name="cond"/> is nonzero.</summary>
    public static uint Fcmov(CpuState* cpu, uint cond, uint i, uint _2, uint _3)
    {
        CheckPending(cpu);
        if (IsEmpty(cpu, 0) || IsEmpty(cpu, i))
        {
            // The operands are checked before the condition: an empty one is a stack underflow and
            // ST(0) gets the indefinite even when the move would not happen (as the hardware does).
            StackFault(cpu, overflow: false);
            SetSt(cpu, 0, Float80.Indefinite);
            return 0;
        }
        cpu->FpStatus &= unchecked((ushort)~FpStatus.C1);
        if (cond != 0) SetSt(cpu, 0, St(cpu, i));
        return 0;
    }

    /// <summary>ffree st(i) (and ffreep: pop too).</summary>
    public static uint Free(CpuState* cpu, uint i, uint pop, uint _2, uint _3)
    {
        CheckPending(cpu);
        SetTag(cpu, Phys(cpu, i), 3);
        // ffreep also pops: ST(0) is tagged empty as well (ST(i) may be a different register).
        if (pop != 0) Pop(cpu);
        return 0;
    }

    /// <summary>fnstsw: the status word with TOP.</summary>
    public static uint StatusWord(CpuState* cpu, uint _0, uint _1, uint _2, uint _3) =>
        ((uint)cpu->FpStatus & ~0x3800u) | ((cpu->FpTop & 7) << 11);

    /// <summary>Operations on the stack top without memory operands.</summary>
    public static uint Unary(CpuState* cpu, uint op, uint _1, uint _2, uint _3)
    {
        var u = (X87Unary)op;
        if (u is not (X87Unary.Fninit or X87Unary.Fnclex)) CheckPending(cpu);
        switch (u)
        {
            case X87Unary.Fninit:
                cpu->FpControl = 0x037F;
                cpu->FpStatus = 0;
                cpu->FpTop = 0;
                cpu->FpTag = 0xFFFF;
                cpu->FpIp = cpu->FpDp = 0;
                cpu->FpOpcode = 0;
                return 0;
            case X87Unary.Fnclex:
                cpu->FpStatus &= unchecked((ushort)~(FpStatus.Exceptions | FpStatus.SF | FpStatus.ES | FpStatus.B));
                return 0;
            case X87Unary.Fwait:
            case X87Unary.Fnop:
                return 0;
            case X87Unary.Fincstp:
                cpu->FpTop = (cpu->FpTop + 1) & 7;
                cpu->FpStatus &= unchecked((ushort)~FpStatus.C1);
                return 0;
            case X87Unary.Fdecstp:
                cpu->FpTop = (cpu->FpTop - 1) & 7;
                cpu->FpStatus &= unchecked((ushort)~FpStatus.C1);
                return 0;
            case >= X87Unary.Fld1 and <= X87Unary.Fldz:
                Push(cpu, Constant(u, (cpu->FpControl >> 10) & 3));
                return 0;
            case X87Unary.Fxam:
            {
                bool empty = IsEmpty(cpu, 0);
                ushort c = F80Compare.Examine(St(cpu, 0), empty);
                cpu->FpStatus = (ushort)((cpu->FpStatus & ~FpStatus.Conditions) | c);
                return 0;
            }
            case X87Unary.Ftst:
                return Compare(cpu, (uint)X87CompareFlags.Zero, 0, 0, 0);
        }
        if (IsEmpty(cpu, 0) || (NeedsSt1(u) && IsEmpty(cpu, 1)))
        {
            StackFault(cpu, overflow: false);
            UnaryUnderflow(cpu, u);
            return 0;
        }
        var env = Env(cpu);
        var a = St(cpu, 0);
        switch (u)
        {
            case X87Unary.Fchs:
                SetSt(cpu, 0, a.Negate());
                cpu->FpStatus &= unchecked((ushort)~FpStatus.C1);
                return 0;
            case X87Unary.Fabs:
                SetSt(cpu, 0, a.Abs());
                cpu->FpStatus &= unchecked((ushort)~FpStatus.C1);
                return 0;
            case X87Unary.Fsqrt:
                SetSt(cpu, 0, F80Arith.Sqrt(a, ref env));
                break;
            case X87Unary.Frndint:
                SetSt(cpu, 0, F80Convert.RoundToIntegral(a, ref env));
                break;
            case X87Unary.Fscale:
                SetSt(cpu, 0, F80Misc.Scale(a, St(cpu, 1), ref env));
                break;
            case X87Unary.Fprem:
            case X87Unary.Fprem1:
            {
                var r = F80Misc.Remainder(a, St(cpu, 1), u == X87Unary.Fprem1, ref env);
                SetSt(cpu, 0, r);
                CommitConditions(cpu, env, (ushort)(env.Status & FpStatus.Conditions));
                return 0;
            }
            case X87Unary.Fxtract:
            {
                if (PushOverflows(cpu))
                {
                    OverflowTwoResults(cpu);
                    return 0;
                }
                var (e, s) = F80Misc.Extract(a, ref env);
                SetSt(cpu, 0, e);
                Commit(cpu, env);
                Push(cpu, s);
                return 0;
            }
            case X87Unary.Fsin:
            case X87Unary.Fcos:
            case X87Unary.Fptan:
            case X87Unary.Fsincos:
            {
                if (F80Transcendental.OutOfRange(a))
                {
                    // |x| >= 2^63: C2 set, operand left unchanged.
                    cpu->FpStatus = (ushort)((cpu->FpStatus & ~FpStatus.C1) | FpStatus.C2);
                    return 0;
                }
                if (u == X87Unary.Fsincos || u == X87Unary.Fptan)
                {
                    // Pushing needs a free ST(7) first: otherwise the stack overflows and nothing is computed.
                    if (PushOverflows(cpu))
                    {
                        OverflowTwoResults(cpu);
                        return 0;
                    }
                }
                Float80 r0, r1 = default;
                switch (u)
                {
                    case X87Unary.Fsin: r0 = F80Transcendental.Sin(a, ref env); break;
                    case X87Unary.Fcos: r0 = F80Transcendental.Cos(a, ref env); break;
                    case X87Unary.Fptan:
                        r0 = F80Transcendental.Tan(a, ref env);
                        r1 = Float80.One;
                        break;
                    default:
                        (r0, r1) = F80Transcendental.SinCos(a, ref env);
                        break;
                }
                cpu->FpStatus &= unchecked((ushort)~FpStatus.C2);
                SetSt(cpu, 0, r0);
                Commit(cpu, env);
                if (u is X87Unary.Fptan or X87Unary.Fsincos)
                {
                    // fptan pushes 1.0 (NaN operand: the NaN); fsincos pushes the cosine over the sine.
                    if (u == X87Unary.Fptan && r0.IsNaN) r1 = r0;
                    cpu->FpTop = (cpu->FpTop - 1) & 7;
                    WritePhys(cpu, (int)cpu->FpTop, r1);
                }
                return 0;
            }
            case X87Unary.F2xm1:
                SetSt(cpu, 0, F80Transcendental.Exp2m1(a, ref env));
                break;
            case X87Unary.Fpatan:
                SetSt(cpu, 1, F80Transcendental.Atan2(St(cpu, 1), a, ref env));
                Commit(cpu, env);
                Pop(cpu);
                return 0;
            case X87Unary.Fyl2x:
                SetSt(cpu, 1, F80Transcendental.YLog2X(St(cpu, 1), a, ref env));
                Commit(cpu, env);
                Pop(cpu);
                return 0;
            case X87Unary.Fyl2xp1:
                SetSt(cpu, 1, F80Transcendental.YLog2XP1(St(cpu, 1), a, ref env));
                Commit(cpu, env);
                Pop(cpu);
                return 0;
            default:
                throw new InvalidOperationException($"x87 unary {u}");
        }
        Commit(cpu, env);
        return 0;
    }

    private static bool NeedsSt1(X87Unary u) =>
        u is X87Unary.Fscale or X87Unary.Fprem or X87Unary.Fprem1 or X87Unary.Fpatan or X87Unary.Fyl2x or X87Unary.Fyl2xp1;

    /// <summary>The masked stack-underflow response: the destination gets the indefinite.</summary>
    private static void UnaryUnderflow(CpuState* cpu, X87Unary u)
    {
        switch (u)
        {
            case X87Unary.Fpatan:
            case X87Unary.Fyl2x:
            case X87Unary.Fyl2xp1:
                SetSt(cpu, 1, Float80.Indefinite);
                Pop(cpu);
                break;
            case X87Unary.Fxtract:
            case X87Unary.Fsincos:
            case X87Unary.Fptan:
                // Both results are the indefinite, and the push happens (reported as the underflow,
                // C1 = 0) even when ST(7) is in use, as on the host.
                SetSt(cpu, 0, Float80.Indefinite);
                PushIndefinite(cpu);
                break;
            default:
                SetSt(cpu, 0, Float80.Indefinite);
                break;
        }
    }

    /// <summary>fld1/fldl2t/... rounded under the rounding control from their extra bits, as the hardware does.</summary>
    private static Float80 Constant(X87Unary u, int rc)
    {
        // Significand truncated to 64 bits, and whether the exact value lies above the halfway point
        // (all five irrational constants have nonzero bits below, none exactly at the half).
        (ushort se, ulong m, bool aboveHalf) = u switch
        {
            X87Unary.Fld1 => ((ushort)0x3FFF, 0x8000_0000_0000_0000ul, false),
            X87Unary.Fldz => ((ushort)0, 0ul, false),
            X87Unary.Fldl2t => ((ushort)0x4000, 0xD49A_784B_CD1B_8AFEul, false),
            X87Unary.Fldl2e => ((ushort)0x3FFF, 0xB8AA_3B29_5C17_F0BBul, true),
            X87Unary.Fldpi => ((ushort)0x4000, 0xC90F_DAA2_2168_C234ul, true),
            X87Unary.Fldlg2 => ((ushort)0x3FFD, 0x9A20_9A84_FBCF_F798ul, true),
            _ => ((ushort)0x3FFE, 0xB172_17F7_D1CF_79ABul, true),
        };
        bool exact = u is X87Unary.Fld1 or X87Unary.Fldz;
        bool up = !exact && (rc == 2 || (rc == 0 && aboveHalf));
        return new Float80(up ? m + 1 : m, se);
    }

    /// <summary>fldcw/fnstcw/fnstsw m16/fldenv/fnstenv/fnsave/frstor/fxsave/fxrstor at a guest address.</summary>
    public static uint Control(CpuState* cpu, uint op, uint addr, uint _2, uint _3)
    {
        var mem = GuestMemory.Of(cpu);
        // fldcw, fldenv and frstor are waiting instructions: a pending unmasked exception faults first.
        if ((X87Control)op is X87Control.Fldcw or X87Control.Fldenv or X87Control.Frstor) CheckPending(cpu);
        switch ((X87Control)op)
        {
            case X87Control.Fldcw:
                cpu->FpControl = ControlWord(mem.Read16(addr));
                UpdateSummaryAfterControl(cpu);
                return 0;
            case X87Control.Fnstcw:
                mem.Write16(addr, cpu->FpControl);
                return 0;
            case X87Control.Fnstsw:
                mem.Write16(addr, (ushort)StatusWord(cpu, 0, 0, 0, 0));
                return 0;
            case X87Control.Fnstenv:
                mem.Check(addr, 28, PageFlags.Write);
                StoreEnv(cpu, mem, addr);
                // fnstenv masks all exceptions afterwards, as the hardware does.
                cpu->FpControl |= 0x3F;
                return 0;
            case X87Control.Fldenv:
                mem.Check(addr, 28, PageFlags.Read);
                LoadEnv(cpu, mem, addr);
                return 0;
            case X87Control.Fnsave:
                mem.Check(addr, 108, PageFlags.Write);
                StoreEnv(cpu, mem, addr);
                for (int i = 0; i < 8; i++)
                {
                    var v = St(cpu, (uint)i);
                    Unsafe.WriteUnaligned(mem.HostPointer(addr + 28 + 10 * (uint)i), v.Mant);
                    Unsafe.WriteUnaligned(mem.HostPointer(addr + 36 + 10 * (uint)i), v.SignExp);
                }
                Unary(cpu, (uint)X87Unary.Fninit, 0, 0, 0);
                return 0;
            case X87Control.Frstor:
                mem.Check(addr, 108, PageFlags.Read);
                LoadEnv(cpu, mem, addr);
                ushort tag = cpu->FpTag;
                for (int i = 0; i < 8; i++)
                {
                    var v = new Float80(Unsafe.ReadUnaligned<ulong>(mem.HostPointer(addr + 28 + 10 * (uint)i)),
                        Unsafe.ReadUnaligned<ushort>(mem.HostPointer(addr + 36 + 10 * (uint)i)));
                    WriteRaw(cpu, Phys(cpu, (uint)i), v);
                }
                cpu->FpTag = tag;
                return 0;
            case X87Control.Fxsave:
                FxSave(cpu, mem, addr);
                return 0;
            case X87Control.Fxrstor:
                FxRestore(cpu, mem, addr);
                return 0;
        }
        throw new InvalidOperationException($"x87 control {op}");
    }

    /// <summary>
    /// The control word as loaded by fldcw/fldenv/frstor/fxrstor: the reserved bits read back fixed
    /// (bit 6 as 1; bits 7, 13, 14 and 15 as 0), measured on the AMD EPYC host (0xFFFF reads back 0x1F7F).
    /// Bit 12 (the 287's infinity control) is kept.
    /// </summary>
    private static ushort ControlWord(ushort v) => (ushort)((v & 0x1F3F) | 0x40);

    private static void WriteRaw(CpuState* cpu, int p, Float80 v)
    {
        byte* r = cpu->FpRegs + 16 * p;
        Unsafe.WriteUnaligned(r, v.Mant);
        Unsafe.WriteUnaligned(r + 8, v.SignExp);
    }

    private static void UpdateSummaryAfterControl(CpuState* cpu)
    {
        // Unmasking a raised exception sets ES; masking all pending ones clears it.
        if ((cpu->FpStatus & ~cpu->FpControl & FpStatus.Exceptions) != 0) cpu->FpStatus |= FpStatus.ES | FpStatus.B;
        else cpu->FpStatus &= unchecked((ushort)~(FpStatus.ES | FpStatus.B));
    }

    /// <summary>The tag word as fnstenv reports it: recomputed from the contents of each non-empty register.</summary>
    private static ushort FullTag(CpuState* cpu)
    {
        int tag = 0;
        for (int p = 0; p < 8; p++)
        {
            int t = IsEmptyPhys(cpu, p) ? 3 : TagOf(ReadPhys(cpu, p));
            tag |= t << (2 * p);
        }
        return (ushort)tag;
    }

    /// <summary>The 28-byte protected-mode 32-bit environment: FCW, FSW, FTW, FIP, FCS|FOP, FDP, FDS.</summary>
    private static void StoreEnv(CpuState* cpu, GuestMemory mem, uint addr)
    {
        byte* p = mem.HostPointer(addr);
        Unsafe.WriteUnaligned(p, 0xFFFF_0000u | cpu->FpControl);
        Unsafe.WriteUnaligned(p + 4, 0xFFFF_0000u | StatusWord(cpu, 0, 0, 0, 0));
        Unsafe.WriteUnaligned(p + 8, 0xFFFF_0000u | FullTag(cpu));
        Unsafe.WriteUnaligned(p + 12, cpu->FpIp);
        Unsafe.WriteUnaligned(p + 16, ((uint)cpu->FpOpcode << 16) | (cpu->FpIp != 0 ? cpu->Selectors[1] : 0u));
        Unsafe.WriteUnaligned(p + 20, cpu->FpDp);
        Unsafe.WriteUnaligned(p + 24, 0xFFFF_0000u | (cpu->FpDp != 0 ? cpu->Selectors[3] : 0u));
    }

    private static void LoadEnv(CpuState* cpu, GuestMemory mem, uint addr)
    {
        byte* p = mem.HostPointer(addr);
        cpu->FpControl = ControlWord(Unsafe.ReadUnaligned<ushort>(p));
        ushort sw = Unsafe.ReadUnaligned<ushort>(p + 4);
        cpu->FpStatus = (ushort)(sw & ~0x3800);
        cpu->FpTop = (uint)(sw >> 11) & 7;
        cpu->FpTag = Unsafe.ReadUnaligned<ushort>(p + 8);
        // A register tagged valid/zero/special is used as tagged "in use"; the saved contents decide the exact tag.
        for (int r = 0; r < 8; r++)
            if (!IsEmptyPhys(cpu, r)) SetTag(cpu, r, TagOf(ReadPhys(cpu, r)));
        cpu->FpIp = Unsafe.ReadUnaligned<uint>(p + 12);
        cpu->FpOpcode = (ushort)(Unsafe.ReadUnaligned<uint>(p + 16) >> 16 & 0x7FF);
        cpu->FpDp = Unsafe.ReadUnaligned<uint>(p + 20);
        UpdateSummaryAfterControl(cpu);
    }

    /// <summary>fxsave: the 512-byte layout (legacy x87 area with the abridged tag, MXCSR, ST0..7, XMM0..7).</summary>
    private static void FxSave(CpuState* cpu, GuestMemory mem, uint addr)
    {
        if ((addr & 15) != 0) throw new GuestFaultException(Signals.SIGSEGV, 0, false, "fxsave: unaligned operand (#GP)");
        mem.Check(addr, 512, PageFlags.Write);
        byte* p = mem.HostPointer(addr);
        // Bytes 464..511 are available to software and left alone; the reserved ones in between are written as zero.
        new Span<byte>(p, 464).Clear();
        Unsafe.WriteUnaligned(p, cpu->FpControl);
        Unsafe.WriteUnaligned(p + 2, (ushort)StatusWord(cpu, 0, 0, 0, 0));
        byte abridged = 0;
        for (int r = 0; r < 8; r++)
            if (!IsEmptyPhys(cpu, r)) abridged |= (byte)(1 << r);
        p[4] = abridged;
        Unsafe.WriteUnaligned(p + 6, cpu->FpOpcode);
        Unsafe.WriteUnaligned(p + 8, cpu->FpIp);
        Unsafe.WriteUnaligned(p + 12, (ushort)(cpu->FpIp != 0 ? cpu->Selectors[1] : 0));
        Unsafe.WriteUnaligned(p + 16, cpu->FpDp);
        Unsafe.WriteUnaligned(p + 20, (ushort)(cpu->FpDp != 0 ? cpu->Selectors[3] : 0));
        Unsafe.WriteUnaligned(p + 24, cpu->Mxcsr);
        Unsafe.WriteUnaligned(p + 28, 0x0000_FFFFu); // MXCSR_MASK: all MXCSR bits 0..15 supported
        for (int i = 0; i < 8; i++)
        {
            var v = St(cpu, (uint)i);
            Unsafe.WriteUnaligned(p + 32 + 16 * i, v.Mant);
            Unsafe.WriteUnaligned(p + 40 + 16 * i, v.SignExp);
        }
        new ReadOnlySpan<byte>(cpu->Xmm, 128).CopyTo(new Span<byte>(p + 160, 128));
    }

    private static void FxRestore(CpuState* cpu, GuestMemory mem, uint addr)
    {
        if ((addr & 15) != 0) throw new GuestFaultException(Signals.SIGSEGV, 0, false, "fxrstor: unaligned operand (#GP)");
        mem.Check(addr, 512, PageFlags.Read);
        byte* p = mem.HostPointer(addr);
        uint mxcsr = Unsafe.ReadUnaligned<uint>(p + 24);
        if ((mxcsr & 0xFFFF_0000) != 0) throw new GuestFaultException(Signals.SIGSEGV, 0, false, "fxrstor: reserved MXCSR bits (#GP)");
        cpu->FpControl = ControlWord(Unsafe.ReadUnaligned<ushort>(p));
        ushort sw = Unsafe.ReadUnaligned<ushort>(p + 2);
        cpu->FpStatus = (ushort)(sw & ~0x3800);
        cpu->FpTop = (uint)(sw >> 11) & 7;
        cpu->FpOpcode = (ushort)(Unsafe.ReadUnaligned<ushort>(p + 6) & 0x7FF);
        cpu->FpIp = Unsafe.ReadUnaligned<uint>(p + 8);
        cpu->FpDp = Unsafe.ReadUnaligned<uint>(p + 16);
        cpu->Mxcsr = mxcsr;
        for (int i = 0; i < 8; i++)
        {
            var v = new Float80(Unsafe.ReadUnaligned<ulong>(p + 32 + 16 * i), Unsafe.ReadUnaligned<ushort>(p + 40 + 16 * i));
            WriteRaw(cpu, Phys(cpu, (uint)i), v);
        }
        byte abridged = p[4];
        int tag = 0;
        for (int r = 0; r < 8; r++)
            tag |= ((abridged >> r & 1) != 0 ? TagOf(ReadPhys(cpu, r)) : 3) << (2 * r);
        cpu->FpTag = (ushort)tag;
        new ReadOnlySpan<byte>(p + 160, 128).CopyTo(new Span<byte>(cpu->Xmm, 128));
        UpdateSummaryAfterControl(cpu);
    }
}
