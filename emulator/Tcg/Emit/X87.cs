using System.Runtime.InteropServices;
using Hdbt.Guest;
using Hdbt.Ir;
using Iced.Intel;

namespace Hdbt.Tcg.Emit;

/// <summary>
/// x87 helper calls emitted as the host's own x87 instruction. .NET on x86-64 never uses the x87
/// unit, so while generated code runs it can hold the guest's whole x87 state (stack, TOP, tags,
/// control and status words): every arithmetic result, flag, condition code, tag and stack fault
/// is then the guest CPU's by construction, as for inline SSE.
/// </summary>
/// <remarks>
/// <para>The state moves lazily. <c>TcgContext.X87Live</c> says where it is: the first inline x87
/// instruction of a block that finds it clear calls <see cref="CodeGenerator.X87LoadStub"/>
/// (CpuState → fnsave image → frstor); the epilogue and every stub that calls C# call
/// <see cref="CodeGenerator.X87SaveStub"/> (fnsave → CpuState, which also leaves the host unit
/// empty with the default control word, as the C ABI wants at a call) and the call stubs load it
/// back afterwards, so C# (helpers, the kernel, signal frames) always sees it in CpuState and a
/// call is transparent to the block. Integer code never pays more than a flag test per call.</para>
/// <para>Inline code is generated only while the guest masks every x87 exception (the host unit
/// must never fault): <c>fldcw</c> checks the new word inline and otherwise leaves through the
/// helper, the dispatcher flushing the cache; the state-loading helpers (fldenv, frstor, fxrstor)
/// stay helpers followed by the mask check. Memory operands are <c>[r15 + address]</c>; loads
/// fault through the host fault handler, stores check the page as integer stores do and take
/// the software helper out of line (page with code, read-only, crossing a page).</para>
/// <para>Not inline: fnstenv/fldenv/fnsave/frstor/fxsave/fxrstor (guest-memory layouts and the
/// instruction pointers), and every MMX instruction (they stay SSE helpers).</para>
/// </remarks>
public static unsafe class X87
{
    private static readonly int LiveField = (int)Marshal.OffsetOf<TcgContext>(nameof(TcgContext.X87Live));
    private static readonly int ImageField = (int)Marshal.OffsetOf<TcgContext>(nameof(TcgContext.X87Image));
    private static readonly int RegsOffset = (int)Marshal.OffsetOf<CpuState>(nameof(CpuState.FpRegs));
    private static readonly int TopOffset = (int)Marshal.OffsetOf<CpuState>(nameof(CpuState.FpTop));
    private static readonly int ControlOffset = (int)Marshal.OffsetOf<CpuState>(nameof(CpuState.FpControl));
    private static readonly int StatusOffset = (int)Marshal.OffsetOf<CpuState>(nameof(CpuState.FpStatus));
    private static readonly int TagOffset = (int)Marshal.OffsetOf<CpuState>(nameof(CpuState.FpTag));

    /// <summary>The x87 exception mask bits of the control word (IM, DM, ZM, OM, UM, PM).</summary>
    public const ushort ControlMasks = 0x3F;

    /// <summary>
    /// fnsave image (32-bit protected-mode layout) offsets: control, status (with TOP), tag word,
    /// then ST(0)..ST(7) at 10 bytes each.
    /// </summary>
    private const int ImgControl = 0, ImgStatus = 4, ImgTag = 8, ImgRegs = 28;

    private const ushort StatusWithoutTop = unchecked((ushort)~0x3800);

    // ---- the stubs that move the state ----

