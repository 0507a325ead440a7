using Hdbt.Guest;

namespace Hdbt.Ir;

/// <summary>
/// Checks that an <see cref="IrBlock"/> keeps the IR's rules (<c>emulator/Ir/README.md</c>, "Verifier"):
/// operand shapes, sizes and immediates per opcode; helper arity and the helper-argument contracts;
/// labels and branch targets; an exit at the end and nothing but a label after a jump or exit; an
/// insn_start before anything that can fault; every local defined on every path before it is read.
/// The frontend runs it on each block as built and <see cref="Optimizer"/> after each pass, when
/// <c>--verify-ir</c> or <c>HDBT_VERIFY_IR=1</c> asks (off by default: it is not free).
/// </summary>
/// <remarks>
/// A failure throws <see cref="IrVerificationException"/> naming the block's guest pc, the op's index
/// and the op as <see cref="IrPrinter"/> prints it. The rules are those every backend relies on; a
/// rule is relaxed only where the IR allows it on purpose (each such case is said below).
/// </remarks>
public static class IrVerifier
{
    /// <summary>Throws <see cref="IrVerificationException"/> at the first broken rule; <paramref name="stage"/> names where the block is (frontend, or the pass that ran last).</summary>
    public static void Verify(IrBlock block, string stage)
    {
        CheckGlobals(block, stage);
        CheckOps(block, stage);
        CheckDefinitions(block, stage);
    }

    // ---- the temp table ----

    private static void CheckGlobals(IrBlock block, string stage)
    {
        if (block.Temps.Count < CpuState.GlobalSlotCount)
            throw BlockError(block, stage, $"the temp table has {block.Temps.Count} temps, fewer than the {CpuState.GlobalSlotCount} globals");
        for (int g = 0; g < CpuState.GlobalSlotCount; g++)
            if (block.Temps[g] is not { Kind: TempKind.Global } t || t.Value != (uint)g)
                throw BlockError(block, stage, $"temp {g} must be global {(GlobalSlot)g}");
        for (int t = CpuState.GlobalSlotCount; t < block.Temps.Count; t++)
            if (block.Temps[t].Kind == TempKind.Global)
                throw BlockError(block, stage, $"temp {t} is a global past the {CpuState.GlobalSlotCount} global slots");
    }

    // ---- each op on its own, labels, exits, insn_start ----

    private static bool InTraceBlock(IrBlock trace, uint pc)
    {
        foreach (var (start, end) in trace.TraceBlocks)
            if (pc >= start && pc < end) return true;
        return false;
    }

    private static void CheckOps(IrBlock block, string stage)
    {
        var ops = block.Ops;
        var labelAt = new int[block.LabelCount];
        Array.Fill(labelAt, -1);
        var firstBranchTo = new int[block.LabelCount];
        Array.Fill(firstBranchTo, -1);
        bool afterJump = false, seenInsnStart = false;
        uint lastPc = 0;
        int last = -1;
        for (int i = 0; i < ops.Count; i++)
        {
            Op op = ops[i];
            // Nop is what passes leave before Compact; its fields mean nothing.
            if (op.Code == Opcode.Nop) continue;
            last = i;
            if (afterJump && op.Code != Opcode.Label)
                throw OpError(block, stage, i, "unreachable: only a label may follow a br or an exit");
            afterJump = false;
            CheckShape(block, stage, i, op);
            switch (op.Code)
            {
                case Opcode.InsnStart when block.IsTrace:
                    // A trace's instructions follow its path, not the address order: each must lie in one of its blocks.
                    if (!seenInsnStart && op.Imm != block.GuestPc)
                        throw OpError(block, stage, i, $"the first insn_start must be the trace head's pc 0x{block.GuestPc:x8}");
                    if (!InTraceBlock(block, op.Imm))
                        throw OpError(block, stage, i, "insn_start pc is in none of the trace's blocks");
                    seenInsnStart = true;
                    break;
                case Opcode.InsnStart:
                    if (seenInsnStart ? op.Imm <= lastPc : op.Imm != block.GuestPc)
                        throw OpError(block, stage, i, seenInsnStart
                            ? $"insn_start pcs must increase (previous 0x{lastPc:x8})"
                            : $"the first insn_start must be the block's pc 0x{block.GuestPc:x8}");
                    if (block.GuestEnd > block.GuestPc && op.Imm >= block.GuestEnd)
                        throw OpError(block, stage, i, $"insn_start pc is past the block's end 0x{block.GuestEnd:x8}");
                    seenInsnStart = true;
                    lastPc = op.Imm;
                    break;
                case Opcode.Label:
                    if (labelAt[op.Imm] >= 0) throw OpError(block, stage, i, $"label L{op.Imm} is already defined at op {labelAt[op.Imm]}");
                    labelAt[op.Imm] = i;
                    break;
                case Opcode.Br or Opcode.BrCond:
                    if (firstBranchTo[op.Imm] < 0) firstBranchTo[op.Imm] = i;
                    break;
            }
            if (!seenInsnStart && MayFault(op))
                throw OpError(block, stage, i, "an op that can fault comes before any insn_start (the fault would have no pc)");
            afterJump = op.Code == Opcode.Br || IsExit(op.Code);
        }
        for (int l = 0; l < block.LabelCount; l++)
            if (firstBranchTo[l] >= 0 && labelAt[l] < 0)
                throw OpError(block, stage, firstBranchTo[l], $"branch to label L{l}, which the block does not define");
        if (last < 0) throw BlockError(block, stage, "the block has no ops");
        // Control must not run off the end: the last op leaves, or (a trace's loop) branches back.
        if (!IsExit(ops[last].Code) && ops[last].Code != Opcode.Br)
            throw OpError(block, stage, last, "the block does not end in an exit or a branch");
    }

