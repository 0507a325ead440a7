using Hdbt.Backend;
using Hdbt.Guest;
using Hdbt.Ir;
using Hdbt.Tcg.Emit;
using System.Runtime.InteropServices;
using Iced.Intel;
using Hdbt.Helpers;

namespace Hdbt.Tcg;

/// <summary>
/// Translates one optimized IR block to x86-64 in the code buffer, through the <see cref="Emitter"/>
/// (Iced's Encoder). Emission of each op family is in <c>Tcg/Emit/</c>; this class holds the
/// block-wide state (temp homes, labels, out-of-line code), the shared move/compare forms, and the
/// stubs every block shares (prologue, epilogue, host-fault recovery, slow paths, helper calls).
/// </summary>
public sealed unsafe class CodeGenerator
{
    private readonly CodeBuffer _buffer;
    private readonly List<OutOfLineCode> _outOfLine = [];
    private readonly RegisterAllocator _allocator = new();
    private readonly List<(int Offset, uint Pc)> _insnStarts = [];
    private readonly (int Offset, int Slot)[] _slotSites = new (int, int)[IrBlock.MaxSlots];
    private readonly ulong[] _loadStubs = new ulong[5];
    private readonly ulong[] _storeStubs = new ulong[5];
    private int _slotCount;

    public CodeGenerator(CodeBuffer buffer)
    {
        _buffer = buffer;
        EmitStubs();
    }

    /// <summary>The shared exit path: stores the pinned guest registers and returns EAX to C#.</summary>
    public ulong Epilogue { get; private set; }

    /// <summary>The entry: <c>uint Enter(CpuState* cpu, byte* memBase, byte* pageTable, byte* code)</c>.</summary>
    public ulong Prologue { get; private set; }

    /// <summary>Where a host-fault handler sends RIP: restores the prologue's stack and leaves with <see cref="ExitKind.HostFault"/>.</summary>
    public ulong Recovery { get; private set; }

    /// <summary>
    /// compute_carry in host code (the hottest helper by far: adc, sbb, setc and branches on CF whose
    /// flags were set in an earlier block): arguments staged in <see cref="Frame.Args"/> as for
    /// <see cref="HelperStub"/>, CF (0/1) in EAX; clobbers only RAX, RCX and host flags.
    /// </summary>
    public ulong CarryStub { get; private set; }

    /// <summary>
    /// The native <see cref="LazyFlags.ComputeCarry"/>. 8- and 16-bit operands are shifted to the top of
    /// the register first, so every comparison and wrap-around is the 32-bit one.
    /// </summary>
    private void EmitCarryStub()
    {
        foreach (var r in (Register[])[Register.RDX, Register.RSI, Register.RDI, Register.R9]) Emit(Instruction.Create(Code.Push_r64, r));
        const int a = 8 + 32 + Frame.Args;
        Emit(Instruction.Create(Code.Mov_r32_rm32, Register.ECX, Stack(a)));
        Emit(Instruction.Create(Code.Mov_r32_rm32, Register.EDX, Stack(a + 4)));
        Emit(Instruction.Create(Code.Mov_r32_rm32, Register.ESI, Stack(a + 8)));
        Emit(Instruction.Create(Code.Mov_r32_rm32, Register.R9D, Register.ESI));
        Emit(Instruction.Create(Code.Mov_r32_rm32, Register.EDI, Stack(a + 12)));
        // ecx = 32 - (8 << size): the shift that puts an operand's top bit at bit 31.
        Emit(Instruction.Create(Code.And_rm32_imm8, Register.ECX, 3));
        Emit(Instruction.Create(Code.Mov_r32_imm32, Register.EAX, 8u));
        Emit(Instruction.Create(Code.Shl_rm32_CL, Register.EAX, Register.CL));
        Emit(Instruction.Create(Code.Mov_r32_imm32, Register.ECX, 32u));
        Emit(Instruction.Create(Code.Sub_r32_rm32, Register.ECX, Register.EAX));
        Emit(Instruction.Create(Code.Shl_rm32_CL, Register.EDX, Register.CL));
        Emit(Instruction.Create(Code.Shl_rm32_CL, Register.ESI, Register.CL));
        Emit(Instruction.Create(Code.Mov_r32_rm32, Register.EAX, Stack(a)));
        Emit(Instruction.Create(Code.And_rm32_imm8, Register.EAX, ~3));
        int add = E.CreateLabel(), adc = E.CreateLabel(), adcIn = E.CreateLabel(), sub = E.CreateLabel(), sbb = E.CreateLabel(),
            sbbNo = E.CreateLabel(), zero = E.CreateLabel(), shl = E.CreateLabel(), mul = E.CreateLabel(), setToEax = E.CreateLabel(), done = E.CreateLabel();
        foreach (var (kind, label) in ((CcOp, int)[])[(CcOp.AddB, add), (CcOp.AdcB, adc), (CcOp.SubB, sub), (CcOp.SbbB, sbb),
            (CcOp.LogicB, zero), (CcOp.ShlB, shl), (CcOp.MulB, mul)])
        {
            Emit(Instruction.Create(Code.Cmp_rm32_imm8, Register.EAX, (int)kind));
            E.Branch(Code.Je_rel32_64, label);
        }
        // Eflags (src holds the flags), inc, dec (src holds CF), sar (bit 0 of src): CF = src & 1.
        Emit(Instruction.Create(Code.Mov_r32_rm32, Register.EAX, Register.R9D));
        Emit(Instruction.Create(Code.And_rm32_imm8, Register.EAX, 1));
        E.Jmp(done);
        E.Bind(add);    // d < s
        Emit(Instruction.Create(Code.Cmp_r32_rm32, Register.EDX, Register.ESI));
        Emit(Instruction.Create(Code.Setb_rm8, Register.AL));
        E.Jmp(setToEax);
        E.Bind(adc);    // carry in ? d <= s : d < s
        Emit(Instruction.Create(Code.Test_rm32_r32, Register.EDI, Register.EDI));
        E.Branch(Code.Jne_rel32_64, adcIn);
        E.Jmp(add);
        E.Bind(adcIn);
        Emit(Instruction.Create(Code.Cmp_r32_rm32, Register.EDX, Register.ESI));
        Emit(Instruction.Create(Code.Setbe_rm8, Register.AL));
        E.Jmp(setToEax);
        E.Bind(sub);    // (d + s) < s
        Emit(Instruction.Create(Code.Lea_r32_m, Register.EAX, new MemoryOperand(Register.RDX, Register.RSI, 1)));
        Emit(Instruction.Create(Code.Cmp_r32_rm32, Register.EAX, Register.ESI));
        Emit(Instruction.Create(Code.Setb_rm8, Register.AL));
        E.Jmp(setToEax);
        E.Bind(sbb);    // borrow in ? (d + s + 1) <= s : (d + s) < s; "1" at the operand's bit 0 is 1 << shift
        Emit(Instruction.Create(Code.Test_rm32_r32, Register.EDI, Register.EDI));
        E.Branch(Code.Je_rel32_64, sub);
        E.Bind(sbbNo);
        Emit(Instruction.Create(Code.Lea_r32_m, Register.EAX, new MemoryOperand(Register.RDX, Register.RSI, 1)));
        Emit(Instruction.Create(Code.Mov_r32_imm32, Register.EDI, 1u));
        Emit(Instruction.Create(Code.Shl_rm32_CL, Register.EDI, Register.CL));
        Emit(Instruction.Create(Code.Add_r32_rm32, Register.EAX, Register.EDI));
        Emit(Instruction.Create(Code.Cmp_r32_rm32, Register.EAX, Register.ESI));
        Emit(Instruction.Create(Code.Setbe_rm8, Register.AL));
        E.Jmp(setToEax);
        E.Bind(zero);
        Emit(Instruction.Create(Code.Xor_r32_rm32, Register.EAX, Register.EAX));
        E.Jmp(done);
        E.Bind(shl);    // the operand's top bit, now bit 31 of the shifted src
        Emit(Instruction.Create(Code.Mov_r32_rm32, Register.EAX, Register.ESI));
        Emit(Instruction.Create(Code.Shr_rm32_imm8, Register.EAX, 31));
        E.Jmp(done);
        E.Bind(mul);    // src != 0
        Emit(Instruction.Create(Code.Xor_r32_rm32, Register.EAX, Register.EAX));
        Emit(Instruction.Create(Code.Test_rm32_r32, Register.R9D, Register.R9D));
        Emit(Instruction.Create(Code.Setne_rm8, Register.AL));
        E.Jmp(done);
        E.Bind(setToEax);
        Emit(Instruction.Create(Code.Movzx_r32_rm8, Register.EAX, Register.AL));
        E.Bind(done);
        foreach (var r in (Register[])[Register.R9, Register.RDI, Register.RSI, Register.RDX]) Emit(Instruction.Create(Code.Pop_r64, r));
        Emit(Instruction.Create(Code.Retnq));
    }