    /// <summary>
    /// Host x87 → CpuState: fnsave (which re-initializes the unit), then control, status, TOP, tags
    /// and the registers in physical order. Called with the pinned registers stored; clobbers
    /// R8–R11 and flags.
    /// </summary>
    internal static void EmitSaveStub(CodeGenerator g)
    {
        g.Emit(Instruction.Create(Code.Fnsave_m108byte, g.Ctx(ImageField)));
        g.Emit(Instruction.Create(Code.Mov_rm32_imm32, g.Ctx(LiveField), 0u));
        g.Emit(Instruction.Create(Code.Movzx_r32_rm16, Register.R8D, g.Ctx(ImageField + ImgControl)));
        g.Emit(Instruction.Create(Code.Mov_rm16_r16, Cpu(ControlOffset), Register.R8W));
        g.Emit(Instruction.Create(Code.Movzx_r32_rm16, Register.R8D, g.Ctx(ImageField + ImgStatus)));
        g.Emit(Instruction.Create(Code.Mov_r32_rm32, Register.R10D, Register.R8D));
        g.Emit(Instruction.Create(Code.Shr_rm32_imm8, Register.R10D, 11));
        g.Emit(Instruction.Create(Code.And_rm32_imm8, Register.R10D, 7));
        g.Emit(Instruction.Create(Code.Mov_rm32_r32, Cpu(TopOffset), Register.R10D));
        g.Emit(Instruction.Create(Code.And_rm32_imm32, Register.R8D, (int)StatusWithoutTop));
        g.Emit(Instruction.Create(Code.Mov_rm16_r16, Cpu(StatusOffset), Register.R8W));
        g.Emit(Instruction.Create(Code.Movzx_r32_rm16, Register.R8D, g.Ctx(ImageField + ImgTag)));
        g.Emit(Instruction.Create(Code.Mov_rm16_r16, Cpu(TagOffset), Register.R8W));
        for (int i = 0; i < 8; i++)
        {
            PhysicalSlot(g, i);
            g.Emit(Instruction.Create(Code.Mov_r64_rm64, Register.R8, g.Ctx(ImageField + ImgRegs + 10 * i)));
            g.Emit(Instruction.Create(Code.Mov_rm64_r64, Slot(0), Register.R8));
            g.Emit(Instruction.Create(Code.Movzx_r32_rm16, Register.R9D, g.Ctx(ImageField + ImgRegs + 10 * i + 8)));
            g.Emit(Instruction.Create(Code.Mov_rm16_r16, Slot(8), Register.R9W));
        }
        g.Emit(Instruction.Create(Code.Retnq));
    }

    /// <summary>CpuState → host x87 through the image and frstor. Preserves every register (flags excepted): it is called mid-block.</summary>
    internal static void EmitLoadStub(CodeGenerator g)
    {
        Register[] used = [Register.R8, Register.R9, Register.R10, Register.R11];
        foreach (var r in used) g.Emit(Instruction.Create(Code.Push_r64, r));
        g.Emit(Instruction.Create(Code.Mov_rm32_imm32, g.Ctx(LiveField), 1u));
        g.Emit(Instruction.Create(Code.Movzx_r32_rm16, Register.R8D, Cpu(ControlOffset)));
        g.Emit(Instruction.Create(Code.Mov_rm32_r32, g.Ctx(ImageField + ImgControl), Register.R8D));
        g.Emit(Instruction.Create(Code.Mov_r32_rm32, Register.R10D, Cpu(TopOffset)));
        g.Emit(Instruction.Create(Code.And_rm32_imm8, Register.R10D, 7));
        g.Emit(Instruction.Create(Code.Movzx_r32_rm16, Register.R8D, Cpu(StatusOffset)));
        g.Emit(Instruction.Create(Code.And_rm32_imm32, Register.R8D, (int)StatusWithoutTop));
        g.Emit(Instruction.Create(Code.Mov_r32_rm32, Register.R9D, Register.R10D));
        g.Emit(Instruction.Create(Code.Shl_rm32_imm8, Register.R9D, 11));
        g.Emit(Instruction.Create(Code.Or_r32_rm32, Register.R8D, Register.R9D));
        g.Emit(Instruction.Create(Code.Mov_rm32_r32, g.Ctx(ImageField + ImgStatus), Register.R8D));
        g.Emit(Instruction.Create(Code.Movzx_r32_rm16, Register.R8D, Cpu(TagOffset)));
        g.Emit(Instruction.Create(Code.Mov_rm32_r32, g.Ctx(ImageField + ImgTag), Register.R8D));
        for (int i = 0; i < 8; i++)
        {
            PhysicalSlot(g, i);
            g.Emit(Instruction.Create(Code.Mov_r64_rm64, Register.R8, Slot(0)));
            g.Emit(Instruction.Create(Code.Mov_rm64_r64, g.Ctx(ImageField + ImgRegs + 10 * i), Register.R8));
            g.Emit(Instruction.Create(Code.Movzx_r32_rm16, Register.R9D, Slot(8)));
            g.Emit(Instruction.Create(Code.Mov_rm16_r16, g.Ctx(ImageField + ImgRegs + 10 * i + 8), Register.R9W));
        }
        g.Emit(Instruction.Create(Code.Frstor_m108byte, g.Ctx(ImageField)));
        for (int i = used.Length - 1; i >= 0; i--) g.Emit(Instruction.Create(Code.Pop_r64, used[i]));
        g.Emit(Instruction.Create(Code.Retnq));
    }