    /// <summary>Operand presence, temp kinds and ranges, immediates and sizes of one op.</summary>
    private static void CheckShape(IrBlock block, string stage, int i, in Op op)
    {
        switch (op.Code)
        {
            case Opcode.InsnStart or Opcode.Label or Opcode.Br or Opcode.Goto
                or Opcode.ExitIndirect or Opcode.ExitSyscall or Opcode.ExitUnsupported:
                Operands(block, stage, i, op, d0: false, d1: false, sources: 0);
                if (op.Code is Opcode.Label or Opcode.Br) Label(block, stage, i, op.Imm);
                if (op.Code == Opcode.Goto && op.Slot >= block.SlotCount) throw OpError(block, stage, i, $"chaining slot {op.Slot} (0..{block.SlotCount - 1})");
                break;
            case Opcode.Mov or Opcode.Neg or Opcode.Not or Opcode.Ext8S or Opcode.Ext8U or Opcode.Ext16S or Opcode.Ext16U
                or Opcode.Bswap or Opcode.Clz or Opcode.Ctz:
                Operands(block, stage, i, op, d0: true, d1: false, sources: 1);
                break;
            case Opcode.Add or Opcode.Sub or Opcode.Mul or Opcode.And or Opcode.Or or Opcode.Xor
                or Opcode.Shl or Opcode.Shr or Opcode.Sar or Opcode.Rotl or Opcode.Rotr:
                Operands(block, stage, i, op, d0: true, d1: false, sources: 2);
                break;
            case Opcode.Deposit:
            {
                Operands(block, stage, i, op, d0: true, d1: false, sources: 2);
                uint pos = op.Imm & 0xFF, len = (op.Imm >> 8) & 0xFF;
                if (op.Imm >> 16 != 0 || len == 0 || pos + len > 32)
                    throw OpError(block, stage, i, $"deposit field pos={pos}, len={len} (imm 0x{op.Imm:x}) must lie within 32 bits and be 1 bit or more");
                break;
            }
            case Opcode.MulU2 or Opcode.MulS2:
                Operands(block, stage, i, op, d0: true, d1: true, sources: 2);
                if (op.D0 == op.D1) throw OpError(block, stage, i, "the low and high halves of a double-width product need two temps");
                break;
            case Opcode.SetCond:
                Operands(block, stage, i, op, d0: true, d1: false, sources: 2);
                Condition(block, stage, i, op.Cond);
                break;
            case Opcode.Select:
                Operands(block, stage, i, op, d0: true, d1: false, sources: 3);
                break;
            case Opcode.Load:
                Operands(block, stage, i, op, d0: true, d1: false, sources: 1);
                if (op.Mem > MemOp.U32) throw OpError(block, stage, i, $"load size {(byte)op.Mem} is not a MemOp");
                break;
            case Opcode.Store:
                Operands(block, stage, i, op, d0: false, d1: false, sources: 2);
                // A store writes the low bytes; signedness means nothing there, so only the unsigned sizes are legal.
                if (op.Mem is not (MemOp.U8 or MemOp.U16 or MemOp.U32))
                    throw OpError(block, stage, i, $"store size {op.Mem} (stores are u8, u16 or u32)");
                break;
            case Opcode.Call:
                CheckCall(block, stage, i, op);
                break;
            case Opcode.BrCond:
                Operands(block, stage, i, op, d0: false, d1: false, sources: 2);
                Condition(block, stage, i, op.Cond);
                Label(block, stage, i, op.Imm);
                break;
            case Opcode.Raise:
                // The fault address is optional (-1: none).
                Operands(block, stage, i, op, d0: false, d1: false, sources: op.S0 >= 0 ? 1 : 0);
                if (op.Imm is 0 or > 64) throw OpError(block, stage, i, $"raise of signal {op.Imm} (1..64)");
                break;
            default:
                throw OpError(block, stage, i, $"unknown opcode {(byte)op.Code}");
        }
    }