    /// <summary>compute_eflags in host code, with the same arguments and clobbers as <see cref="CarryStub"/>; OSZAPC bits in EAX.</summary>
    public ulong EflagsStub { get; private set; }

    private static Register Sized(Register r64, int bits) => bits == 8 ? HostRegs.R8(r64) : bits == 16 ? HostRegs.R16(r64) : HostRegs.R32(r64);

    private static Code Sized(int bits, Code c8, Code c16, Code c32) => bits == 8 ? c8 : bits == 16 ? c16 : c32;

    /// <summary>Emits <paramref name="body"/> for 8, 16 and 32 bits, chosen by the size in R9D; each variant then jumps to <paramref name="after"/>.</summary>
    private void BySize(Action<int> body, int after)
    {
        int l16 = E.CreateLabel(), l32 = E.CreateLabel();
        Emit(Instruction.Create(Code.Cmp_rm32_imm8, Register.R9D, 1));
        E.Branch(Code.Je_rel32_64, l16);
        Emit(Instruction.Create(Code.Cmp_rm32_imm8, Register.R9D, 2));
        E.Branch(Code.Je_rel32_64, l32);
        body(8);
        E.Jmp(after);
        E.Bind(l16);
        body(16);
        E.Jmp(after);
        E.Bind(l32);
        body(32);
        E.Jmp(after);
    }