    /// <summary>R11 = 16 * ((TOP + i) &amp; 7), TOP in R10: the CpuState slot of ST(i).</summary>
    private static void PhysicalSlot(CodeGenerator g, int i)
    {
        g.Emit(Instruction.Create(Code.Lea_r32_m, Register.R11D, new MemoryOperand(Register.R10, i)));
        g.Emit(Instruction.Create(Code.And_rm32_imm8, Register.R11D, 7));
        g.Emit(Instruction.Create(Code.Shl_rm32_imm8, Register.R11D, 4));
    }

    private static MemoryOperand Slot(int byteOffset) => new(HostRegs.Cpu, Register.R11, 1, RegsOffset + byteOffset, 1);

    private static MemoryOperand Cpu(int offset) => new(HostRegs.Cpu, offset);

    /// <summary>In a stub that calls C#: EBX (stored guest register) = whether the state was live, and saves it if so.</summary>
    internal static void SaveAroundCall(CodeGenerator g)
    {
        g.Emit(Instruction.Create(Code.Mov_r32_rm32, Register.EBX, g.Ctx(LiveField)));
        CallUnlessZero(g, Instruction.Create(Code.Test_rm32_r32, Register.EBX, Register.EBX), g.X87SaveStub);
    }

    /// <summary>After the C# call: loads the state back if <see cref="SaveAroundCall"/> saved it (EBX is callee-saved).</summary>
    internal static void RestoreAfterCall(CodeGenerator g) =>
        CallUnlessZero(g, Instruction.Create(Code.Test_rm32_r32, Register.EBX, Register.EBX), g.X87LoadStub);

    /// <summary>In the epilogue (pinned registers stored, EAX the exit code): the state goes back to CpuState.</summary>
    internal static void SaveAtExit(CodeGenerator g) =>
        CallUnlessZero(g, Instruction.Create(Code.Cmp_rm32_imm8, g.Ctx(LiveField), 0), g.X87SaveStub);

    /// <summary><paramref name="test"/>, then a call to <paramref name="stub"/> unless it set ZF.</summary>
    private static void CallUnlessZero(CodeGenerator g, in Instruction test, ulong stub)
    {
        int skip = g.E.CreateLabel();
        g.Emit(test);
        g.E.Branch(Code.Je_rel32_64, skip);
        g.E.CallTo(stub);
        g.Bind(skip);
    }

    /// <summary>Makes sure the host unit holds the guest state (once per block, and again after a label).</summary>
    private static void EnsureLive(CodeGenerator g)
    {
        if (g.X87Known) return;
        g.X87Known = true;
        int load = g.E.CreateLabel(), back = g.E.CreateLabel();
        g.Emit(Instruction.Create(Code.Cmp_rm32_imm8, g.Ctx(LiveField), 0));
        g.E.Branch(Code.Je_rel32_64, load);
        g.Bind(back);
        g.OutOfLine(new OutOfLineCode(OutOfLineKind.X87LoadState, load, back));
    }

