using Hdbt.Backend;
using Hdbt.Guest;
using Hdbt.Helpers;
using Hdbt.Ir;

namespace Hdbt.Llvm.Lower;

/// <summary>
/// Lowers one optimized IR block to one LLVM function
/// <c>i64 unit(ptr noalias cpu, ptr memBase, ptr pageTable, ptr ctx)</c> in a module of its own: walks the ops
/// and hands each to its family's lowering (<c>Lower/*.cs</c>, named like <c>Tcg/Emit/*.cs</c>); this class holds
/// the function-wide state (temp slots, labels, the shared exit) and the pieces every family uses.
/// </summary>
/// <remarks>
/// <para>Temps: every global the block names and every local is an <c>alloca</c> of the entry block (the globals
/// loaded from CpuState there); constants are LLVM constants. The pass pipeline's SROA/mem2reg turns the slots into
/// SSA values, so a global costs one load at entry and one store at the exit, and the code between works in
/// registers. Exits branch to one shared exit block that stores the globals back and returns the exit word
/// (<see cref="ExitKind"/> in the low 4 bits, as tcg's), whose value is a phi over the exits.</para>
/// <para>The IR block is read only while <see cref="Build"/> runs: the translator reuses it for the next block.</para>
/// </remarks>
public sealed unsafe class FunctionBuilder
{
    private readonly LlvmApi _api;
    private LlvmValueRef[] _slots = [];
    private bool[] _usedGlobal = new bool[CpuState.GlobalSlotCount];
    private LlvmBasicBlockRef[] _labels = [];
    private LlvmBuilderRef _entryBuilder;
    private LlvmBasicBlockRef _exitBlock;
    private LlvmValueRef _exitPhi;
    private LlvmValueRef _modified;
    private readonly Dictionary<string, (LlvmValueRef Function, LlvmTypeRef Type)> _intrinsics = [];

    /// <summary>A builder over <paramref name="api"/>; one per thread, reused for every block.</summary>
    public FunctionBuilder(LlvmApi api) => _api = api;

    internal LlvmApi Api => _api;
    internal LlvmContextRef Context;
    internal LlvmModuleRef Module;
    internal LlvmBuilderRef B;
    internal LlvmTypeRef I1, I8, I16, I32, I64, Ptr;
    internal LlvmValueRef Function, Cpu, MemBase, PageTable, UnitContext;

    /// <summary>The block being lowered (only during <see cref="Build"/>).</summary>
    internal IrBlock Ir = null!;

    /// <summary>The unit's id (exits to a chaining slot carry it, as tcg's do).</summary>
    internal int UnitId;

    /// <summary>Guest pc of the instruction being lowered (what a fault reports).</summary>
    internal uint CurrentPc;

    /// <summary>Whether the instruction being lowered wrote guest memory (then the next one starts with the code-modified check).</summary>
    internal bool StoresInInsn;

    /// <summary>Whether the insertion point is unreachable (after an exit or branch, before the next label).</summary>
    private bool _dead;

    /// <summary>The function type of every unit: <c>i64 (ptr cpu, ptr memBase, ptr pageTable, ptr ctx)</c>.</summary>
    internal LlvmTypeRef UnitType;

