using Hdbt.Frontend;
using Hdbt.Guest;
using Hdbt.Host;
using Hdbt.Ir;
using Hdbt.Loader;
using Hdbt.Tests.Support;

namespace Hdbt.Tests.Ir;

/// <summary>
/// <see cref="IrVerifier"/>: for each rule a hand-built block that breaks it (rejected with the right
/// message, naming the block's pc, the op index and the printed op) next to one that keeps it; and every
/// committed guest program's code translated with the verifier on.
/// </summary>
public sealed class IrVerifierTests
{
    private const uint Pc = 0x0804_8000;

    private static int Eax => IrBuilder.Global(GlobalSlot.Eax);

    private static int Esi => IrBuilder.Global(GlobalSlot.Esi);

    /// <summary>A block at <see cref="Pc"/> that has started its first instruction.</summary>
    private static (IrBlock Block, IrBuilder B) Begin()
    {
        var block = new IrBlock(Pc) { GuestEnd = Pc + 0x20, InsnCount = 1 };
        var b = new IrBuilder(block);
        b.InsnStart(Pc);
        return (block, b);
    }

    private static void Passes(IrBlock block) => IrVerifier.Verify(block, "test");

    /// <summary>Rejected with <paramref name="problem"/> at op <paramref name="opIndex"/> (the last op when null).</summary>
    private static IrVerificationException Rejects(IrBlock block, string problem, int? opIndex = null)
    {
        var e = Assert.Throws<IrVerificationException>(() => IrVerifier.Verify(block, "test"));
        Assert.Contains(problem, e.Problem);
        Assert.Equal(Pc, e.GuestPc);
        Assert.Equal("test", e.Stage);
        int at = opIndex ?? block.Ops.Count - 1;
        Assert.Equal(at, e.OpIndex);
        Assert.Contains($"block 0x{Pc:x8}, op {at} ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    // ---- a realistic block ----

    [Fact]
    public void AGoodBlockPasses()
    {
        var (block, b) = Begin();
        int t = b.Add(Eax, b.Const(4));
        int v = b.Load(MemOp.U32, t);
        b.Store(MemOp.U16, v, Esi);
        var (lo, hi) = b.MulDouble(false, v, t);
        b.Deposit(Eax, Eax, lo, 8, 8);
        b.Mov(IrBuilder.Global(GlobalSlot.Edx), hi);
        b.Call(HelperId.X87ArithReg, b.Const((uint)X87ArithOp.Subr), b.Const(1), b.Const(0), b.Const(1));
        b.Call(HelperId.X87Compare, b.Const((uint)(X87CompareFlags.Memory | X87CompareFlags.Pop1)), b.Const((uint)X87MemKind.Double), t);
        b.Call(HelperId.SseReg, b.Const(SseOpBits.Pack(SseOp.Addps)), b.Const(1), b.Const(2));
        int flags = b.Call(HelperId.ComputeEflags, IrBuilder.Global(GlobalSlot.CcOp), IrBuilder.Global(GlobalSlot.CcDst),
            IrBuilder.Global(GlobalSlot.CcSrc), IrBuilder.Global(GlobalSlot.CcSrc2));
        int taken = b.NewLabel();
        b.BrCond(Cond.TstNe, flags, b.Const(Flags.ZF), taken);
        b.InsnStart(Pc + 4);
        b.Goto(Pc + 8, 1);
        b.Label(taken);
        b.Goto(Pc + 0x10, 0);
        Passes(block);
    }

    [Fact]
    public void TheMessageNamesTheStageTheBlockTheOpAndTheRule()
    {
        var (block, b) = Begin();
        int t = b.NewTemp();
        b.Mov(Eax, t);
        b.ExitIndirect();
        var e = Rejects(block, "t21 is read before it is written", opIndex: 1);
        Assert.Equal($"IR verifier (test): block 0x{Pc:x8}, op 1 'mov eax, t21': t21 is read before it is written on some path into this op", e.Message);
    }

    // ---- definitions before uses ----

    [Fact]
    public void ALocalMustBeWrittenBeforeItIsRead()
    {
        var (block, b) = Begin();
        int t = b.NewTemp();
        b.Mov(Eax, t);
        b.Mov(t, b.Const(1));
        b.ExitIndirect();
        Rejects(block, "read before it is written", opIndex: 1);
    }

    [Fact]
    public void ALocalMustBeWrittenOnEveryPathIntoTheRead()
    {
        IrBlock Build(bool beforeTheBranch)
        {
            var (block, b) = Begin();
            int t = b.NewTemp(), skip = b.NewLabel();
            if (beforeTheBranch) b.Mov(t, b.Const(1));
            b.BrCond(Cond.Eq, Eax, b.Const(0), skip);
            b.Mov(t, b.Const(2));
            b.Label(skip);
            b.Mov(Eax, t);
            b.ExitIndirect();
            return block;
        }
        Passes(Build(beforeTheBranch: true));
        var bad = Build(beforeTheBranch: false);
        Rejects(bad, "read before it is written", opIndex: bad.Ops.Count - 2);
    }

    [Fact]
    public void LocalsLiveAroundABackwardBranchAreCheckedOnTheFirstIteration()
    {
        IrBlock Build(bool initialised)
        {
            var (block, b) = Begin();
            int count = b.NewTemp(), loop = b.NewLabel();
            if (initialised) b.Mov(count, Eax);
            b.Label(loop);
            int next = b.Sub(count, b.Const(1));
            b.Mov(count, next);
            b.BrCond(Cond.Ne, count, b.Const(0), loop);
            b.ExitIndirect();
            return block;
        }
        Passes(Build(initialised: true));
        Rejects(Build(initialised: false), "read before it is written", opIndex: 2);
    }

    [Fact]
    public void CodeAfterAJumpSeesTheStateOfTheLabelNotOfTheJump()
    {
        var (block, b) = Begin();
        int t = b.NewTemp(), join = b.NewLabel();
        b.BrCond(Cond.Eq, Eax, b.Const(0), join);
        b.Mov(t, b.Const(1));
        b.Goto(Pc + 4, 0);
        b.Label(join);
        b.Mov(Eax, t); // t was written only on the path that left
        b.ExitIndirect();
        Rejects(block, "read before it is written", opIndex: block.Ops.Count - 2);
    }

    // ---- operand shapes, sizes, immediates ----

    [Fact]
    public void EveryOperandTheOpcodeTakesMustBeThere()
    {
        var (block, b) = Begin();
        b.Emit(Op.Make(Opcode.Add, Eax, Eax));
        b.ExitIndirect();
        Rejects(block, "s1 is missing", opIndex: 1);
    }

    [Fact]
    public void NoOperandTheOpcodeDoesNotTake()
    {
        var (block, b) = Begin();
        b.Emit(Op.Make(Opcode.Mov, Eax, Esi, Esi));
        b.ExitIndirect();
        Rejects(block, "s1 (temp 6) is not an operand", opIndex: 1);
    }

    [Fact]
    public void AConstantIsNeverWritten()
    {
        var (block, b) = Begin();
        b.Emit(Op.Make(Opcode.Mov, b.Const(3), Eax));
        b.ExitIndirect();
        Rejects(block, "is a constant", opIndex: 1);
    }

    [Fact]
    public void TempsMustExist()
    {
        var (block, b) = Begin();
        b.Emit(Op.Make(Opcode.Mov, Eax, 999));
        b.ExitIndirect();
        var e = Rejects(block, "outside the block's", opIndex: 1);
        Assert.Contains("s0=999", e.PrintedOp);
    }

    [Fact]
    public void StoresAreUnsignedSizes()
    {
        var (block, b) = Begin();
        b.Store(MemOp.S16, Eax, Esi);
        b.ExitIndirect();
        Rejects(block, "store size S16", opIndex: 1);
    }

    [Fact]
    public void ADepositFieldLiesWithin32Bits()
    {
        var (block, b) = Begin();
        b.Deposit(Eax, Eax, Esi, 24, 16);
        b.ExitIndirect();
        Rejects(block, "deposit field pos=24, len=16", opIndex: 1);
        var (good, g) = Begin();
        g.Deposit(Eax, Eax, Esi, 16, 16);
        g.ExitIndirect();
        Passes(good);
    }

    [Fact]
    public void ADoubleProductNeedsTwoDestinations()
    {
        var (block, b) = Begin();
        var op = Op.Make(Opcode.MulU2, Eax, Eax, Esi);
        op.D1 = Eax;
        b.Emit(op);
        b.ExitIndirect();
        Rejects(block, "need two temps", opIndex: 1);
    }

    [Fact]
    public void ConditionsAreConds()
    {
        var (block, b) = Begin();
        int t = b.SetCond((Cond)40, Eax, Esi);
        b.Mov(Eax, t);
        b.ExitIndirect();
        Rejects(block, "condition 40 is not a Cond", opIndex: 1);
    }

    [Fact]
    public void GotoUsesSlotZeroOrOne()
    {
        var (block, b) = Begin();
        b.Goto(Pc + 4, 2);
        Rejects(block, "chaining slot 2");
    }

    [Fact]
    public void RaiseNamesASignal()
    {
        var (block, b) = Begin();
        b.Raise(0, -1);
        Rejects(block, "raise of signal 0");
        var (good, g) = Begin();
        g.Raise(Signals.SIGSEGV, g.Const(0x10));
        Passes(good);
    }

    // ---- helper calls ----

    [Fact]
    public void AHelperCallHasTheArityOfTheTable()
    {
        var (block, b) = Begin();
        b.Call(HelperId.ComputeEflags, Eax, Eax, Eax);
        b.ExitIndirect();
        Rejects(block, "s3 is missing (4 sources)", opIndex: 1);
        var (extra, e) = Begin();
        e.Call(HelperId.Cpuid, Eax);
        e.ExitIndirect();
        Rejects(extra, "s0 (temp 0) is not an operand of this op (0 sources)", opIndex: 1);
    }

    [Fact]
    public void AHelperMustBeInTheTable()
    {
        var (block, b) = Begin();
        b.Emit(Op.Make(Opcode.Call, b.NewTemp(), imm: 999));
        b.ExitIndirect();
        Rejects(block, "unknown helper 999", opIndex: 1);
    }

    [Fact]
    public void X87ArithmeticTakesAnX87ArithOpConstant()
    {
        IrBlock Build(Func<IrBuilder, int> op)
        {
            var (block, b) = Begin();
            b.Call(HelperId.X87ArithReg, op(b), b.Const(0), b.Const(1), b.Const(0));
            b.ExitIndirect();
            return block;
        }
        foreach (var good in Enum.GetValues<X87ArithOp>()) Passes(Build(b => b.Const((uint)good)));
        Rejects(Build(b => b.Const(2)), "argument s0 of x87_arith_reg: 2 is not an X87ArithOp", opIndex: 1);
        Rejects(Build(_ => Eax), "argument s0 of x87_arith_reg: must be a constant", opIndex: 1);
    }

    [Fact]
    public void X87StackIndicesAndPopFlagsAreInRange()
    {
        var (block, b) = Begin();
        b.Call(HelperId.X87ArithReg, b.Const((uint)X87ArithOp.Add), b.Const(8), b.Const(0), b.Const(0));
        b.ExitIndirect();
        Rejects(block, "argument s1 of x87_arith_reg: 8 is not an x87 stack index", opIndex: 1);
        var (pop, p) = Begin();
        p.Call(HelperId.X87StoreReg, p.Const(1), p.Const(2));
        p.ExitIndirect();
        Rejects(pop, "argument s1 of x87_store_reg: 2 is not a pop flag", opIndex: 1);
    }

    [Fact]
    public void X87ArithmeticFromMemoryReadsItsFourFormats()
    {
        var (block, b) = Begin();
        b.Call(HelperId.X87ArithMem, b.Const((uint)X87ArithOp.Mul), b.Const((uint)X87MemKind.Extended), Esi);
        b.ExitIndirect();
        Rejects(block, "argument s1 of x87_arith_mem: 2 is not a memory format of x87 arithmetic", opIndex: 1);
    }

    [Fact]
    public void X87CompareModesAreX87CompareFlags()
    {
        IrBlock Build(HelperId id, uint mode)
        {
            var (block, b) = Begin();
            if (id == HelperId.X87Compare) b.Call(id, b.Const(mode), b.Const(0), b.Const(0));
            else b.Call(id, b.Const(mode));
            b.ExitIndirect();
            return block;
        }
        Passes(Build(HelperId.X87Compare, X87CompareFlags.Quiet.With(3) | (uint)X87CompareFlags.Pop2));
        Passes(Build(HelperId.X87Comi, (X87CompareFlags.Quiet | X87CompareFlags.Pop1).With(1)));
        Rejects(Build(HelperId.X87Compare, (uint)X87CompareFlags.PopMask), "0x600 is not an X87Compare mode", opIndex: 1);
        Rejects(Build(HelperId.X87Compare, 1u << 20), "is not an X87Compare mode", opIndex: 1);
        Rejects(Build(HelperId.X87Comi, (uint)X87CompareFlags.Pop2), "0x400 is not an X87Comi mode", opIndex: 1);
    }

    [Fact]
    public void X87UnaryAndControlOperationsAreTheirEnums()
    {
        var (block, b) = Begin();
        b.Call(HelperId.X87Unary, b.Const((uint)X87Unary.Fldz + 1));
        b.ExitIndirect();
        Rejects(block, "is not an X87Unary", opIndex: 1);
        var (control, c) = Begin();
        c.Call(HelperId.X87Control, c.Const((uint)X87Control.Fxrstor + 1), Esi);
        c.ExitIndirect();
        Rejects(control, "is not an X87Control", opIndex: 1);
    }

    [Fact]
    public void SseCallsTakeAnOperationOfTheirKindAndRegisterNumbers()
    {
        IrBlock Build(uint packed, uint dst)
        {
            var (block, b) = Begin();
            b.Call(HelperId.SseReg, b.Const(packed), b.Const(dst), b.Const(0));
            b.ExitIndirect();
            return block;
        }
        Passes(Build(SseOpBits.Pack(SseOp.Pshufd, 0, 0x1B), 7));
        Rejects(Build(SseOpBits.Pack(SseOp.StoreA16), 0), "operation StoreA16 is not a register operation", opIndex: 1);
        Rejects(Build(SseOpBits.Pack(SseOp.Addps), 8), "argument s1 of sse_rr: 8 is not a register number", opIndex: 1);
        Rejects(Build((uint)SseOp.Addps | 1u << 30, 0), "has bits outside SseOpBits", opIndex: 1);
        var (comi, c) = Begin();
        c.Call(HelperId.SseComi, c.Const((uint)SseOp.Addss), c.Const(0), c.Const(1), c.Const(0));
        c.ExitIndirect();
        Rejects(comi, "is not a compare that sets EFLAGS", opIndex: 1);
    }

    [Fact]
    public void AMaskedStoreNamesTwoRegisters()
    {
        IrBlock Build(uint registers)
        {
            var (block, b) = Begin();
            b.Call(HelperId.SseStore, b.Const(SseOpBits.Pack(SseOp.MaskMov)), b.Const(registers), Esi);
            b.ExitIndirect();
            return block;
        }
        Passes(Build(SseOpBits.MaskMovRegisters(7, 1)));
        Rejects(Build(SseOpBits.MaskMovRegisters(1, 8)), "argument s1 of sse_st: 2049 is not two register numbers (bits 0x707)", opIndex: 1);
        Rejects(Build(0x0F), "15 is not two register numbers", opIndex: 1);
    }

    [Fact]
    public void SegmentHelpersTakeASegmentRegister()
    {
        var (block, b) = Begin();
        b.Call(HelperId.ReadSegment, b.Const((uint)SegmentRegister.Gs + 1));
        b.ExitIndirect();
        Rejects(block, "6 is not a SegmentRegister", opIndex: 1);
    }

    // ---- labels, exits, insn_start ----

    [Fact]
    public void BranchTargetsAreLabelsTheBlockDefines()
    {
        var (block, b) = Begin();
        int l = b.NewLabel();
        b.BrCond(Cond.Eq, Eax, Esi, l);
        b.ExitIndirect();
        Rejects(block, "branch to label L0, which the block does not define", opIndex: 1);
        var (outside, o) = Begin();
        o.Br(5);
        Rejects(outside, "label L5 is outside the block's 0 labels");
    }

    [Fact]
    public void ALabelIsDefinedOnce()
    {
        var (block, b) = Begin();
        int l = b.NewLabel();
        b.Label(l);
        b.Label(l);
        b.ExitIndirect();
        Rejects(block, "label L0 is already defined at op 1", opIndex: 2);
    }

    [Fact]
    public void TheBlockEndsInAnExitOrABranch()
    {
        var (block, b) = Begin();
        b.Mov(Eax, Esi);
        Rejects(block, "does not end in an exit or a branch");
        var (brcond, c) = Begin();
        int target = c.NewLabel();
        c.Label(target);
        c.BrCond(Cond.Eq, Eax, Esi, target);
        Rejects(brcond, "does not end in an exit or a branch");
        // A trace's loop ends in a branch back to its head.
        var (loop, l) = Begin();
        int top = l.NewLabel();
        l.Label(top);
        l.Mov(Eax, Esi);
        l.Br(top);
        Passes(loop);
    }

    [Fact]
    public void OnlyALabelFollowsAJumpOrAnExit()
    {
        var (block, b) = Begin();
        b.Goto(Pc + 4, 0);
        b.Mov(Eax, Esi);
        b.ExitIndirect();
        Rejects(block, "only a label may follow a br or an exit", opIndex: 2);
        var (nops, n) = Begin();
        n.Goto(Pc + 4, 0);
        n.Emit(Op.Make(Opcode.Nop)); // what passes leave before Compact
        Passes(nops);
    }

    [Fact]
    public void AnOpThatCanFaultComesAfterAnInsnStart()
    {
        var block = new IrBlock(Pc);
        var b = new IrBuilder(block);
        b.Load(MemOp.U8, Esi);
        b.ExitIndirect();
        Rejects(block, "before any insn_start", opIndex: 0);
        // Ops that cannot fault need no pc (hand-built optimizer tests have none).
        var pure = new IrBlock(Pc);
        var p = new IrBuilder(pure);
        p.Mov(Eax, Esi);
        p.Goto(Pc + 4, 0);
        Passes(pure);
    }

    [Fact]
    public void InsnStartsBeginAtTheBlocksPcAndIncreaseWithinIt()
    {
        var (block, b) = Begin();
        b.InsnStart(Pc);
        b.ExitIndirect();
        Rejects(block, "insn_start pcs must increase", opIndex: 1);
        var other = new IrBlock(Pc);
        var o = new IrBuilder(other);
        o.InsnStart(Pc + 1);
        o.ExitIndirect();
        Rejects(other, "the first insn_start must be the block's pc", opIndex: 0);
        var (past, p) = Begin();
        p.InsnStart(Pc + 0x20);
        p.ExitIndirect();
        Rejects(past, "past the block's end", opIndex: 1);
    }

    // ---- the optimizer keeps the rules ----

    [Fact]
    public void FoldingABranchRemovesTheCodeItMakesUnreachable()
    {
        // cmp of two constants; jz: the brcond folds to br, and the not-taken goto_tb after it is dead.
        var (block, b) = Begin();
        int taken = b.NewLabel();
        b.BrCond(Cond.Eq, b.Const(1), b.Const(1), taken);
        b.Goto(Pc + 2, 1);
        b.Label(taken);
        b.Goto(Pc + 0x40, 0);
        Optimizer.Run(block, b, verify: true);
        Assert.Equal(1, block.Ops.Count(o => o.Code == Opcode.Goto));
        Assert.Equal(Pc + 0x40, block.Ops.Single(o => o.Code == Opcode.Goto).Imm);
    }

    // ---- every committed guest program ----

    public static TheoryData<string> GuestPrograms()
    {
        var data = new TheoryData<string>();
        foreach (var w in WorkloadManifest.Workloads()) data.Add(w.Binary);
        return data;
    }

    /// <summary>
    /// Translates every instruction of the program's executable segments (a linear sweep: a block at
    /// each address where the previous block ended, so data in the text section gives raise blocks),
    /// building, optimizing and verifying each block: the frontend and every pass keep the rules on
    /// real code, libc included.
    /// </summary>
    [Theory]
    [MemberData(nameof(GuestPrograms))]
    public void EveryBlockOfTheWorkloadVerifies(string binary)
    {
        string path = WorkloadManifest.PathOf(binary);
        var elf = ElfFile.Load(path);
        using var memory = new GuestMemory();
        uint bias = ElfLoader.Load(elf, memory, [path], [], path).LoadBias;
        var translator = new Translator(memory, new TranslatorOptions { VerifyIr = true });
        int blocks = 0;
        foreach (var ph in elf.ProgramHeaders.Where(p => p.Type == ElfFile.PtLoad && (p.Flags & ElfFile.PfX) != 0))
        {
            uint pc = ph.VAddr + bias, end = ph.VAddr + bias + ph.FileSize;
            while (pc < end)
            {
                IrBlock block = translator.Translate(pc);
                blocks++;
                pc = block.GuestEnd > pc ? block.GuestEnd : pc + 1;
            }
        }
        Assert.True(blocks > 100, $"{binary}: only {blocks} blocks");
    }
}