    /// <summary>
    /// The native <see cref="LazyFlags.Compute"/>: for add, adc, sub, sbb, inc and dec the first operand
    /// is rebuilt from the result and the host runs the same instruction at the same size, so its
    /// EFLAGS are the guest's; logic, shifts and multiplies take ZF, SF and PF from a host <c>test</c>
    /// of the result and set the rest as <see cref="LazyFlags.Compute"/> does.
    /// </summary>
    private void EmitEflagsStub()
    {
        foreach (var r in (Register[])[Register.RDX, Register.RSI, Register.RDI, Register.R9]) Emit(Instruction.Create(Code.Push_r64, r));
        const int a = 8 + 32 + Frame.Args;
        const uint arith = Flags.OF | Flags.SF | Flags.ZF | Flags.AF | Flags.PF | Flags.CF;
        const uint zsp = Flags.SF | Flags.ZF | Flags.PF;
        Emit(Instruction.Create(Code.Mov_r32_rm32, Register.EDX, Stack(a + 4)));
        Emit(Instruction.Create(Code.Mov_r32_rm32, Register.ESI, Stack(a + 8)));
        Emit(Instruction.Create(Code.Mov_r32_rm32, Register.EDI, Stack(a + 12)));
        Emit(Instruction.Create(Code.Mov_r32_rm32, Register.R9D, Stack(a)));
        Emit(Instruction.Create(Code.And_rm32_imm8, Register.R9D, 3));
        Emit(Instruction.Create(Code.Mov_r32_rm32, Register.EAX, Stack(a)));
        Emit(Instruction.Create(Code.And_rm32_imm8, Register.EAX, ~3));
        int done = E.CreateLabel(), hostFlags = E.CreateLabel(), incDecFlags = E.CreateLabel(), zspFlags = E.CreateLabel();
        var kinds = new[] { CcOp.AddB, CcOp.AdcB, CcOp.SubB, CcOp.SbbB, CcOp.LogicB, CcOp.IncB, CcOp.DecB, CcOp.ShlB, CcOp.SarB, CcOp.MulB };
        var labels = new int[kinds.Length];
        for (int i = 0; i < kinds.Length; i++)
        {
            labels[i] = E.CreateLabel();
            Emit(Instruction.Create(Code.Cmp_rm32_imm8, Register.EAX, (int)kinds[i]));
            E.Branch(Code.Je_rel32_64, labels[i]);
        }
        // Eflags: src holds the flags.
        Emit(Instruction.Create(Code.Mov_r32_rm32, Register.EAX, Register.ESI));
        Emit(Instruction.Create(Code.And_rm32_imm32, Register.EAX, arith));
        E.Jmp(done);

        void Rebuild(Code op, Register with)
        {
            Emit(Instruction.Create(Code.Mov_r32_rm32, Register.ECX, Register.EDX));
            Emit(Instruction.Create(op, Register.ECX, with));
        }
        void CarryIn() => Emit(Instruction.Create(Code.Bt_rm32_imm8, Register.EDI, 0));
        // add: first = d - s; adc: first = d - s - carry; sub: first = d + s; sbb: first = d + s + borrow.
        E.Bind(labels[0]);
        Rebuild(Code.Sub_r32_rm32, Register.ESI);
        BySize(b => Emit(Instruction.Create(Sized(b, Code.Add_rm8_r8, Code.Add_rm16_r16, Code.Add_rm32_r32), Sized(Register.RCX, b), Sized(Register.RSI, b))), hostFlags);
        E.Bind(labels[1]);
        Rebuild(Code.Sub_r32_rm32, Register.ESI);
        Emit(Instruction.Create(Code.Sub_r32_rm32, Register.ECX, Register.EDI));
        BySize(b => { CarryIn(); Emit(Instruction.Create(Sized(b, Code.Adc_rm8_r8, Code.Adc_rm16_r16, Code.Adc_rm32_r32), Sized(Register.RCX, b), Sized(Register.RSI, b))); }, hostFlags);
        E.Bind(labels[2]);
        Rebuild(Code.Add_r32_rm32, Register.ESI);
        BySize(b => Emit(Instruction.Create(Sized(b, Code.Sub_rm8_r8, Code.Sub_rm16_r16, Code.Sub_rm32_r32), Sized(Register.RCX, b), Sized(Register.RSI, b))), hostFlags);
        E.Bind(labels[3]);
        Rebuild(Code.Add_r32_rm32, Register.ESI);
        Emit(Instruction.Create(Code.Add_r32_rm32, Register.ECX, Register.EDI));
        BySize(b => { CarryIn(); Emit(Instruction.Create(Sized(b, Code.Sbb_rm8_r8, Code.Sbb_rm16_r16, Code.Sbb_rm32_r32), Sized(Register.RCX, b), Sized(Register.RSI, b))); }, hostFlags);
        // logic: ZF, SF, PF of the result; CF = OF = AF = 0.
        E.Bind(labels[4]);
        BySize(TestResult, zspFlags);
        // inc: first = d - 1; dec: first = d + 1; CF is the one before (in src).
        E.Bind(labels[5]);
        Emit(Instruction.Create(Code.Lea_r32_m, Register.ECX, new MemoryOperand(Register.RDX, -1)));
        BySize(b => Emit(Instruction.Create(Sized(b, Code.Inc_rm8, Code.Inc_rm16, Code.Inc_rm32), Sized(Register.RCX, b))), incDecFlags);
        E.Bind(labels[6]);
        Emit(Instruction.Create(Code.Lea_r32_m, Register.ECX, new MemoryOperand(Register.RDX, 1)));
        BySize(b => Emit(Instruction.Create(Sized(b, Code.Dec_rm8, Code.Dec_rm16, Code.Dec_rm32), Sized(Register.RCX, b))), incDecFlags);
        // shl: CF = top bit of src, OF = top bit of src ^ d, AF set; sar: CF = bit 0 of src, OF likewise, AF set.
        E.Bind(labels[7]);
        BySize(b => ShiftFlags(b, left: true), done);
        E.Bind(labels[8]);
        BySize(b => ShiftFlags(b, left: false), done);
        // mul: CF = OF = (src != 0).
        E.Bind(labels[9]);
        BySize(b =>
        {
            TestResult(b);
            HostFlagsTo(zsp);
            int no = E.CreateLabel();
            Emit(Instruction.Create(Code.Test_rm32_r32, Register.ESI, Register.ESI));
            E.Branch(Code.Je_rel32_64, no);
            Emit(Instruction.Create(Code.Or_rm32_imm32, Register.EAX, Flags.CF | Flags.OF));
            E.Bind(no);
        }, done);

        E.Bind(hostFlags);
        HostFlagsTo(arith);
        E.Jmp(done);
        E.Bind(incDecFlags);
        HostFlagsTo(arith & ~Flags.CF);
        Emit(Instruction.Create(Code.Mov_r32_rm32, Register.ECX, Register.ESI));
        Emit(Instruction.Create(Code.And_rm32_imm8, Register.ECX, (int)Flags.CF));
        Emit(Instruction.Create(Code.Or_r32_rm32, Register.EAX, Register.ECX));
        E.Jmp(done);
        E.Bind(zspFlags);
        HostFlagsTo(zsp);
        E.Bind(done);
        foreach (var r in (Register[])[Register.R9, Register.RDI, Register.RSI, Register.RDX]) Emit(Instruction.Create(Code.Pop_r64, r));
        Emit(Instruction.Create(Code.Retnq));

        void TestResult(int b) =>
            Emit(Instruction.Create(Sized(b, Code.Test_rm8_r8, Code.Test_rm16_r16, Code.Test_rm32_r32), Sized(Register.RDX, b), Sized(Register.RDX, b)));

        void HostFlagsTo(uint mask)
        {
            Emit(Instruction.Create(Code.Pushfq));
            Emit(Instruction.Create(Code.Pop_r64, Register.RAX));
            Emit(Instruction.Create(Code.And_rm32_imm32, Register.EAX, mask));
        }

        void ShiftFlags(int b, bool left)
        {
            TestResult(b);
            HostFlagsTo(zsp);
            Emit(Instruction.Create(Code.Or_rm32_imm8, Register.EAX, (int)Flags.AF));
            Emit(Instruction.Create(Code.Mov_r32_rm32, Register.ECX, Register.ESI));
            if (left) Emit(Instruction.Create(Code.Shr_rm32_imm8, Register.ECX, b - 1));
            Emit(Instruction.Create(Code.And_rm32_imm8, Register.ECX, 1));
            Emit(Instruction.Create(Code.Or_r32_rm32, Register.EAX, Register.ECX));
            Emit(Instruction.Create(Code.Mov_r32_rm32, Register.ECX, Register.ESI));
            Emit(Instruction.Create(Code.Xor_r32_rm32, Register.ECX, Register.EDX));
            Emit(Instruction.Create(Code.Shr_rm32_imm8, Register.ECX, b - 1));
            Emit(Instruction.Create(Code.And_rm32_imm8, Register.ECX, 1));
            Emit(Instruction.Create(Code.Shl_rm32_imm8, Register.ECX, 11));
            Emit(Instruction.Create(Code.Or_r32_rm32, Register.EAX, Register.ECX));
        }
    }