    /// <summary>D0/D1 present or absent as asked; exactly the first <paramref name="sources"/> sources present; every temp in range, destinations not constants.</summary>
    private static void Operands(IrBlock block, string stage, int i, in Op op, bool d0, bool d1, int sources, bool d0Optional = false)
    {
        Destination(block, stage, i, op.D0, "d0", d0, d0Optional);
        Destination(block, stage, i, op.D1, "d1", d1, optional: false);
        Source(block, stage, i, op.S0, 0, sources);
        Source(block, stage, i, op.S1, 1, sources);
        Source(block, stage, i, op.S2, 2, sources);
        Source(block, stage, i, op.S3, 3, sources);
    }

    private static void Destination(IrBlock block, string stage, int i, int t, string name, bool wanted, bool optional)
    {
        if (t == -1)
        {
            if (wanted && !optional) throw OpError(block, stage, i, $"{name} is missing");
            return;
        }
        if (!wanted) throw OpError(block, stage, i, $"{name} (temp {t}) is not an operand of this op");
        InRange(block, stage, i, t, name);
        if (block.Temps[t].Kind == TempKind.Const) throw OpError(block, stage, i, $"{name} (temp {t}) is a constant, which is never written");
    }

    private static void Source(IrBlock block, string stage, int i, int t, int k, int count)
    {
        if (k < count)
        {
            if (t == -1) throw OpError(block, stage, i, $"s{k} is missing ({count} source{(count == 1 ? "" : "s")})");
            InRange(block, stage, i, t, $"s{k}");
        }
        else if (t != -1) throw OpError(block, stage, i, $"s{k} (temp {t}) is not an operand of this op ({count} source{(count == 1 ? "" : "s")})");
    }

    private static void InRange(IrBlock block, string stage, int i, int t, string name)
    {
        if (t < 0 || t >= block.Temps.Count) throw OpError(block, stage, i, $"{name} is temp {t}, outside the block's {block.Temps.Count} temps");
    }

    private static void Condition(IrBlock block, string stage, int i, Cond c)
    {
        if (c > Cond.TstNe) throw OpError(block, stage, i, $"condition {(byte)c} is not a Cond");
    }

    private static void Label(IrBlock block, string stage, int i, uint label)
    {
        if (label >= (uint)block.LabelCount) throw OpError(block, stage, i, $"label L{label} is outside the block's {block.LabelCount} labels");
    }

    // ---- helper calls: arity and the argument contracts ----