    // ---- instructions ----

    /// <summary>Emits the call inline and returns true, or returns false for the ordinary helper call.</summary>
    public static bool TryEmit(CodeGenerator g, in Op op)
    {
        if (!g.InlineX87) return false;
        var id = (HelperId)op.Imm;
        Loc a0 = op.S0 >= 0 ? g.L(op.S0) : default, a1 = op.S1 >= 0 ? g.L(op.S1) : default;
        Loc a2 = op.S2 >= 0 ? g.L(op.S2) : default, a3 = op.S3 >= 0 ? g.L(op.S3) : default;
        bool Imm(int s, in Loc l) => s >= 0 && l.IsImm;
        bool done = id switch
        {
            HelperId.X87Load => Imm(op.S0, a0) && Load(g, op, (X87MemKind)a0.Imm, op.S1),
            HelperId.X87LoadReg => Imm(op.S0, a0) && Plain(g, Instruction.Create(Code.Fld_sti, St(a0.Imm))),
            HelperId.X87Store => Imm(op.S0, a0) && Imm(op.S2, a2) && Store(g, op, StoreCode((X87MemKind)a0.Imm, a2.Imm != 0), op.S1),
            HelperId.X87StoreReg => Imm(op.S0, a0) && Imm(op.S1, a1)
                && Plain(g, Instruction.Create(a1.Imm != 0 ? Code.Fstp_sti : Code.Fst_sti, St(a0.Imm))),
            HelperId.X87ArithReg => Imm(op.S0, a0) && Imm(op.S1, a1) && Imm(op.S2, a2) && Imm(op.S3, a3) && ArithReg(g, (X87ArithOp)a0.Imm, a1.Imm, a2.Imm, a3.Imm != 0),
            HelperId.X87ArithMem => Imm(op.S0, a0) && Imm(op.S1, a1) && Load(g, op, ArithMemCode((X87ArithOp)a0.Imm, (X87MemKind)a1.Imm), op.S2),
            HelperId.X87Compare => Imm(op.S0, a0) && Imm(op.S1, a1) && Compare(g, op, (X87CompareFlags)a0.Imm, (X87MemKind)a1.Imm),
            HelperId.X87Comi => Imm(op.S0, a0) && Comi(g, op, (X87CompareFlags)a0.Imm),
            HelperId.X87Exchange => Imm(op.S0, a0) && Plain(g, Instruction.Create(Code.Fxch_st0_sti, Register.ST0, St(a0.Imm))),
            HelperId.X87Free => Imm(op.S0, a0) && Imm(op.S1, a1)
                && Plain(g, Instruction.Create(a1.Imm != 0 ? Code.Ffreep_sti : Code.Ffree_sti, St(a0.Imm))),
            HelperId.X87Fcmov => Imm(op.S1, a1) && Fcmov(g, op, a1.Imm),
            HelperId.X87StatusWord => op.D0 >= 0 && StatusWord(g, op),
            HelperId.X87Unary => Imm(op.S0, a0) && Unary(g, (X87Unary)a0.Imm),
            HelperId.X87Control => Imm(op.S0, a0) && Control(g, op, (X87Control)a0.Imm),
            _ => false,
        };
        // The helpers without a result return 0; an IR that reads it anyway gets the same.
        if (done && id is not (HelperId.X87Comi or HelperId.X87StatusWord) && op.D0 >= 0 && g.IsRead(op.D0))
            g.Move(g.L(op.D0), Loc.Const(0));
        return done;
    }

    private static Register St(uint i) => Register.ST0 + (int)(i & 7);

    private static bool Plain(CodeGenerator g, in Instruction i)
    {
        EnsureLive(g);
        g.Emit(i);
        return true;
    }