    /// <summary>Shared helper-call stub: EAX = helper id, arguments staged in <see cref="Frame.Args"/>; CF set on fault.</summary>
    public ulong HelperStub { get; private set; }

    /// <summary>
    /// Guest loads without an inline check (the host fault handler catches unmapped pages, and under host
    /// protection unreadable ones). Limit with <c>--checked-stores</c> (no host protection): a mapped page the
    /// guest made unreadable (mprotect PROT_NONE on a private mapping) stays readable.
    /// </summary>
    public bool DirectLoads { get; set; }

    /// <summary>
    /// Whether guest stores are plain host stores: the guest's memory is under host protection (guest rights
    /// on the host, code pages write-protected) and the host fault handler turns a store into code into a
    /// pending code write (<see cref="TcgContext.CodeWritePending"/>). Off (<c>--checked-stores</c>): every
    /// store checks the page-flags table inline.
    /// </summary>
    public bool DirectStores { get; set; }

    internal readonly Emitter E = new();


    /// <summary>What each block's entry counter starts at: the profile threshold, or 0 for never (it wraps, and takes 2^64 entries to come back).</summary>
    public ulong HotThreshold { get; set; }

    /// <summary>
    /// Whether blocks keep counting their entries after they are hot (for <c>blocks_executed</c>; <c>--count-entries</c>).
    /// Off, a block stops counting at its hot exit (<c>TcgBackend.StopCounting</c>), and with no
    /// threshold none is generated: a memory decrement at every entry of a hot loop costs up to a quarter of its time.
    /// </summary>
    public bool CountEntries { get; set; }

    /// <summary>Bytes of the counter code at a block's entry (<c>sub qword [rip+x], 1</c>, 8, and <c>je rel32</c>, 6).</summary>
    public const int EntryCountBytes = 14;

    /// <summary>The current block's entry counter (<see cref="CodeBuffer.Counter"/>).</summary>
    internal ulong* Counter;
    internal Loc[] Locs = [];
    internal int[] Labels = [];
    internal uint CurrentPc;
    internal int BlockId;
    internal bool StoresInInsn;

    /// <summary>The block being generated and the index of the op being emitted (for looking ahead).</summary>
    internal IrBlock Ir = null!;
    internal int OpIndex;

    /// <summary>
    /// Emit SSE helper calls as host SSE instructions. Only while the guest masks every SIMD
    /// exception (the host MXCSR always masks them, so an unmasked guest exception would go
    /// unnoticed): the dispatcher flushes the cache when that changes and sets this for new code.
    /// </summary>
    public bool InlineSse { get; set; }

    /// <summary>
    /// Emit x87 helper calls as host x87 instructions (<see cref="Emit.X87"/>). Only while the guest
    /// masks every x87 exception; the dispatcher flushes the cache when that changes.
    /// </summary>
    public bool InlineX87 { get; set; }

    /// <summary>Whether the code emitted so far in this block has made sure the guest's x87 state is in the host unit.</summary>
    internal bool X87Known;

    /// <summary>CpuState → host x87 (preserves all registers); see <see cref="Emit.X87"/>.</summary>
    public ulong X87LoadStub { get; private set; }

    /// <summary>Host x87 → CpuState (pinned registers stored; clobbers R8–R11); see <see cref="Emit.X87"/>.</summary>
    public ulong X87SaveStub { get; private set; }

    private bool[] _readTemps = [];
    private bool _readTempsKnown;

    /// <summary>Whether any op of the block reads <paramref name="temp"/> (an inline helper's unused result needs no value); one scan per block, on first use.</summary>
    internal bool IsRead(int temp)
    {
        if (!_readTempsKnown)
        {
            _readTempsKnown = true;
            if (_readTemps.Length < Ir.Temps.Count) _readTemps = new bool[Ir.Temps.Count * 2];
            else Array.Clear(_readTemps);
            foreach (Op o in Ir.Ops)
                foreach (int t in (ReadOnlySpan<int>)[o.S0, o.S1, o.S2, o.S3])
                    if (t >= 0) _readTemps[t] = true;
        }
        return _readTemps[temp];
    }

    /// <summary>The guest pc of the instruction after the current one (the block's end after the last).</summary>
    internal uint NextInsnPc()
    {
        var ops = Ir.Ops;
        for (int i = OpIndex + 1; i < ops.Count; i++)
            if (ops[i].Code == Opcode.InsnStart) return ops[i].Imm;
        return Ir.GuestEnd;
    }

    /// <summary>RIP-relative memory operand of a <see cref="TcgContext"/> field.</summary>
    internal MemoryOperand Ctx(int offset) => new(Register.RIP, (long)((ulong)_buffer.Base + (ulong)offset));

    internal static MemoryOperand Eip => new(HostRegs.Cpu, (int)GlobalSlot.Eip * 4);

    internal Loc L(int temp) => Locs[temp];

