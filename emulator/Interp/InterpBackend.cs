using Hdbt.Backend;
using Hdbt.Guest;
using Hdbt.Ir;
using Hdbt.Profiling;
using Iced.Intel;

namespace Hdbt.Interp;

/// <summary>
/// The interpreter as a backend of the engine (<c>--mode interp</c>): a unit is an <see cref="InterpBlock"/>
/// (the block's IR prepared for <see cref="Interpreter"/>); links are the blocks' successor fields, the
/// jump cache a managed array. Invalidated blocks keep their native memory until the engine next enters
/// code, since the block that wrote its own code is still running when it is invalidated.
/// </summary>
public sealed unsafe class InterpBackend(CpuState* cpu, GuestMemory memory, long hotThreshold) : IBackend
{
    private readonly CpuState* _cpu = cpu;
    private readonly Interpreter _interpreter = new(cpu, memory);
    private readonly List<InterpBlock> _retired = [];
    private int _nextId;

    public string Name => "interp";

    /// <summary>A block, or a trace (which never takes a hot exit: it is what hot code became).</summary>
    /// Safe on any thread (trace workers compile on their own).
    public TranslatedUnit? Translate(IrBlock ir) => new InterpBlock(ir, _cpu, ir.IsTrace ? 0 : hotThreshold, Interlocked.Increment(ref _nextId) - 1);

    public UnitExit Enter(TranslatedUnit unit)
    {
        if (_retired.Count > 0) Reclaim();
        return _interpreter.Run((InterpBlock)unit);
    }

    public void Link(TranslatedUnit from, int slot, TranslatedUnit to)
    {
        if (!from.Valid || !to.Valid || from.NextAt(slot) == to) return;
        from.SetNext(slot, to);
        to.Incoming.Add((from, slot));
    }

    public void CacheJump(TranslatedUnit unit) => _interpreter.CacheJumpTarget((InterpBlock)unit);

    public void Invalidate(TranslatedUnit unit)
    {
        unit.Valid = false;
        foreach (var (from, slot) in unit.Incoming)
            if (from.NextAt(slot) == unit) from.SetNext(slot, null);
        unit.Incoming.Clear();
        ref var cached = ref _interpreter.JumpCache[JumpCacheIndex.Of(unit.GuestPc)];
        if (cached == unit) cached = null;
        // Seen by the running block at its next instruction boundary (the store may have rewritten it).
        _interpreter.CodeModified = true;
        _retired.Add((InterpBlock)unit);
    }

    /// <summary>The interpreter never runs out of code memory, so the engine only flushes it when asked to.</summary>
    public void Flush()
    {
        Array.Clear(_interpreter.JumpCache);
        _nextId = 0;
    }

    public bool NeedsFlush() => false;

    public string? FormatHostCode(TranslatedUnit unit, IReadOnlyList<Instruction> guestInstructions) => null;

    public void ReportStatistics(Statistics stats)
    {
        stats[CounterId.ChainedTransitions] = _interpreter.ChainedTransitions;
        stats[CounterId.JumpCacheHits] = _interpreter.JumpCacheHits;
        // The interpreter has no host code, code cache or block links to report.
        stats.MarkNotCounted(CounterId.HostCodeBytes, CounterId.BlockLinks, CounterId.CodeCacheFlushes, CounterId.CodeCacheUsed);
        // Nor LLVM compile time.
        stats.MarkNotCounted(CounterId.LlvmLowerTime, CounterId.LlvmVerifyTime, CounterId.LlvmOptimizeTime, CounterId.LlvmCodegenTime);
    }

    private void Reclaim()
    {
        foreach (var b in _retired) b.Dispose();
        _retired.Clear();
    }

    public void Dispose() => Reclaim();
}
