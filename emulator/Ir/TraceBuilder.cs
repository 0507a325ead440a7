namespace Hdbt.Ir;

/// <summary>
/// Stitches the IR of the blocks along a recorded path (HQEMU's NET trace: a hot head and the tail that
/// executed after it) into the IR of one trace. Each block's locals, constants and labels are renumbered
/// into the trace; globals are shared. The exit a block took on the recorded path goes on into the next
/// block inside the trace: a direct jump to it becomes a branch (or nothing, where the next block follows),
/// an indirect jump a compare of EIP with the recorded target (the inline indirect-branch check) before the
/// exit it was. A jump back to the head anywhere in the trace becomes a branch to its start, so a loop stays
/// inside the trace. Every other exit is a side exit: direct jumps off the path set EIP and leave through the
/// jump cache (a unit has two chaining slots, a trace many exits); the end of a trace that is not a loop is
/// its one linkable exit (slot 0).
/// </summary>
/// <remarks>
/// Usage: <see cref="Begin"/> with the head's pc, <see cref="Append"/> for each block in path order with the
/// pc executed after it (the last one's successor too: it may be the head), then <see cref="Finish"/>.
/// The blocks may be optimized already; the trace is optimized again as a whole by the caller (flags dead
/// across block boundaries go then). The appended blocks are only read: the translator may reuse them.
/// </remarks>
public sealed class TraceBuilder
{
    private readonly IrBlock _trace = new(0);
    private readonly IrBuilder _b;
    private int[] _tempMap = [];
    private int _headLabel, _nextLabel;
    private uint _lastSuccessor;
    private bool _nextLabelUsed;

    public TraceBuilder() => _b = new IrBuilder(_trace);

    /// <summary>Chaining slots for side exits: all of a unit's but one, which the end of a trace that is not a loop takes.</summary>
    private const int MaxSideExitSlots = IrBlock.MaxSlots - 1;

    /// <summary>The builder of the trace's IR (the optimizer makes constants with it).</summary>
    public IrBuilder Builder => _b;

    /// <summary>Blocks appended so far.</summary>
    public int BlockCount => _path.Count;

    /// <summary>Indirect exits turned into inline checks so far (the trace statistics count them).</summary>
    public int IndirectChecks { get; private set; }

    /// <summary>Ways out of the trace so far: side exits, indirect exits (a failed check), and its end if it is not a loop.</summary>
    public int Exits { get; private set; }

    /// <summary>The blocks appended, in path order: guest range and instruction count.</summary>
    public IReadOnlyList<(uint Start, uint End, int Insns)> Path => _path;

    private readonly List<(uint Start, uint End, int Insns)> _path = [];

    /// <summary>Starts a trace at <paramref name="headPc"/> (forgetting the previous one).</summary>
    public void Begin(uint headPc)
    {
        _b.Reset(headPc);
        _trace.IsTrace = true;
        _trace.SlotCount = 0;
        IndirectChecks = 0;
        Exits = 0;
        _path.Clear();
        _headLabel = _b.NewLabel();
        _b.Label(_headLabel);
        _nextLabel = -1;
    }