    internal void Emit(in Instruction i) => E.Emit(i);

    /// <summary>Adds code placed after the block's main body (slow paths, fault exits).</summary>
    internal void OutOfLine(in OutOfLineCode code) => _outOfLine.Add(code);

    /// <summary>Emits one piece of out-of-line code (which may add more: a slow path's fault exit).</summary>
    private void EmitOutOfLine(in OutOfLineCode c)
    {
        Bind(c.Label);
        switch (c.Kind)
        {
            case OutOfLineKind.HotExit:
                Emit(Instruction.Create(Code.Mov_rm32_imm32, Eip, c.Pc));
                JumpToEpilogue(ExitKind.Hot, c.Next);
                return;
            case OutOfLineKind.FaultExit:
                EmitFaultExit(c.Pc);
                return;
            case OutOfLineKind.CodeModifiedExit:
                if (c.HasPc) Emit(Instruction.Create(Code.Mov_rm32_imm32, Eip, c.Pc));
                JumpToEpilogue(ExitKind.CodeModified);
                return;
            case OutOfLineKind.SlowCall:
                Tcg.Emit.Call.EmitCall(this, c.Op, c.Pc);
                break;
            case OutOfLineKind.SlowCallThenMaskCheck:
                Tcg.Emit.Call.EmitCall(this, c.Op, c.Pc);
                Tcg.Emit.Call.MaskStateCheck(this, c.Next);
                break;
            case OutOfLineKind.SlowLoad:
                Tcg.Emit.Memory.SlowLoad(this, c);
                break;
            case OutOfLineKind.SlowStore:
                Tcg.Emit.Memory.SlowStore(this, c);
                break;
            case OutOfLineKind.X87LoadState:
                E.CallTo(X87LoadStub);
                break;
        }
        E.Jmp(c.Back);
    }

    /// <summary>Defines a label here.</summary>
    internal void Bind(int label) => E.Bind(label);

    internal void JumpToEpilogue(ExitKind code, uint payload = 0)
    {
        Emit(Instruction.Create(Code.Mov_r32_imm32, Register.EAX, (uint)code | payload));
        E.JmpTo(Epilogue);
    }

    /// <summary>
    /// The entry counter, first thing at the entry (so linked jumps and jump-cache hits count too): one
    /// decrement of the block's counter word; reaching zero leaves, before the block runs, with <see cref="ExitKind.Hot"/>.
    /// The word goes on down past zero, so entries are always threshold minus its value.
    /// </summary>
    private void EmitEntryCount(uint pc)
    {
        int hot = E.CreateLabel();
        int start = E.Offset;
        Emit(Instruction.Create(Code.Sub_rm64_imm8, new MemoryOperand(Register.RIP, (long)(ulong)Counter), 1));
        E.Branch(Code.Je_rel32_64, hot);
        if (E.Offset - start != EntryCountBytes) throw new InvalidOperationException("tcg: the entry counter code is not the size StopCounting patches");
        OutOfLine(new OutOfLineCode(OutOfLineKind.HotExit, hot, Pc: pc, Next: ExitPayload.Encode(0, BlockId, 0)));
    }

    /// <summary>Leaves for the dispatcher with a pending fault at the given instruction.</summary>
    internal void EmitFaultExit(uint pc)
    {
        Emit(Instruction.Create(Code.Mov_rm32_imm32, Eip, pc));
        JumpToEpilogue(ExitKind.Fault);
    }

    /// <summary>Records the current offset as a chaining slot's patch site (false if the slot already has one).</summary>
    internal bool ClaimSlot(int slot)
    {
        for (int i = 0; i < _slotCount; i++) if (_slotSites[i].Slot == slot) return false;
        _slotSites[_slotCount++] = (E.Offset, slot);
        return true;
    }

    // ---- moves ----

    internal void MovToReg(Register r32, in Loc src)
    {
        switch (src.Kind)
        {
            case LocKind.Reg: if (src.R32 != r32) Emit(Instruction.Create(Code.Mov_r32_rm32, r32, src.R32)); break;
            case LocKind.Mem: Emit(Instruction.Create(Code.Mov_r32_rm32, r32, src.Memory)); break;
            default: Emit(Instruction.Create(Code.Mov_r32_imm32, r32, src.Imm)); break;
        }
    }

    internal void MovFromReg(in Loc dst, Register r32)
    {
        if (dst.IsReg) { if (dst.R32 != r32) Emit(Instruction.Create(Code.Mov_r32_rm32, dst.R32, r32)); }
        else Emit(Instruction.Create(Code.Mov_rm32_r32, dst.Memory, r32));
    }

    internal void Move(in Loc dst, in Loc src)
    {
        if (dst.SameAs(src)) return;
        if (dst.IsReg) MovToReg(dst.R32, src);
        else if (src.IsReg) MovFromReg(dst, src.R32);
        else if (src.IsImm) Emit(Instruction.Create(Code.Mov_rm32_imm32, dst.Memory, src.Imm));
        else { MovToReg(Register.EAX, src); MovFromReg(dst, Register.EAX); }
    }

    /// <summary>A 32-bit register holding <paramref name="src"/>: its own, or <paramref name="scratch"/> loaded.</summary>
    internal Register InReg(in Loc src, Register scratch)
    {
        if (src.IsReg) return src.R32;
        MovToReg(scratch, src);
        return scratch;
    }

    /// <summary><c>op dst, src</c> for a two-operand ALU op (add, sub, and, or, xor, cmp, imul).</summary>
    internal void Arith(AluKind kind, Register dst32, in Loc src)
    {
        var c = AluCodes.Of(kind);
        switch (src.Kind)
        {
            case LocKind.Reg: Emit(Instruction.Create(c.RegRm, dst32, src.R32)); break;
            case LocKind.Mem: Emit(Instruction.Create(c.RegRm, dst32, src.Memory)); break;
            default:
                if (kind == AluKind.Imul) Emit(Instruction.Create(Code.Imul_r32_rm32_imm32, dst32, dst32, src.Imm));
                else if ((int)src.Imm is >= -128 and <= 127) Emit(Instruction.Create(c.RmImm8, dst32, (int)src.Imm));
                else Emit(Instruction.Create(c.RmImm32, dst32, src.Imm));
                break;
        }
    }