    private static void CheckCall(IrBlock block, string stage, int i, in Op op)
    {
        if (op.Imm >= (uint)HelperTable.All.Length) throw OpError(block, stage, i, $"unknown helper {op.Imm}");
        HelperInfo info = HelperTable.Get((HelperId)op.Imm);
        // The result temp is optional: a helper called for its effects may have none.
        Operands(block, stage, i, op, d0: true, d1: false, sources: info.ArgCount, d0Optional: true);
        var c = new CallArgs(block, stage, i, op, info.Name);
        switch (info.Id)
        {
            case HelperId.LoadSegment or HelperId.ReadSegment:
                c.Range(0, (uint)SegmentRegister.Gs, "a SegmentRegister");
                break;
            case HelperId.X87Load:
                c.Range(0, (uint)X87MemKind.Bcd, "an X87MemKind that loads (single .. bcd)");
                break;
            case HelperId.X87LoadReg or HelperId.X87Exchange:
                c.StackIndex(0);
                break;
            case HelperId.X87Store:
                c.Range(0, (uint)X87MemKind.Int64Trunc, "an X87MemKind");
                c.Bool(2);
                break;
            case HelperId.X87StoreReg or HelperId.X87Free:
                c.StackIndex(0);
                c.Bool(1);
                break;
            case HelperId.X87ArithReg:
                c.ArithOp(0);
                c.StackIndex(1);
                c.StackIndex(2);
                c.Bool(3);
                break;
            case HelperId.X87ArithMem:
                c.ArithOp(0);
                c.ArithMemKind(1);
                break;
            case HelperId.X87Compare:
            {
                var mode = (X87CompareFlags)c.Const(0, "X87CompareFlags with a stack index");
                const X87CompareFlags known = X87CompareFlags.StackIndexMask | X87CompareFlags.Quiet | X87CompareFlags.PopMask
                    | X87CompareFlags.Zero | X87CompareFlags.Memory;
                if ((mode & ~known) != 0 || mode.PopCount() > 2 || (mode & X87CompareFlags.Zero) != 0 && (mode & X87CompareFlags.Memory) != 0)
                    c.Fail(0, $"0x{(uint)mode:x} is not an X87Compare mode (stack index, quiet, pop 0..2, zero or memory)");
                if ((mode & X87CompareFlags.Memory) != 0) c.ArithMemKind(1);
                break;
            }
            case HelperId.X87Comi:
            {
                var mode = (X87CompareFlags)c.Const(0, "X87CompareFlags with a stack index");
                if ((mode & ~(X87CompareFlags.StackIndexMask | X87CompareFlags.Quiet | X87CompareFlags.Pop1)) != 0)
                    c.Fail(0, $"0x{(uint)mode:x} is not an X87Comi mode (stack index, quiet, pop 0 or 1)");
                break;
            }
            case HelperId.X87Fcmov:
                // s0 is the condition, computed at run time.
                c.StackIndex(1);
                break;
            case HelperId.X87Unary:
                c.Range(0, (uint)X87Unary.Fldz, "an X87Unary");
                break;
            case HelperId.X87Control:
                c.Range(0, (uint)X87Control.Fxrstor, "an X87Control");
                break;
            case HelperId.SseReg:
                c.Sse(0, SseOp.MovA, SseOp.Cvttpd2pi, "a register operation");
                c.Range(1, 7, "a register number");
                c.Range(2, 7, "a register number");
                break;
            case HelperId.SseMem:
                c.Sse(0, SseOp.MovA, SseOp.Cvttpd2pi, "a register operation");
                c.Range(1, 7, "a register number");
                c.OperandSize(3);
                break;
            case HelperId.SseStore:
                c.Sse(0, SseOp.StoreA16, SseOp.MaskMov, "a store");
                if ((SseOp)(c.Const(0, "a packed SseOp") & SseOpBits.OpMask) == SseOp.MaskMov)
                    c.Range(1, SseOpBits.MaskMovRegisters(7, 7), "two register numbers", SseOpBits.MaskMovRegisters(7, 7));
                else c.Range(1, 7, "a register number");
                break;
            case HelperId.SseToGpr:
                c.Sse(0, SseOp.MovdToGpr, SseOp.Cvttsd2si, "a result for a general register");
                // s2 = 0: s1 is a register; otherwise s1 is an address and s2 the operand's size.
                if (c.Const(2, "0 or an operand size") == 0) c.Range(1, 7, "a register number");
                else c.OperandSize(2);
                break;
            case HelperId.GprToSse:
                c.Sse(0, SseOp.MovdFromGpr, SseOp.Cvtsi2sd, "a value from a general register");
                c.Range(1, 7, "a register number");
                break;
            case HelperId.SseComi:
                c.Sse(0, SseOp.Comiss, SseOp.Ucomisd, "a compare that sets EFLAGS");
                c.Range(1, 7, "a register number");
                if (c.Const(3, "0 or an operand size") == 0) c.Range(2, 7, "a register number");
                else c.OperandSize(3);
                break;
        }
    }