    /// <summary>
    /// Builds the function <paramref name="name"/> for <paramref name="ir"/> in <paramref name="unit"/>'s module;
    /// <paramref name="id"/> is the unit id its chaining exits report.
    /// </summary>
    public void Build(LlvmModuleUnit unit, IrBlock ir, int id, string name)
    {
        Context = unit.Context;
        Module = unit.Module;
        B = unit.Builder;
        Ir = ir;
        UnitId = id;
        CurrentPc = ir.GuestPc;
        StoresInInsn = false;
        _intrinsics.Clear();
        var a = _api;
        I1 = a.Int1TypeInContext(Context);
        I8 = a.Int8TypeInContext(Context);
        I16 = a.Int16TypeInContext(Context);
        I32 = a.Int32TypeInContext(Context);
        I64 = a.Int64TypeInContext(Context);
        Ptr = a.Pointer(Context);
        UnitType = a.Function(I64, [Ptr, Ptr, Ptr, Ptr]);
        Function = a.AddFunctionNamed(Module, name, UnitType);
        a.AddAttribute(Context, Function, LlvmApi.FunctionIndex, "nounwind");
        // CpuState is reached only through this pointer (helpers get it passed), so it aliases nothing else:
        // guest stores cannot clobber the guest registers. Guest memory, the page table and the context are
        // written by C# behind calls (slow paths, invalidation), so they get no such promise.
        a.AddAttribute(Context, Function, 1, "noalias");
        Cpu = a.GetParam(Function, 0);
        MemBase = a.GetParam(Function, 1);
        PageTable = a.GetParam(Function, 2);
        UnitContext = a.GetParam(Function, 3);
        a.SetName(Cpu, "cpu");
        a.SetName(MemBase, "mem");
        a.SetName(PageTable, "pages");
        a.SetName(UnitContext, "ctx");

        var entry = a.AppendBlock(Context, Function, "entry");
        var body = a.AppendBlock(Context, Function, "body");
        _exitBlock = a.AppendBlock(Context, Function, "exit");
        _entryBuilder = a.CreateBuilderInContext(Context);
        try
        {
            a.PositionBuilderAtEnd(_entryBuilder, entry);
            a.PositionBuilderAtEnd(B, _exitBlock);
            _exitPhi = a.BuildPhi(B, I64, LlvmApi.NoName);
            a.SetName(_exitPhi, "exit_word");

            PrepareSlots(ir);
            _modified = a.BuildAlloca(_entryBuilder, I1, LlvmApi.NoName);
            a.SetName(_modified, "code_modified");
            a.Store(_entryBuilder, a.ConstInt(I1, 0, 0), _modified, 1);
            if (_labels.Length < ir.LabelCount) _labels = new LlvmBasicBlockRef[Math.Max(ir.LabelCount, 2 * _labels.Length)];
            for (int i = 0; i < ir.LabelCount; i++) _labels[i] = a.AppendBlock(Context, Function, $"L{i}");

            PositionAtLabel(body);
            var ops = ir.Ops;
            for (int i = 0; i < ops.Count; i++) LowerOp(ops[i]);
            if (!_dead) throw new InvalidOperationException($"llvm: block at 0x{ir.GuestPc:x8} runs off its end without an exit");
            a.BuildUnreachable(B);
            // A label number no op defines (a trace makes one per block boundary and binds it only where a branch needs
            // it) has an empty block, which nothing branches to: it gets a terminator for the verifier.
            for (int i = 0; i < ir.LabelCount; i++)
                if (a.GetBasicBlockTerminator(_labels[i]).Handle == 0)
                {
                    a.PositionBuilderAtEnd(B, _labels[i]);
                    a.BuildUnreachable(B);
                }

            a.BuildBr(_entryBuilder, body);
            a.PositionBuilderAtEnd(B, _exitBlock);
            for (int g = 0; g < CpuState.GlobalSlotCount; g++)
                if (_usedGlobal[g]) a.Store(B, a.Load(B, I32, _slots[g], 4), CpuField(B, g * 4), 4);
            a.BuildRet(B, _exitPhi);
        }
        finally
        {
            a.DisposeBuilder(_entryBuilder);
            _entryBuilder = default;
            Ir = null!;
        }
    }

