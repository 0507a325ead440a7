using System.Diagnostics;
using System.Runtime.InteropServices;
using Hdbt.Backend;
using Hdbt.Guest;
using Hdbt.Helpers;
using Hdbt.Ir;
using Hdbt.Llvm.Lower;
using Hdbt.Profiling;
using Iced.Intel;

namespace Hdbt.Llvm;

/// <summary>
/// The LLVM backend (<c>--mode llvm</c>): every guest block becomes one LLVM function in a module of its own
/// (<see cref="FunctionBuilder"/>), compiled by one <see cref="LlvmJit"/> and called through
/// <c>delegate* unmanaged</c>. Units return an exit word encoded as tcg's (<see cref="ExitKind"/> in the low 4 bits,
/// unit id and slot above), turned here into the engine's <see cref="UnitExit"/>s or guest faults.
/// </summary>
/// <remarks>
/// <para>Entering, chaining and the jump cache are done here in C#, as interp does them: <see cref="Enter"/> counts
/// each entry (the hot exit at the threshold), follows a linked slot or a jump-cache hit into the next unit without
/// returning to the engine, so entry counts, hot blocks and jump-cache statistics are interp's exactly. Units do not
/// jump into each other in native code yet (every exit returns here); that is the next step.</para>
/// <para>Guest memory is checked inline (<see cref="Memory"/>), so llvm needs no host fault handler for its code. It
/// also works with guest memory under host protection (the hybrid modes, whose tcg blocks store directly): the fast
/// path only touches pages the guest may read (loads) or write and that hold no code (stores), which the host never
/// protects, and the slow path's checked accessors lift a code page's protection as they invalidate it.</para>
/// <para><see cref="Translate"/> may run on worker threads (<c>hybridm</c>), one at a time (a lock: one LLJIT, one
/// function builder); everything else runs on the guest thread, which finds units by id in an array the lock publishes.</para>
/// </remarks>
public sealed unsafe class LlvmBackend : IBackend
{
    private readonly CpuState* _cpu;
    private readonly GuestMemory _memory;
    private readonly LlvmJit _jit;
    private readonly FunctionBuilder _builder;
    private readonly LlvmUnitContext* _context;
    private readonly List<LlvmBlock> _blocks = [];
    private readonly Lock _translateLock = new();
    // Units by id for the guest thread's exit decoding: replaced, never resized in place, under _translateLock.
    private LlvmBlock?[] _byId = new LlvmBlock?[256];
    private readonly List<LlvmBlock> _retired = [];
    private readonly LlvmBlock?[] _jumpCache = new LlvmBlock?[JumpCacheIndex.Size];
    private readonly long _hotThreshold;
    private readonly bool _linking;
    private readonly TextWriter? _irLog;
    private LlvmBlock? _running;
    private long _serial, _chained, _jumpCacheHits, _links, _lowerTicks;

    /// <param name="cpu">The guest's CpuState.</param>
    /// <param name="memory">The guest's memory (not under host protection: units check every access inline).</param>
    /// <param name="jitOptions">How LLVM compiles (<c>--llvm-opt</c>, <c>--llvm-codegen</c>).</param>
    /// <param name="hotThreshold">Entries after which a block takes its hot exit (0: never).</param>
    /// <param name="linking">Whether direct exits go on into their linked successor (off: every exit returns to the engine).</param>
    /// <param name="irLog">Where each unit's optimized LLVM IR is printed (<c>-d llvm_ir</c>); null: nowhere.</param>
    /// <exception cref="LlvmUnavailableException">There is no usable libLLVM.</exception>
    public LlvmBackend(CpuState* cpu, GuestMemory memory, LlvmJitOptions jitOptions, long hotThreshold, bool linking, TextWriter? irLog)
    {
        _cpu = cpu;
        _memory = memory;
        _hotThreshold = hotThreshold;
        _linking = linking;
        _irLog = irLog;
        _jit = new LlvmJit(jitOptions);
        _builder = new FunctionBuilder(_jit.Api);
        _context = (LlvmUnitContext*)NativeMemory.AllocZeroed((nuint)sizeof(LlvmUnitContext));
    }

    public string Name => "llvm";

    /// <summary>The JIT (its time counters).</summary>
    public LlvmJit Jit => _jit;

    public TranslatedUnit? Translate(IrBlock ir)
    {
        lock (_translateLock) return TranslateLocked(ir);
    }

    private LlvmBlock TranslateLocked(IrBlock ir)
    {
        int id = _blocks.Count;
        if (id >= ExitPayload.MaxUnits) throw new InvalidOperationException("llvm: more units than an exit word can name");
        // Unique per JIT: removal of retired code may come later than a new block at the same pc.
        string name = $"b{_serial++}_{ir.GuestPc:x8}";
        long start = Stopwatch.GetTimestamp();
        var module = _jit.CreateModule(name);
        try
        {
            _builder.Build(module, ir, id, name);
        }
        catch
        {
            module.Dispose();
            throw;
        }
        _lowerTicks += Stopwatch.GetTimestamp() - start;
        Action<string, string>? print = _irLog == null ? null : PrintIr;
        var code = _jit.Compile(module, name, print);
        // A trace (what hot code became) takes no hot exit; its guest code is its blocks'.
        var block = new LlvmBlock(ir.IsTrace ? UnitKind.Trace : UnitKind.Block, ir.GuestPc, ir.GuestEnd, ir.InsnCount,
            ir.IsTrace ? 0 : _hotThreshold, code, ir.IsTrace ? [.. ir.TraceBlocks] : null, ir.SlotCount) { Id = id };
        _blocks.Add(block);
        var byId = _byId;
        if (id >= byId.Length)
        {
            Array.Resize(ref byId, byId.Length * 2);
            byId[id] = block;
            Volatile.Write(ref _byId, byId);
        }
        else Volatile.Write(ref byId[id], block);
        return block;
    }