    /// <summary>The constant arguments of one helper call, checked against its contract.</summary>
    private readonly ref struct CallArgs(IrBlock block, string stage, int index, in Op op, string helper)
    {
        private readonly Op _op = op;

        public void Fail(int k, string problem) => throw OpError(block, stage, index, $"argument s{k} of {helper}: {problem}");

        /// <summary>The value of argument k, which the contract says is a constant.</summary>
        public uint Const(int k, string what)
        {
            int t = k switch { 0 => _op.S0, 1 => _op.S1, 2 => _op.S2, _ => _op.S3 };
            if (block.Temps[t].Kind != TempKind.Const) Fail(k, $"must be a constant ({what})");
            return block.Temps[t].Value;
        }

        /// <summary>Argument k is a constant of at most <paramref name="max"/>, with no bit outside <paramref name="bits"/> when given.</summary>
        public void Range(int k, uint max, string what, uint bits = uint.MaxValue)
        {
            uint v = Const(k, what);
            if (v > max || (v & ~bits) != 0) Fail(k, $"{v} is not {what} ({(bits == uint.MaxValue ? $"0..{max}" : $"bits 0x{bits:x}")})");
        }

        public void Bool(int k) => Range(k, 1, "a pop flag");

        public void StackIndex(int k) => Range(k, 7, "an x87 stack index");

        public void ArithOp(int k)
        {
            var v = (X87ArithOp)Const(k, "an X87ArithOp");
            if (v is not (X87ArithOp.Add or X87ArithOp.Mul or X87ArithOp.Sub or X87ArithOp.Subr or X87ArithOp.Div or X87ArithOp.Divr))
                Fail(k, $"{(uint)v} is not an X87ArithOp (0, 1, 4, 5, 6, 7)");
        }

        /// <summary>The formats x87 arithmetic and compares read from memory: m32fp, m64fp, m16int, m32int.</summary>
        public void ArithMemKind(int k)
        {
            var v = (X87MemKind)Const(k, "an X87MemKind");
            if (v is not (X87MemKind.Single or X87MemKind.Double or X87MemKind.Int16 or X87MemKind.Int32))
                Fail(k, $"{(uint)v} is not a memory format of x87 arithmetic (single, double, int16, int32)");
        }

        public void OperandSize(int k)
        {
            uint v = Const(k, "an operand size");
            if (v is not (1 or 2 or 4 or 8 or 16)) Fail(k, $"{v} is not an SSE/MMX operand size (1, 2, 4, 8, 16)");
        }

        /// <summary>An <see cref="SseOpBits"/>-packed argument whose operation is in [first, last].</summary>
        public void Sse(int k, SseOp first, SseOp last, string what)
        {
            uint packed = Const(k, "a packed SseOp");
            if ((packed & ~(SseOpBits.OpMask | SseOpBits.DstMm | SseOpBits.SrcMm | 0xFFu << SseOpBits.ImmShift)) != 0)
                Fail(k, $"0x{packed:x} has bits outside SseOpBits");
            var o = (SseOp)(packed & SseOpBits.OpMask);
            if (o < first || o > last)
                Fail(k, $"operation {(o < SseOp.Count ? o.ToString() : ((uint)o).ToString())} is not {what} ({first} .. {last})");
        }
    }

    // ---- definitions before uses, on every path ----

    /// <summary>
    /// A local must be written on every path from the block's entry before it is read. Globals are
    /// defined on entry and constants always. Locals keep their values across labels and branches
    /// inside the block (rep loops read them around the loop), so this is a forward must-analysis
    /// over the block's control flow, iterated to a fixed point because of backward branches.
    /// </summary>
    private static void CheckDefinitions(IrBlock block, string stage)
    {
        var ops = block.Ops;
        int words = (block.Temps.Count + 63) >> 6;
        // Per label: the locals defined on every path seen so far into it (null: no path yet).
        var atLabel = new ulong[]?[block.LabelCount];
        var state = new ulong[words];
        // Each round can only remove bits from a label's set, so this ends; the last round reports.
        while (Walk(block, stage, ops, atLabel, state, report: false)) { }
        Walk(block, stage, ops, atLabel, state, report: true);
    }