    private static Code LoadCode(X87MemKind kind) => kind switch
    {
        X87MemKind.Single => Code.Fld_m32fp,
        X87MemKind.Double => Code.Fld_m64fp,
        X87MemKind.Extended => Code.Fld_m80fp,
        X87MemKind.Int16 => Code.Fild_m16int,
        X87MemKind.Int32 => Code.Fild_m32int,
        X87MemKind.Int64 => Code.Fild_m64int,
        X87MemKind.Bcd => Code.Fbld_m80bcd,
        _ => Code.INVALID,
    };

    private static Code StoreCode(X87MemKind kind, bool pop) => (kind, pop) switch
    {
        (X87MemKind.Single, false) => Code.Fst_m32fp,
        (X87MemKind.Single, true) => Code.Fstp_m32fp,
        (X87MemKind.Double, false) => Code.Fst_m64fp,
        (X87MemKind.Double, true) => Code.Fstp_m64fp,
        (X87MemKind.Extended, true) => Code.Fstp_m80fp,
        (X87MemKind.Int16, false) => Code.Fist_m16int,
        (X87MemKind.Int16, true) => Code.Fistp_m16int,
        (X87MemKind.Int32, false) => Code.Fist_m32int,
        (X87MemKind.Int32, true) => Code.Fistp_m32int,
        (X87MemKind.Int64, true) => Code.Fistp_m64int,
        (X87MemKind.Bcd, true) => Code.Fbstp_m80bcd,
        (X87MemKind.Int16Trunc, true) => Code.Fisttp_m16int,
        (X87MemKind.Int32Trunc, true) => Code.Fisttp_m32int,
        (X87MemKind.Int64Trunc, true) => Code.Fisttp_m64int,
        _ => Code.INVALID,
    };

    /// <summary>Bytes a memory form reads or writes.</summary>
    private static int Size(Code c) => c switch
    {
        Code.Fld_m80fp or Code.Fbld_m80bcd or Code.Fstp_m80fp or Code.Fbstp_m80bcd => 10,
        Code.Fld_m64fp or Code.Fild_m64int or Code.Fst_m64fp or Code.Fstp_m64fp or Code.Fistp_m64int or Code.Fisttp_m64int
            or Code.Fadd_m64fp or Code.Fmul_m64fp or Code.Fsub_m64fp or Code.Fsubr_m64fp or Code.Fdiv_m64fp or Code.Fdivr_m64fp
            or Code.Fcom_m64fp or Code.Fcomp_m64fp => 8,
        Code.Fild_m16int or Code.Fist_m16int or Code.Fistp_m16int or Code.Fisttp_m16int
            or Code.Fiadd_m16int or Code.Fimul_m16int or Code.Fisub_m16int or Code.Fisubr_m16int or Code.Fidiv_m16int or Code.Fidivr_m16int
            or Code.Ficom_m16int or Code.Ficomp_m16int or Code.Fldcw_m2byte or Code.Fnstcw_m2byte or Code.Fnstsw_m2byte => 2,
        _ => 4,
    };

    /// <summary>
    /// Host codes of the x87 arithmetic operations indexed by <see cref="X87ArithOp"/> (whose values
    /// are the ModRM reg field: add, mul, -, -, sub, subr, div, divr); columns m32fp, m64fp, m16int,
    /// m32int, then the register forms st0 op= sti, sti op= st0, sti op= st0 and pop. Built once: the
    /// translator looks them up for every x87 arithmetic instruction.
    /// </summary>
    private static readonly Code[][] s_arith =
    [
        // X87ArithOp.Add
        [Code.Fadd_m32fp, Code.Fadd_m64fp, Code.Fiadd_m16int, Code.Fiadd_m32int, Code.Fadd_st0_sti, Code.Fadd_sti_st0, Code.Faddp_sti_st0],
        // X87ArithOp.Mul
        [Code.Fmul_m32fp, Code.Fmul_m64fp, Code.Fimul_m16int, Code.Fimul_m32int, Code.Fmul_st0_sti, Code.Fmul_sti_st0, Code.Fmulp_sti_st0],
        // 2 and 3 are fcom and fcomp (X87Compare)
        [],
        [],
        // X87ArithOp.Sub, Subr, Div, Divr
        [Code.Fsub_m32fp, Code.Fsub_m64fp, Code.Fisub_m16int, Code.Fisub_m32int, Code.Fsub_st0_sti, Code.Fsub_sti_st0, Code.Fsubp_sti_st0],
        [Code.Fsubr_m32fp, Code.Fsubr_m64fp, Code.Fisubr_m16int, Code.Fisubr_m32int, Code.Fsubr_st0_sti, Code.Fsubr_sti_st0, Code.Fsubrp_sti_st0],
        [Code.Fdiv_m32fp, Code.Fdiv_m64fp, Code.Fidiv_m16int, Code.Fidiv_m32int, Code.Fdiv_st0_sti, Code.Fdiv_sti_st0, Code.Fdivp_sti_st0],
        [Code.Fdivr_m32fp, Code.Fdivr_m64fp, Code.Fidivr_m16int, Code.Fidivr_m32int, Code.Fdivr_st0_sti, Code.Fdivr_sti_st0, Code.Fdivrp_sti_st0],
    ];