    private void PrintIr(string symbol, string text) => _irLog!.Write($"LLVM IR of {symbol} (optimized):\n{text}\n");

    public UnitExit Enter(TranslatedUnit unit)
    {
        if (_retired.Count > 0) Reclaim();
        var block = (LlvmBlock)unit;
        while (true)
        {
            if (++block.ExecCount == block.HotAt) return new UnitExit(ExitKind.Hot, block);
            _context->CodeWritePending = 0;
            _running = block;
            ulong exit;
            try
            {
                exit = ((delegate* unmanaged<CpuState*, byte*, PageFlags*, LlvmUnitContext*, ulong>)block.Code.Entry)(
                    _cpu, _memory.Base, _memory.PageTable, _context);
            }
            finally
            {
                _running = null;
            }
            switch ((ExitKind)(exit & 15))
            {
                case ExitKind.Jump:
                {
                    var from = Volatile.Read(ref _byId)[ExitPayload.Id((uint)exit)]!;
                    int slot = ExitPayload.Slot((uint)exit);
                    if (from.NextAt(slot) is LlvmBlock { Valid: true } next)
                    {
                        block = next;
                        _chained++;
                        continue;
                    }
                    return new UnitExit(ExitKind.Jump, from, slot);
                }
                case ExitKind.Indirect:
                {
                    // Indirect jumps, calls and returns look their target up in the jump cache first (as interp's do).
                    uint target = _cpu->Eip;
                    var next = _jumpCache[JumpCacheIndex.Of(target)];
                    if (next == null || next.GuestPc != target || !next.Valid) return new UnitExit(ExitKind.Indirect);
                    block = next;
                    _jumpCacheHits++;
                    continue;
                }
                case ExitKind.CodeModified: return new UnitExit(ExitKind.CodeModified);
                case ExitKind.Syscall: return new UnitExit(ExitKind.Syscall);
                case ExitKind.Unsupported: return new UnitExit(ExitKind.Unsupported);
                case ExitKind.Fault:
                    HelperAbi.RethrowPending(_cpu, "llvm");
                    break;
                case ExitKind.Raise:
                    throw new GuestFaultException((int)_context->RaiseSignal, _context->RaiseAddress, _context->RaiseHasAddress != 0) { Pc = _cpu->Eip };
            }
            throw new InvalidOperationException($"llvm: unexpected exit 0x{exit:x}");
        }
    }

    /// <summary>Links a slot: <see cref="Enter"/> goes on into <paramref name="to"/> when the unit leaves through it (no native chaining yet).</summary>
    public void Link(TranslatedUnit from, int slot, TranslatedUnit to)
    {
        if (!_linking || !from.Valid || !to.Valid || from.NextAt(slot) == to) return;
        from.SetNext(slot, to);
        to.Incoming.Add((from, slot));
        _links++;
    }

    public void CacheJump(TranslatedUnit unit) => _jumpCache[JumpCacheIndex.Of(unit.GuestPc)] = (LlvmBlock)unit;

    public void Invalidate(TranslatedUnit unit)
    {
        var block = (LlvmBlock)unit;
        block.Valid = false;
        foreach (var (from, slot) in block.Incoming)
            if (from.NextAt(slot) == block) from.SetNext(slot, null);
        block.Incoming.Clear();
        ref var cached = ref _jumpCache[JumpCacheIndex.Of(block.GuestPc)];
        if (cached == block) cached = null;
        // The running unit's own code changed: it leaves at its next instruction boundary (it may be stale).
        if (block == _running) _context->CodeWritePending = 1;
        // Its code may be running now (the store was its own): freed at the next entry from the engine.
        _retired.Add(block);
    }

    /// <summary>Drops every unit and frees its code (the engine flushes only between runs of units).</summary>
    public void Flush()
    {
        lock (_translateLock)
        {
            foreach (var b in _blocks)
            {
                b.Valid = false;
                _jit.Remove(b.Code);
            }
            _blocks.Clear();
            Volatile.Write(ref _byId, new LlvmBlock?[256]);
        }
        _retired.Clear();
        Array.Clear(_jumpCache);
    }

    /// <summary>Nothing generated depends on guest state that can change (no inline SSE or x87), so never.</summary>
    public bool NeedsFlush() => false;

    /// <summary>LLJIT's C API gives no code sizes, so there is nothing to disassemble yet (<c>-d llvm_ir</c> shows the IR).</summary>
    public string? FormatHostCode(TranslatedUnit unit, IReadOnlyList<Instruction> guestInstructions) => null;

    public void ReportStatistics(Statistics stats)
    {
        stats[CounterId.ChainedTransitions] = _chained;
        stats[CounterId.JumpCacheHits] = _jumpCacheHits;
        stats[CounterId.BlockLinks] = _links;
        stats[CounterId.LlvmLowerTime] = _lowerTicks;
        stats[CounterId.LlvmVerifyTime] = _jit.VerifyTicks;
        stats[CounterId.LlvmOptimizeTime] = _jit.OptimizeTicks;
        stats[CounterId.LlvmCodegenTime] = _jit.CodegenTicks;
        // LLJIT reports no code sizes, and there is no code buffer to fill or flush.
        stats.MarkNotCounted(CounterId.HostCodeBytes, CounterId.CodeCacheUsed, CounterId.CodeCacheFlushes);
    }

    private void Reclaim()
    {
        foreach (var b in _retired) _jit.Remove(b.Code);
        _retired.Clear();
    }

    public void Dispose()
    {
        _jit.Dispose();
        NativeMemory.Free(_context);
    }
}