    /// <summary>Appends <paramref name="block"/>, whose execution went on at <paramref name="successor"/>.</summary>
    public void Append(IrBlock block, uint successor)
    {
        if (_path.Count == 0 && block.GuestPc != _trace.GuestPc)
            throw new ArgumentException($"the trace starts at 0x{_trace.GuestPc:x8}, its first block at 0x{block.GuestPc:x8}", nameof(block));
        // The previous block's way into this one.
        if (_nextLabel >= 0 && _nextLabelUsed) _b.Label(_nextLabel);
        _nextLabel = -1;
        _nextLabelUsed = false;
        _lastSuccessor = successor;
        // The successor inside the trace: the head (a loop) or the next block, which gets its label when appended.
        int target;
        if (successor == _trace.GuestPc) target = _headLabel;
        else target = _nextLabel = _b.NewLabel();

        var temps = block.Temps;
        if (_tempMap.Length < temps.Count) _tempMap = new int[Math.Max(temps.Count, _tempMap.Length * 2)];
        for (int t = 0; t < temps.Count; t++)
            _tempMap[t] = temps[t].Kind switch
            {
                TempKind.Global => t,
                TempKind.Const => _b.Const(temps[t].Value),
                _ => _b.NewTemp(),
            };
        int labelBase = _trace.LabelCount;
        _trace.LabelCount += block.LabelCount;

        var ops = block.Ops;
        int lastOp = ops.Count - 1;
        while (lastOp >= 0 && ops[lastOp].Code == Opcode.Nop) lastOp--;
        for (int i = 0; i <= lastOp; i++)
        {
            Op op = ops[i];
            if (op.Code == Opcode.Nop) continue;
            op.D0 = Map(op.D0); op.D1 = Map(op.D1);
            op.S0 = Map(op.S0); op.S1 = Map(op.S1); op.S2 = Map(op.S2); op.S3 = Map(op.S3);
            switch (op.Code)
            {
                case Opcode.Label or Opcode.Br or Opcode.BrCond:
                    op.Imm += (uint)labelBase;
                    break;
                case Opcode.Goto when op.Imm == successor || op.Imm == _trace.GuestPc:
                {
                    int to = op.Imm == successor ? target : _headLabel;
                    // The last op falling into the next block needs no branch.
                    if (i == lastOp && to == _nextLabel) continue;
                    if (to == _nextLabel) _nextLabelUsed = true;
                    _b.Br(to);
                    continue;
                }
                case Opcode.Goto:
                    // A side exit: a chaining slot of its own, so the engine can link it; past the most slots a unit may
                    // have (the trace's end keeps one: Finish), it leaves through the jump cache like an indirect jump.
                    Exits++;
                    if (_trace.SlotCount < MaxSideExitSlots)
                    {
                        _b.Goto(op.Imm, _trace.SlotCount++);
                        continue;
                    }
                    _b.Mov(IrBuilder.Global(Guest.GlobalSlot.Eip), _b.Const(op.Imm));
                    _b.ExitIndirect();
                    continue;
                case Opcode.ExitIndirect:
                    // The inline indirect-branch check: the recorded target stays in the trace, any other leaves as before.
                    if (target == _nextLabel) _nextLabelUsed = true;
                    _b.BrCond(Cond.Eq, IrBuilder.Global(Guest.GlobalSlot.Eip), _b.Const(successor), target);
                    IndirectChecks++;
                    break;
            }
            if (op.Code is Opcode.ExitIndirect or Opcode.ExitSyscall or Opcode.Raise or Opcode.ExitUnsupported) Exits++;
            _b.Emit(op);
        }
        _trace.InsnCount += block.InsnCount;
        _trace.TraceBlocks.Add((block.GuestPc, block.GuestEnd));
        _path.Add((block.GuestPc, block.GuestEnd, block.InsnCount));
    }

    /// <summary>The trace's IR; valid until the next <see cref="Begin"/>.</summary>
    public IrBlock Finish()
    {
        if (_path.Count == 0) throw new InvalidOperationException("a trace needs at least one block");
        // The last block's successor, when it is not the head, is where the trace ends: the path into it
        // (a fall-through, branches, an indirect check) leaves for it.
        if (_lastSuccessor != _trace.GuestPc)
        {
            if (_nextLabelUsed) _b.Label(_nextLabel);
            _b.Goto(_lastSuccessor, _trace.SlotCount++);
            Exits++;
        }
        uint end = 0;
        foreach (var (_, e) in _trace.TraceBlocks) end = Math.Max(end, e);
        _trace.GuestEnd = end;
        return _trace;
    }

    private int Map(int t) => t < 0 ? t : _tempMap[t];
}