    private const int RegStSti = 4, RegStiSt = 5, RegStiStPop = 6;

    private static Code[] ArithRow(X87ArithOp op) => (uint)op < (uint)s_arith.Length ? s_arith[(int)op] : [];

    private static Code ArithMemCode(X87ArithOp op, X87MemKind kind)
    {
        int k = kind switch { X87MemKind.Single => 0, X87MemKind.Double => 1, X87MemKind.Int16 => 2, X87MemKind.Int32 => 3, _ => -1 };
        Code[] row = ArithRow(op);
        return k < 0 || row.Length == 0 ? Code.INVALID : row[k];
    }

    /// <summary>Register forms: <c>st(0) op= st(i)</c>, <c>st(i) op= st(0)</c>, or the popping <c>st(i) op= st(0)</c>.</summary>
    private static bool ArithReg(CodeGenerator g, X87ArithOp op, uint dst, uint src, bool pop)
    {
        Code[] row = ArithRow(op);
        if (row.Length == 0) return false;
        if (pop)
        {
            if (src != 0) return false;
            return Plain(g, Instruction.Create(row[RegStiStPop], St(dst), Register.ST0));
        }
        if (dst == 0) return Plain(g, Instruction.Create(row[RegStSti], Register.ST0, St(src)));
        if (src != 0) return false;
        return Plain(g, Instruction.Create(row[RegStiSt], St(dst), Register.ST0));
    }

    /// <summary>A form that reads guest memory at the address in temp <paramref name="addr"/> (fault: host fault handler, or the checked helper).</summary>
    private static bool Load(CodeGenerator g, in Op op, X87MemKind kind, int addr) => Load(g, op, LoadCode(kind), addr);

    private static bool Load(CodeGenerator g, in Op op, Code c, int addr)
    {
        if (c == Code.INVALID || addr < 0) return false;
        EnsureLive(g);
        Register x = Memory.Address(g, g.L(addr));
        int slow = g.E.CreateLabel(), done = g.E.CreateLabel();
        if (!g.DirectLoads) Memory.CheckPage(g, x, Size(c), PageFlags.Read, slow);
        g.Emit(Instruction.Create(c, new MemoryOperand(HostRegs.MemBase, x, 1)));
        g.Bind(done);
        if (g.DirectLoads) g.Bind(slow);
        else Call.SlowCall(g, op, slow, done);
        return true;
    }

    /// <summary>A form that writes guest memory: the page check of integer stores, the helper out of line when it fails.</summary>
    private static bool Store(CodeGenerator g, in Op op, Code c, int addr)
    {
        if (c == Code.INVALID || addr < 0) return false;
        EnsureLive(g);
        Register x = Memory.Address(g, g.L(addr));
        int slow = g.E.CreateLabel(), done = g.E.CreateLabel();
        Memory.CheckPage(g, x, Size(c), PageFlags.Write, slow);
        g.Emit(Instruction.Create(c, new MemoryOperand(HostRegs.MemBase, x, 1)));
        g.Bind(done);
        Call.SlowCall(g, op, slow, done);
        g.StoresInInsn = true;
        return true;
    }