    private void LowerOp(in Op op)
    {
        switch (op.Code)
        {
            case Opcode.Nop: break;
            case Opcode.InsnStart:
                if (StoresInInsn) Branch.CodeModifiedCheck(this, op.Imm);
                StoresInInsn = false;
                CurrentPc = op.Imm;
                break;
            case Opcode.Mov: Mov.Move(this, op); break;
            case Opcode.Add or Opcode.Sub or Opcode.Mul or Opcode.And or Opcode.Or or Opcode.Xor: Alu.Binary(this, op); break;
            case Opcode.Neg or Opcode.Not: Alu.Unary(this, op); break;
            case Opcode.SetCond: Alu.SetCond(this, op); break;
            case Opcode.Select: Alu.Select(this, op); break;
            case Opcode.Shl or Opcode.Shr or Opcode.Sar or Opcode.Rotl or Opcode.Rotr: Shift.Lower(this, op); break;
            case Opcode.Ext8S or Opcode.Ext8U or Opcode.Ext16S or Opcode.Ext16U: Mov.Extend(this, op); break;
            case Opcode.Deposit: Mov.Deposit(this, op); break;
            case Opcode.Bswap or Opcode.Clz or Opcode.Ctz: Bit.Lower(this, op); break;
            case Opcode.MulU2 or Opcode.MulS2: MulDiv.Mul2(this, op); break;
            case Opcode.Load: Memory.Load(this, op); break;
            case Opcode.Store: Memory.Store(this, op); StoresInInsn = true; break;
            case Opcode.Call: Call.Lower(this, op); break;
            case Opcode.Label: Branch.Label(this, op); break;
            case Opcode.Br: Branch.Br(this, op); break;
            case Opcode.BrCond: Branch.BrCond(this, op); break;
            case Opcode.Goto: Branch.Goto(this, op); break;
            case Opcode.ExitIndirect: Exit(ExitKind.Indirect); break;
            case Opcode.ExitSyscall: Exit(ExitKind.Syscall); break;
            case Opcode.Raise: Branch.Raise(this, op); break;
            case Opcode.ExitUnsupported: Exit(ExitKind.Unsupported); break;
            default: throw new InvalidOperationException($"llvm: no lowering for {op.Code}");
        }
    }

    /// <summary>One slot per global the block names (loaded from CpuState at entry; EIP always, exits set it); locals get theirs on first use.</summary>
    private void PrepareSlots(IrBlock ir)
    {
        var temps = ir.Temps;
        if (_slots.Length < temps.Count) _slots = new LlvmValueRef[Math.Max(temps.Count, 2 * _slots.Length)];
        else Array.Clear(_slots);
        Array.Clear(_usedGlobal);
        _usedGlobal[(int)GlobalSlot.Eip] = true;
        foreach (var op in ir.Ops)
            foreach (int t in (ReadOnlySpan<int>)[op.D0, op.D1, op.S0, op.S1, op.S2, op.S3])
                if (t >= 0 && temps[t].Kind == TempKind.Global) _usedGlobal[temps[t].Value] = true;
        var a = _api;
        for (int g = 0; g < CpuState.GlobalSlotCount; g++)
        {
            if (!_usedGlobal[g]) continue;
            var slot = a.BuildAlloca(_entryBuilder, I32, LlvmApi.NoName);
            a.SetName(slot, ((GlobalSlot)g).ToString().ToLowerInvariant());
            a.Store(_entryBuilder, a.Load(_entryBuilder, I32, CpuField(_entryBuilder, g * 4), 4), slot, 4);
            // Globals are temps 0..GlobalSlotCount-1 (IrBlock), so a global's slot index is its temp index.
            _slots[g] = slot;
        }
    }

    // ---- values ----

    /// <summary>An i32 constant.</summary>
    internal LlvmValueRef Const(uint value) => _api.ConstInt(I32, value, 0);

    /// <summary>An i64 constant.</summary>
    internal LlvmValueRef Const64(ulong value) => _api.ConstInt(I64, value, 0);

    /// <summary>The current value of a temp (i32).</summary>
    internal LlvmValueRef Value(int temp)
    {
        var t = Ir.Temps[temp];
        if (t.Kind == TempKind.Const) return Const(t.Value);
        return _api.Load(B, I32, Slot(temp), 4);
    }

    /// <summary>The value of an optional operand: 0 when there is none.</summary>
    internal LlvmValueRef ValueOrZero(int temp) => temp < 0 ? Const(0) : Value(temp);

    /// <summary>Writes a temp (i32).</summary>
    internal void Set(int temp, LlvmValueRef value) => _api.Store(B, value, Slot(temp), 4);

    private LlvmValueRef Slot(int temp)
    {
        var slot = _slots[temp];
        if (!slot.IsNull) return slot;
        if (Ir.Temps[temp].Kind != TempKind.Local) throw new InvalidOperationException($"llvm: temp {temp} has no slot");
        slot = _api.BuildAlloca(_entryBuilder, I32, LlvmApi.NoName);
        return _slots[temp] = slot;
    }