    /// <summary>Sets host flags for <c>cond(a, b)</c>: <c>cmp a, b</c>, or <c>test a, b</c> for the tst conditions.</summary>
    internal void Compare(in Loc a, in Loc b, bool test)
    {
        Loc x = a, y = b;
        if (x.IsImm) (x, y) = test ? (y, x) : (x, y);
        if (x.IsImm) { MovToReg(Register.EAX, x); x = Loc.InReg(Register.RAX); }
        if (x.IsMem && y.IsMem) { MovToReg(Register.EAX, x); x = Loc.InReg(Register.RAX); }
        Code rmR = test ? Code.Test_rm32_r32 : Code.Cmp_rm32_r32;
        switch (y.Kind)
        {
            case LocKind.Reg:
                if (x.IsReg) Emit(Instruction.Create(rmR, x.R32, y.R32));
                else Emit(Instruction.Create(rmR, x.Memory, y.R32));
                break;
            case LocKind.Mem:
                if (test) Emit(Instruction.Create(Code.Test_rm32_r32, y.Memory, x.R32));
                else Emit(Instruction.Create(Code.Cmp_r32_rm32, x.R32, y.Memory));
                break;
            default:
                Code imm = test ? Code.Test_rm32_imm32 : (int)y.Imm is >= -128 and <= 127 ? Code.Cmp_rm32_imm8 : Code.Cmp_rm32_imm32;
                if (x.IsReg) Emit(imm == Code.Cmp_rm32_imm8 ? Instruction.Create(imm, x.R32, (int)y.Imm) : Instruction.Create(imm, x.R32, y.Imm));
                else Emit(imm == Code.Cmp_rm32_imm8 ? Instruction.Create(imm, x.Memory, (int)y.Imm) : Instruction.Create(imm, x.Memory, y.Imm));
                break;
        }
    }

    // ---- calls out ----

    /// <summary>The shared slow-path stub of a load kind: EAX = guest address in, value out; CF set on fault.</summary>
    internal ulong LoadStub(MemOp kind) => _loadStubs[(int)kind];

    /// <summary>The shared slow-path stub of a store kind: EAX = guest address, ECX = value; CF set on fault.</summary>
    internal ulong StoreStub(MemOp kind) => _storeStubs[(int)kind];

    /// <summary>After a call to a stub: leaves through a fault exit if CF is set.</summary>
    internal void CheckFault() => CheckFault(CurrentPc);

    /// <summary>Same, for the instruction at <paramref name="pc"/> (out-of-line code runs after the block's last instruction).</summary>
    internal void CheckFault(uint pc)
    {
        int fault = E.CreateLabel();
        E.Branch(Code.Jb_rel32_64, fault);
        OutOfLine(new OutOfLineCode(OutOfLineKind.FaultExit, fault, Pc: pc));
    }

    internal static MemoryOperand Stack(int offset) => new(Register.RSP, offset);

    /// <summary>Inside a stub the frame is 16 bytes up: the return address and the alignment pad.</summary>
    private const int StubFrame = 16;

    private void StorePinned()
    {
        for (int g = 0; g < 8; g++)
            Emit(Instruction.Create(Code.Mov_rm32_r32, new MemoryOperand(HostRegs.Cpu, g * 4), HostRegs.R32(HostRegs.Pinned[g])));
    }

    private void LoadPinned()
    {
        for (int g = 0; g < 8; g++)
            Emit(Instruction.Create(Code.Mov_r32_rm32, HostRegs.R32(HostRegs.Pinned[g]), new MemoryOperand(HostRegs.Cpu, g * 4)));
    }

    // ---- MXCSR ----

    /// <summary>Host MXCSR exception-mask bits: always all set while generated code runs (unmasked guest exceptions are never inlined).</summary>
    internal const uint MxcsrMasks = 0x1F80;

    private static readonly int MxcsrOffset = (int)Marshal.OffsetOf<CpuState>(nameof(CpuState.Mxcsr));

    internal static MemoryOperand GuestMxcsr => new(HostRegs.Cpu, MxcsrOffset);

    /// <summary>
    /// Host MXCSR = the guest's (rounding, FTZ, DAZ, sticky flags) with every exception masked, so
    /// inline SSE instructions round and flag exactly as the guest's would. Clobbers <paramref name="tmp"/>.
    /// </summary>
    private void LoadGuestMxcsr(int frame, Register tmp)
    {
        Emit(Instruction.Create(Code.Mov_r32_rm32, tmp, GuestMxcsr));
        Emit(Instruction.Create(Code.Or_rm32_imm32, tmp, MxcsrMasks));
        // Bits above 15 (the MM bit ldmxcsr accepts on the AMD host) would #GP on other hosts; they do nothing here.
        Emit(Instruction.Create(Code.And_rm32_imm32, tmp, 0xFFFF));
        Emit(Instruction.Create(Code.Mov_rm32_r32, Stack(frame + Frame.MxcsrTemp), tmp));
        Emit(Instruction.Create(Code.Ldmxcsr_m32, Stack(frame + Frame.MxcsrTemp)));
    }

    /// <summary>
    /// Writes the host MXCSR's flags, rounding, FTZ and DAZ back to the guest's (keeping the guest's
    /// own mask bits and upper bits), then puts the host's .NET MXCSR back. Clobbers both registers.
    /// </summary>
    private void SaveGuestMxcsr(int frame, Register tmp, Register tmp2)
    {
        const uint fromHost = 0xFFFF & ~MxcsrMasks;
        Emit(Instruction.Create(Code.Stmxcsr_m32, Stack(frame + Frame.MxcsrTemp)));
        Emit(Instruction.Create(Code.Mov_r32_rm32, tmp, Stack(frame + Frame.MxcsrTemp)));
        Emit(Instruction.Create(Code.And_rm32_imm32, tmp, fromHost));
        Emit(Instruction.Create(Code.Mov_r32_rm32, tmp2, GuestMxcsr));
        Emit(Instruction.Create(Code.And_rm32_imm32, tmp2, ~fromHost));
        Emit(Instruction.Create(Code.Or_r32_rm32, tmp, tmp2));
        Emit(Instruction.Create(Code.Mov_rm32_r32, GuestMxcsr, tmp));
        Emit(Instruction.Create(Code.Ldmxcsr_m32, Stack(frame + Frame.HostMxcsr)));
    }