    private static bool Compare(CodeGenerator g, in Op op, X87CompareFlags mode, X87MemKind kind)
    {
        bool quiet = (mode & X87CompareFlags.Quiet) != 0;
        uint pops = mode.PopCount();
        if ((mode & X87CompareFlags.Zero) != 0) return false;
        if ((mode & X87CompareFlags.Memory) != 0)
        {
            if (quiet || pops > 1) return false;
            Code c = (kind, pops) switch
            {
                (X87MemKind.Single, 0) => Code.Fcom_m32fp,
                (X87MemKind.Single, 1) => Code.Fcomp_m32fp,
                (X87MemKind.Double, 0) => Code.Fcom_m64fp,
                (X87MemKind.Double, 1) => Code.Fcomp_m64fp,
                (X87MemKind.Int16, 0) => Code.Ficom_m16int,
                (X87MemKind.Int16, 1) => Code.Ficomp_m16int,
                (X87MemKind.Int32, 0) => Code.Ficom_m32int,
                (X87MemKind.Int32, 1) => Code.Ficomp_m32int,
                _ => Code.INVALID,
            };
            return Load(g, op, c, op.S2);
        }
        uint i = mode.StackIndex();
        return pops switch
        {
            0 => Plain(g, Instruction.Create(quiet ? Code.Fucom_st0_sti : Code.Fcom_st0_sti, Register.ST0, St(i))),
            1 => Plain(g, Instruction.Create(quiet ? Code.Fucomp_st0_sti : Code.Fcomp_st0_sti, Register.ST0, St(i))),
            _ => i == 1 && Plain(g, Instruction.Create(quiet ? Code.Fucompp : Code.Fcompp)),
        };
    }

    /// <summary>fcomi family: the host's ZF, PF, CF are the result (the IR sets them as EFLAGS).</summary>
    private static bool Comi(CodeGenerator g, in Op op, X87CompareFlags mode)
    {
        if (op.D0 < 0) return false;
        bool quiet = (mode & X87CompareFlags.Quiet) != 0, pop = (mode & X87CompareFlags.Pop1) != 0;
        Code c = (quiet, pop) switch
        {
            (false, false) => Code.Fcomi_st0_sti,
            (false, true) => Code.Fcomip_st0_sti,
            (true, false) => Code.Fucomi_st0_sti,
            _ => Code.Fucomip_st0_sti,
        };
        Plain(g, Instruction.Create(c, Register.ST0, St(mode.StackIndex())));
        g.Emit(Instruction.Create(Code.Pushfq));
        g.Emit(Instruction.Create(Code.Pop_r64, Register.RAX));
        g.Emit(Instruction.Create(Code.And_rm32_imm32, Register.EAX, Flags.ZF | Flags.PF | Flags.CF));
        g.MovFromReg(g.L(op.D0), Register.EAX);
        return true;
    }

    /// <summary>fcmovcc with the condition already computed (nonzero: move): the host's fcmovne after a test, so stack faults are the hardware's.</summary>
    private static bool Fcmov(CodeGenerator g, in Op op, uint i)
    {
        if (op.S0 < 0) return false;
        EnsureLive(g);
        Loc cond = g.L(op.S0);
        if (cond.IsImm)
        {
            g.Emit(Instruction.Create(Code.Mov_r32_imm32, Register.EAX, cond.Imm));
            cond = Loc.InReg(Register.RAX);
        }
        g.Compare(cond, Loc.Const(0), test: false);
        g.Emit(Instruction.Create(Code.Fcmovne_st0_sti, Register.ST0, St(i)));
        return true;
    }

    private static bool StatusWord(CodeGenerator g, in Op op)
    {
        EnsureLive(g);
        g.Emit(Instruction.Create(Code.Fnstsw_AX, Register.AX));
        g.Emit(Instruction.Create(Code.Movzx_r32_rm16, Register.EAX, Register.AX));
        g.MovFromReg(g.L(op.D0), Register.EAX);
        return true;
    }