    /// <summary>A pointer to the CpuState field at byte <paramref name="offset"/>.</summary>
    internal LlvmValueRef CpuField(int offset) => CpuField(B, offset);

    private LlvmValueRef CpuField(LlvmBuilderRef b, int offset) => offset == 0 ? Cpu : _api.Gep(b, I8, Cpu, [_api.ConstInt(I64, (ulong)offset, 0)]);

    /// <summary>A pointer to the unit context's field at byte <paramref name="offset"/>.</summary>
    internal LlvmValueRef ContextField(int offset) =>
        offset == 0 ? UnitContext : _api.Gep(B, I8, UnitContext, [_api.ConstInt(I64, (ulong)offset, 0)]);

    /// <summary>Writes every global the block holds back to CpuState (before a helper that reads or writes globals).</summary>
    internal void StoreGlobals()
    {
        for (int g = 0; g < CpuState.GlobalSlotCount; g++)
            if (_usedGlobal[g]) _api.Store(B, _api.Load(B, I32, _slots[g], 4), CpuField(g * 4), 4);
    }

    /// <summary>Reloads every global the block holds from CpuState (after a helper that writes globals).</summary>
    internal void LoadGlobals()
    {
        for (int g = 0; g < CpuState.GlobalSlotCount; g++)
            if (_usedGlobal[g]) _api.Store(B, _api.Load(B, I32, CpuField(g * 4), 4), _slots[g], 4);
    }

    /// <summary>Sets the EIP slot (what the exit stores to CpuState).</summary>
    internal void SetEip(uint pc) => _api.Store(B, Const(pc), _slots[(int)GlobalSlot.Eip], 4);

    /// <summary>i1 <c>cond(a, b)</c> on i32 values.</summary>
    internal LlvmValueRef Compare(Cond cond, LlvmValueRef a, LlvmValueRef b)
    {
        var api = _api;
        return cond switch
        {
            Cond.Never => api.ConstInt(I1, 0, 0),
            Cond.Always => api.ConstInt(I1, 1, 0),
            Cond.TstEq => api.BuildICmp(B, LlvmIntPredicate.Eq, api.BuildAnd(B, a, b, LlvmApi.NoName), Const(0), LlvmApi.NoName),
            Cond.TstNe => api.BuildICmp(B, LlvmIntPredicate.Ne, api.BuildAnd(B, a, b, LlvmApi.NoName), Const(0), LlvmApi.NoName),
            _ => api.BuildICmp(B, Predicate(cond), a, b, LlvmApi.NoName),
        };
    }