    // ---- stubs ----

    private void EmitStubs()
    {
        E.Reset(_buffer.Stubs, _buffer.StubsCapacity);
        ulong Here() => E.Ip;

        X87SaveStub = Here();
        X87.EmitSaveStub(this);
        X87LoadStub = Here();
        X87.EmitLoadStub(this);

        // Prologue: rdi = CpuState*, rsi = guest memory base, rdx = page table, rcx = block code.
        Prologue = Here();
        foreach (var r in (Register[])[Register.RBX, Register.RBP, Register.R12, Register.R13, Register.R14, Register.R15])
            Emit(Instruction.Create(Code.Push_r64, r));
        Emit(Instruction.Create(Code.Sub_rm64_imm32, Register.RSP, Frame.Size));
        Emit(Instruction.Create(Code.Mov_r64_rm64, HostRegs.Cpu, Register.RDI));
        Emit(Instruction.Create(Code.Mov_r64_rm64, HostRegs.MemBase, Register.RSI));
        Emit(Instruction.Create(Code.Mov_rm64_r64, Stack(Frame.PageTable), Register.RDX));
        Emit(Instruction.Create(Code.Mov_rm64_r64, Ctx(0), Register.RSP));
        Emit(Instruction.Create(Code.Stmxcsr_m32, Stack(Frame.HostMxcsr)));
        LoadGuestMxcsr(0, Register.EAX);
        LoadPinned();
        Emit(Instruction.Create(Code.Jmp_rm64, Register.RCX));

        Epilogue = Here();
        StorePinned();
        X87.SaveAtExit(this);
        // Pinned registers are stored: R10 and R11 are free (EAX holds the exit code).
        SaveGuestMxcsr(0, Register.R10D, Register.R11D);
        Emit(Instruction.Create(Code.Add_rm64_imm32, Register.RSP, Frame.Size));
        foreach (var r in (Register[])[Register.R15, Register.R14, Register.R13, Register.R12, Register.RBP, Register.RBX])
            Emit(Instruction.Create(Code.Pop_r64, r));
        Emit(Instruction.Create(Code.Retnq));

        Recovery = Here();
        Emit(Instruction.Create(Code.Mov_r64_rm64, Register.RSP, Ctx(0)));
        Emit(Instruction.Create(Code.Mov_r32_imm32, Register.EAX, (uint)ExitKind.HostFault));
        E.JmpTo(Epilogue);

        // Slow paths and helper calls share stubs: they are called from generated code (so RSP is
        // 8 below the frame's alignment), save what a C# call clobbers and restore it.
        for (var kind = MemOp.U8; kind <= MemOp.U32; kind++)
        {
            _loadStubs[(int)kind] = Here();
            CallStub(HelperAbi.LoadSlowAddress, saveLocals: true, () =>
            {
                Emit(Instruction.Create(Code.Mov_r32_rm32, Register.ESI, Register.EAX));
                Emit(Instruction.Create(Code.Mov_r32_imm32, Register.EDX, (uint)kind));
            });
            _storeStubs[(int)kind] = Here();
            CallStub(HelperAbi.StoreSlowAddress, saveLocals: true, () =>
            {
                Emit(Instruction.Create(Code.Mov_r32_rm32, Register.ESI, Register.EAX));
                Emit(Instruction.Create(Code.Mov_r32_rm32, Register.EDX, Register.ECX));
                Emit(Instruction.Create(Code.Mov_r32_imm32, Register.ECX, (uint)kind));
            });
        }
        HelperStub = Here();
        CallStub(HelperAbi.CallHelperAddress, saveLocals: false, () =>
        {
            Emit(Instruction.Create(Code.Mov_r32_rm32, Register.ESI, Register.EAX));
            Emit(Instruction.Create(Code.Mov_r32_rm32, Register.EDX, Stack(StubFrame + Frame.Args)));
            Emit(Instruction.Create(Code.Mov_r32_rm32, Register.ECX, Stack(StubFrame + Frame.Args + 4)));
            Emit(Instruction.Create(Code.Mov_r32_rm32, Register.R8D, Stack(StubFrame + Frame.Args + 8)));
            Emit(Instruction.Create(Code.Mov_r32_rm32, Register.R9D, Stack(StubFrame + Frame.Args + 12)));
        });
        CarryStub = Here();
        EmitCarryStub();
        EflagsStub = Here();
        EmitEflagsStub();
        if (!E.Finish()) throw new InvalidOperationException("tcg: stubs do not fit");
    }

    /// <summary>
    /// A stub that calls C#: pinned registers go to CpuState (helpers read and write them there),
    /// the local-temp registers are saved if asked, <paramref name="setArgs"/> loads the argument
    /// registers; after the call everything is reloaded and CF = the result's fault bit.
    /// </summary>
    private void CallStub(ulong target, bool saveLocals, Action setArgs)
    {
        Emit(Instruction.Create(Code.Sub_rm64_imm8, Register.RSP, 8));
        StorePinned();
        // C# sees the x87 state in CpuState (and the host unit empty, as the ABI wants at a call).
        X87.SaveAroundCall(this);
        if (saveLocals)
        {
            Emit(Instruction.Create(Code.Mov_rm64_r64, Stack(StubFrame + Frame.SaveRdx), Register.RDX));
            Emit(Instruction.Create(Code.Mov_rm64_r64, Stack(StubFrame + Frame.SaveRsi), Register.RSI));
            Emit(Instruction.Create(Code.Mov_rm64_r64, Stack(StubFrame + Frame.SaveRdi), Register.RDI));
        }
        // C# runs with the host's MXCSR and reads or writes the guest's in CpuState (ldmxcsr, fxrstor, software SSE).
        SaveGuestMxcsr(StubFrame, Register.R10D, Register.R11D);
        setArgs();
        Emit(Instruction.Create(Code.Mov_r64_rm64, Register.RDI, HostRegs.Cpu));
        Emit(Instruction.Create(Code.Mov_r64_imm64, Register.R11, target));
        Emit(Instruction.Create(Code.Call_rm64, Register.R11));
        if (saveLocals)
        {
            Emit(Instruction.Create(Code.Mov_r64_rm64, Register.RDX, Stack(StubFrame + Frame.SaveRdx)));
            Emit(Instruction.Create(Code.Mov_r64_rm64, Register.RSI, Stack(StubFrame + Frame.SaveRsi)));
            Emit(Instruction.Create(Code.Mov_r64_rm64, Register.RDI, Stack(StubFrame + Frame.SaveRdi)));
        }
        X87.RestoreAfterCall(this);
        LoadGuestMxcsr(StubFrame, Register.R10D);
        LoadPinned();
        Emit(Instruction.Create(Code.Add_rm64_imm8, Register.RSP, 8));
        Emit(Instruction.Create(Code.Bt_rm64_imm8, Register.RAX, HelperAbi.FaultBit));
        Emit(Instruction.Create(Code.Retnq));
    }