    private static bool Unary(CodeGenerator g, X87Unary u)
    {
        // With every exception masked nothing can be pending: the waiting no-ops are no-ops.
        if (u is X87Unary.Fwait or X87Unary.Fnop) return true;
        Code c = u switch
        {
            X87Unary.Fchs => Code.Fchs, X87Unary.Fabs => Code.Fabs, X87Unary.Fsqrt => Code.Fsqrt,
            X87Unary.Frndint => Code.Frndint, X87Unary.Ftst => Code.Ftst, X87Unary.Fxam => Code.Fxam,
            X87Unary.F2xm1 => Code.F2xm1, X87Unary.Fsin => Code.Fsin, X87Unary.Fcos => Code.Fcos,
            X87Unary.Fsincos => Code.Fsincos, X87Unary.Fptan => Code.Fptan, X87Unary.Fpatan => Code.Fpatan,
            X87Unary.Fyl2x => Code.Fyl2x, X87Unary.Fyl2xp1 => Code.Fyl2xp1, X87Unary.Fscale => Code.Fscale,
            X87Unary.Fxtract => Code.Fxtract, X87Unary.Fprem => Code.Fprem, X87Unary.Fprem1 => Code.Fprem1,
            X87Unary.Fincstp => Code.Fincstp, X87Unary.Fdecstp => Code.Fdecstp,
            X87Unary.Fninit => Code.Fninit, X87Unary.Fnclex => Code.Fnclex,
            X87Unary.Fld1 => Code.Fld1, X87Unary.Fldl2t => Code.Fldl2t, X87Unary.Fldl2e => Code.Fldl2e,
            X87Unary.Fldpi => Code.Fldpi, X87Unary.Fldlg2 => Code.Fldlg2, X87Unary.Fldln2 => Code.Fldln2,
            X87Unary.Fldz => Code.Fldz,
            _ => Code.INVALID,
        };
        return c != Code.INVALID && Plain(g, Instruction.Create(c));
    }

    private static bool Control(CodeGenerator g, in Op op, X87Control c)
    {
        switch (c)
        {
            case X87Control.Fnstcw: return Store(g, op, Code.Fnstcw_m2byte, op.S1);
            case X87Control.Fnstsw: return Store(g, op, Code.Fnstsw_m2byte, op.S1);
            case X87Control.Fldcw: return Fldcw(g, op);
            default: return false;
        }
    }

    /// <summary>
    /// fldcw inline when the new word keeps every exception masked; otherwise (or when a checked
    /// load's page check fails) the helper loads it out of line, and the block goes on if the masks
    /// are still all set, or leaves at the next instruction so the dispatcher flushes the inline code.
    /// </summary>
    private static bool Fldcw(CodeGenerator g, in Op op)
    {
        if (op.S1 < 0) return false;
        EnsureLive(g);
        Register x = Memory.Address(g, g.L(op.S1));
        int slow = g.E.CreateLabel(), done = g.E.CreateLabel();
        if (!g.DirectLoads) Memory.CheckPage(g, x, 2, PageFlags.Read, slow);
        var mem = new MemoryOperand(HostRegs.MemBase, x, 1);
        g.Emit(Instruction.Create(Code.Movzx_r32_rm16, Register.EAX, mem));
        g.Emit(Instruction.Create(Code.And_rm32_imm32, Register.EAX, ControlMasks));
        g.Emit(Instruction.Create(Code.Cmp_rm32_imm32, Register.EAX, ControlMasks));
        g.E.Branch(Code.Jne_rel32_64, slow);
        g.Emit(Instruction.Create(Code.Fldcw_m2byte, mem));
        g.Bind(done);
        g.OutOfLine(new OutOfLineCode(OutOfLineKind.SlowCallThenMaskCheck, slow, done, g.CurrentPc, Next: g.NextInsnPc(), Op: op));
        return true;
    }
}