    private static LlvmIntPredicate Predicate(Cond c) => c switch
    {
        Cond.Eq => LlvmIntPredicate.Eq,
        Cond.Ne => LlvmIntPredicate.Ne,
        Cond.LtU => LlvmIntPredicate.Ult,
        Cond.GeU => LlvmIntPredicate.Uge,
        Cond.LeU => LlvmIntPredicate.Ule,
        Cond.GtU => LlvmIntPredicate.Ugt,
        Cond.Lt => LlvmIntPredicate.Slt,
        Cond.Ge => LlvmIntPredicate.Sge,
        Cond.Le => LlvmIntPredicate.Sle,
        Cond.Gt => LlvmIntPredicate.Sgt,
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    /// <summary>A call of the intrinsic <paramref name="name"/> overloaded on <paramref name="type"/>.</summary>
    internal LlvmValueRef CallIntrinsic(string name, LlvmTypeRef type, ReadOnlySpan<LlvmValueRef> args)
    {
        string key = name + "." + _api.GetIntTypeWidth(type);
        if (!_intrinsics.TryGetValue(key, out var f)) _intrinsics[key] = f = _api.Intrinsic(Module, name, [type]);
        return _api.Call(B, f.Type, f.Function, args);
    }

    /// <summary>
    /// <c>llvm.expect(c, expected)</c>: tells the code generator which way a check usually goes, so fast paths
    /// fall through and slow paths, faults and exits move out of line.
    /// </summary>
    internal LlvmValueRef Expect(LlvmValueRef condition, bool expected) =>
        CallIntrinsic("llvm.expect", I1, [condition, _api.ConstInt(I1, expected ? 1u : 0u, 0)]);

    /// <summary>
    /// After a call out of generated code that may have written guest memory (a slow-path store, a helper): notes
    /// whether the write invalidated this unit (<see cref="LlvmUnitContext.CodeWritePending"/>, set by C# behind the
    /// call, so read volatile). The note is tested at the next instruction boundary (<see cref="Branch.CodeModifiedCheck"/>);
    /// fast-path stores never write code (their page check excludes code pages), so they need no note, and on paths
    /// without a slow call LLVM folds the test away.
    /// </summary>
    internal void NoteCodeWrite()
    {
        var a = _api;
        var pending = a.Load(B, I32, ContextField(LlvmUnitContext.CodeWritePendingOffset), 4, isVolatile: true);
        var set = a.BuildICmp(B, LlvmIntPredicate.Ne, pending, Const(0), LlvmApi.NoName);
        a.Store(B, a.BuildOr(B, a.Load(B, I1, _modified, 1), set, LlvmApi.NoName), _modified, 1);
    }

    /// <summary>i1: whether a write out of generated code has invalidated this unit so far.</summary>
    internal LlvmValueRef CodeModified() => _api.Load(B, I1, _modified, 1);

    // ---- control flow ----

    /// <summary>A new basic block (appended; not the insertion point).</summary>
    internal LlvmBasicBlockRef NewBlock(string name) => _api.AppendBlock(Context, Function, name);

    /// <summary>The basic block of IR label <paramref name="label"/>.</summary>
    internal LlvmBasicBlockRef LabelBlock(uint label) => _labels[label];

    /// <summary>
    /// Continues at <paramref name="block"/> (which the code so far has branched to, or will). Reachability stays
    /// what it was: a slow path of unreachable code is unreachable too.
    /// </summary>
    internal void PositionAt(LlvmBasicBlockRef block) => _api.PositionBuilderAtEnd(B, block);

    /// <summary>Continues at an IR label's block, which branches reach.</summary>
    internal void PositionAtLabel(LlvmBasicBlockRef block)
    {
        _api.PositionBuilderAtEnd(B, block);
        _dead = false;
    }

    /// <summary>Ends the current block with a branch to <paramref name="target"/>; what follows is unreachable until a label.</summary>
    internal void Jump(LlvmBasicBlockRef target)
    {
        _api.BuildBr(B, target);
        PositionAt(NewBlock("dead"));
        _dead = true;
    }

    /// <summary>Whether the insertion point is reachable.</summary>
    internal bool Reachable => !_dead;

    /// <summary>
    /// Leaves the unit with <paramref name="kind"/> and <paramref name="payload"/> (already shifted above the kind's
    /// 4 bits): through the shared exit block, which stores the globals and returns the word.
    /// </summary>
    internal void Exit(ExitKind kind, ulong payload = 0)
    {
        BranchToExit(kind, payload);
        PositionAt(NewBlock("dead"));
        _dead = true;
    }

    /// <summary>Ends the current block with the branch to the shared exit.</summary>
    private void BranchToExit(ExitKind kind, ulong payload)
    {
        _api.AddIncomingOne(_exitPhi, Const64((ulong)kind | payload), _api.GetInsertBlock(B));
        _api.BuildBr(B, _exitBlock);
    }

    /// <summary>A side exit: leaves from the current block, then goes on at <paramref name="next"/>, as reachable as before.</summary>
    internal void ExitAndContinueAt(ExitKind kind, LlvmBasicBlockRef next)
    {
        BranchToExit(kind, 0);
        PositionAt(next);
    }

    /// <summary>After a call out of generated code (64-bit result): a fault exit at <paramref name="pc"/> if the result's fault bit is set.</summary>
    internal void CheckFault(LlvmValueRef result, uint pc)
    {
        var api = _api;
        var bit = api.BuildTrunc(B, api.BuildLShr(B, result, Const64(HelperAbi.FaultBit), LlvmApi.NoName), I1, LlvmApi.NoName);
        var fault = NewBlock("fault");
        var ok = NewBlock("ok");
        api.BuildCondBr(B, Expect(bit, false), fault, ok);
        PositionAt(fault);
        SetEip(pc);
        ExitAndContinueAt(ExitKind.Fault, ok);
    }
}