    // ---- blocks ----

    /// <summary>Generates a block at the buffer's current position; null when the buffer is full (flush and retry).</summary>
    public TcgBlock? Generate(IrBlock ir, int id)
    {
        if (_buffer.Free < 4096 || id >= _buffer.CounterSlots) return null;
        E.Reset(_buffer.Current, _buffer.Free);
        BlockId = id;
        _outOfLine.Clear();
        _insnStarts.Clear();
        _slotCount = 0;
        Locs = _allocator.Allocate(ir);
        if (Labels.Length < ir.LabelCount) Labels = new int[Math.Max(ir.LabelCount, Labels.Length * 2)];
        for (int i = 0; i < ir.LabelCount; i++) Labels[i] = E.CreateLabel();
        CurrentPc = ir.GuestPc;
        StoresInInsn = false;
        X87Known = false;
        _readTempsKnown = false;
        Counter = _buffer.Counter(id);
        *Counter = HotThreshold;
        // A trace is what hot code became: it counts nothing and takes no hot exit.
        if ((HotThreshold != 0 || CountEntries) && !ir.IsTrace) EmitEntryCount(ir.GuestPc);

        Ir = ir;
        var ops = ir.Ops;
        for (int i = 0; i < ops.Count; i++)
        {
            OpIndex = i;
            Op op = ops[i];
            switch (op.Code)
            {
                case Opcode.Nop: break;
                case Opcode.InsnStart:
                    if (StoresInInsn) Branch.CodeModifiedCheck(this, op.Imm);
                    StoresInInsn = false;
                    CurrentPc = op.Imm;
                    _insnStarts.Add((E.Offset, op.Imm));
                    break;
                case Opcode.Mov: Mov.Move(this, op); break;
                case Opcode.Add or Opcode.Sub or Opcode.Mul or Opcode.And or Opcode.Or or Opcode.Xor: Alu.Binary(this, op); break;
                case Opcode.Neg or Opcode.Not: Alu.Unary(this, op); break;
                case Opcode.SetCond: Alu.SetCond(this, op); break;
                case Opcode.Select: Alu.Select(this, op); break;
                case Opcode.Shl or Opcode.Shr or Opcode.Sar or Opcode.Rotl or Opcode.Rotr: Shift.Emit(this, op); break;
                case Opcode.Ext8S or Opcode.Ext8U or Opcode.Ext16S or Opcode.Ext16U: Mov.Extend(this, op); break;
                case Opcode.Deposit: Mov.Deposit(this, op); break;
                case Opcode.Bswap or Opcode.Clz or Opcode.Ctz: Bit.Emit(this, op); break;
                case Opcode.MulU2 or Opcode.MulS2: MulDiv.Mul2(this, op); break;
                case Opcode.Load: Memory.Load(this, op); break;
                case Opcode.Store: Memory.Store(this, op); StoresInInsn = true; break;
                case Opcode.Call: Call.Emit(this, op); break;
                case Opcode.Label: Bind(Labels[op.Imm]); X87Known = false; break;
                case Opcode.Br: E.Jmp(Labels[op.Imm]); break;
                case Opcode.BrCond: Branch.BrCond(this, op); break;
                case Opcode.Goto: Branch.Goto(this, op); break;
                case Opcode.ExitIndirect: Branch.ExitIndirect(this); break;
                case Opcode.ExitSyscall: JumpToEpilogue(ExitKind.Syscall); break;
                case Opcode.Raise: Branch.Raise(this, op); break;
                case Opcode.ExitUnsupported: JumpToEpilogue(ExitKind.Unsupported); break;
                default: throw new InvalidOperationException($"tcg: no emission for {op.Code}");
            }
        }
        // Out-of-line code may add more out-of-line code (a slow path's fault exit).
        for (int i = 0; i < _outOfLine.Count; i++) EmitOutOfLine(_outOfLine[i]);
        if (!E.Finish()) return null;

        var block = new TcgBlock(ir.IsTrace ? UnitKind.Trace : UnitKind.Block, ir.GuestPc, ir.GuestEnd, ir.InsnCount, HotThreshold, Counter,
            ir.IsTrace ? [.. ir.TraceBlocks] : null, ir.SlotCount) { Id = id, HostCode = _buffer.Current, Entry = _buffer.Current, HostSize = E.Offset };
        block.SlotOffset = new int[ir.SlotCount];
        Array.Fill(block.SlotOffset, -1);
        for (int i = 0; i < _slotCount; i++) block.SlotOffset[_slotSites[i].Slot] = _slotSites[i].Offset;
        block.InsnHostOffsets = new int[_insnStarts.Count];
        block.InsnPcs = new uint[_insnStarts.Count];
        for (int i = 0; i < _insnStarts.Count; i++)
        {
            block.InsnHostOffsets[i] = _insnStarts[i].Offset;
            block.InsnPcs[i] = _insnStarts[i].Pc;
        }
        _buffer.Commit(E.Offset);
        return block;
    }
}