    /// <summary>One forward walk; returns whether a label's set changed.</summary>
    private static bool Walk(IrBlock block, string stage, List<Op> ops, ulong[]?[] atLabel, ulong[] state, bool report)
    {
        bool changed = false, reachable = true;
        Array.Clear(state);
        for (int i = 0; i < ops.Count; i++)
        {
            Op op = ops[i];
            switch (op.Code)
            {
                case Opcode.Nop:
                    continue;
                case Opcode.Label:
                {
                    ref ulong[]? into = ref atLabel[op.Imm];
                    if (reachable) changed |= Meet(ref into, state);
                    reachable = into != null;
                    if (reachable) into!.CopyTo(state, 0);
                    continue;
                }
            }
            if (!reachable) continue;
            if (report)
            {
                Use(block, stage, i, op.S0, state);
                Use(block, stage, i, op.S1, state);
                Use(block, stage, i, op.S2, state);
                Use(block, stage, i, op.S3, state);
            }
            if (op.D0 >= 0) state[op.D0 >> 6] |= 1ul << op.D0;
            if (op.D1 >= 0) state[op.D1 >> 6] |= 1ul << op.D1;
            if (op.Code is Opcode.Br or Opcode.BrCond) changed |= Meet(ref atLabel[op.Imm], state);
            if (op.Code == Opcode.Br || IsExit(op.Code)) reachable = false;
        }
        return changed;
    }

    /// <summary>into = into ∩ state (state itself when into has no path yet); returns whether into changed.</summary>
    private static bool Meet(ref ulong[]? into, ulong[] state)
    {
        if (into == null)
        {
            into = (ulong[])state.Clone();
            return true;
        }
        bool changed = false;
        for (int w = 0; w < into.Length; w++)
        {
            ulong m = into[w] & state[w];
            if (m != into[w]) { into[w] = m; changed = true; }
        }
        return changed;
    }

    private static void Use(IrBlock block, string stage, int i, int t, ulong[] state)
    {
        if (t < 0 || block.Temps[t].Kind != TempKind.Local) return;
        if ((state[t >> 6] & 1ul << t) == 0)
            throw OpError(block, stage, i, $"{IrPrinter.TempName(block, t)} is read before it is written on some path into this op");
    }

    // ---- shared ----

    private static bool IsExit(Opcode c) =>
        c is Opcode.Goto or Opcode.ExitIndirect or Opcode.ExitSyscall or Opcode.Raise or Opcode.ExitUnsupported;

    private static bool MayFault(in Op op) => op.Code switch
    {
        Opcode.Load or Opcode.Store or Opcode.Raise => true,
        Opcode.Call => (HelperTable.Get((HelperId)op.Imm).Effects
            & (HelperEffects.CanFault | HelperEffects.ReadsMemory | HelperEffects.WritesMemory)) != 0,
        _ => false,
    };

    private static IrVerificationException BlockError(IrBlock block, string stage, string problem) =>
        new(stage, block.GuestPc, -1, "", problem);

    private static IrVerificationException OpError(IrBlock block, string stage, int i, string problem) =>
        new(stage, block.GuestPc, i, SafeFormat(block, block.Ops[i]), problem);

    /// <summary>The printed op, or its raw fields when they are too broken for <see cref="IrPrinter"/>.</summary>
    private static string SafeFormat(IrBlock block, in Op op)
    {
        bool Ok(int t) => t >= -1 && t < block.Temps.Count;
        bool printable = Ok(op.D0) && Ok(op.D1) && Ok(op.S0) && Ok(op.S1) && Ok(op.S2) && Ok(op.S3)
            && Enum.IsDefined(op.Code) && Enum.IsDefined(op.Cond) && Enum.IsDefined(op.Mem)
            && (op.Code != Opcode.Call || op.Imm < (uint)HelperTable.All.Length);
        return printable
            ? IrPrinter.Format(block, op)
            : $"{op.Code} d0={op.D0} d1={op.D1} s0={op.S0} s1={op.S1} s2={op.S2} s3={op.S3} imm=0x{op.Imm:x} cond={(byte)op.Cond} mem={(byte)op.Mem} slot={op.Slot}";
    }
}
