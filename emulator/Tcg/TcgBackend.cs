using Hdbt.Backend;
using Hdbt.Guest;
using Hdbt.Helpers;
using Hdbt.Host;
using Hdbt.Ir;
using Hdbt.Profiling;
using Iced.Intel;

namespace Hdbt.Tcg;

/// <summary>
/// The TCG backend (<c>--mode tcg</c>): generates blocks into the code buffer, links direct jumps
/// (patching <c>jmp rel32</c> in place), keeps the inline jump cache, unlinks and marks invalidated
/// blocks, and turns the exits of generated code into the engine's <see cref="UnitExit"/>s or guest faults.
/// </summary>
public sealed unsafe class TcgBackend : IBackend
{
    private readonly CpuState* _cpu;
    private readonly GuestMemory _memory;
    private readonly CodeBuffer _buffer;
    private readonly CodeGenerator _generator;
    private readonly List<TcgBlock> _blocks = [];
    private readonly delegate* unmanaged<CpuState*, byte*, byte*, byte*, uint> _enter;
    private readonly HostFaultHandler? _faultHandler;
    private readonly bool _linking;

    /// <param name="cpu">The guest's CpuState (16-byte aligned: generated code moves XMM registers with aligned moves).</param>
    /// <param name="memory">The guest's memory.</param>
    /// <param name="codeCacheSize">Bytes of the code buffer.</param>
    /// <param name="linking">Whether direct jumps get linked (off: every block exit returns to the engine).</param>
    /// <param name="hostFaults">Whether guest loads are plain host loads caught by the host fault handler (off: checked inline).</param>
    /// <param name="directStores">Whether guest stores are plain host stores (needs <paramref name="hostFaults"/> and <see cref="GuestMemory.HostProtection"/>).</param>
    /// <param name="hotThreshold">Entries after which a block takes its hot exit (0: never).</param>
    /// <param name="countEntries">Whether blocks go on counting their entries once hot (<see cref="CodeGenerator.CountEntries"/>).</param>
    public TcgBackend(CpuState* cpu, GuestMemory memory, long codeCacheSize, bool linking, bool hostFaults, bool directStores, ulong hotThreshold,
        bool countEntries)
    {
        if (((ulong)cpu & 15) != 0) throw new InvalidOperationException("tcg: CpuState is not 16-byte aligned");
        _cpu = cpu;
        _memory = memory;
        _linking = linking;
        _buffer = new CodeBuffer(codeCacheSize);
        _generator = new CodeGenerator(_buffer) { HotThreshold = hotThreshold, CountEntries = countEntries };
        _enter = (delegate* unmanaged<CpuState*, byte*, byte*, byte*, uint>)_generator.Prologue;
        // With the host fault handler, guest loads are plain host loads: an unmapped guest page is
        // PROT_NONE on the host, and the handler turns the fault into a recovery-stub exit.
        if (hostFaults)
        {
            _faultHandler = HostFaultHandler.Install((nint)_buffer.Base, (nint)(_buffer.Base + _buffer.Size), (nint)_generator.Recovery);
            _generator.DirectLoads = true;
            if (directStores)
            {
                if (!memory.HostProtection) throw new InvalidOperationException("tcg: direct stores need guest memory under host protection");
                _faultHandler.SetGuestRange((nint)memory.Base, (nint)(memory.Base + GuestMemory.ReservationSize));
                _faultHandler.TrackCodeWrites((byte*)memory.PageTable, (byte)(PageFlags.Write | PageFlags.Code), (byte)PageFlags.CodeWritten,
                    (byte*)&_buffer.Context->CodeWritePending);
                _generator.DirectStores = true;
            }
        }
        (_generator.InlineSse, _generator.InlineX87) = MaskedModes();
    }

    public string Name => "tcg";

    public TcgContext* Context => _buffer.Context;
    public CodeBuffer Buffer => _buffer;
    public CodeGenerator Generator => _generator;

    public long LinksMade { get; private set; }
    public long HostBytes { get; private set; }

    public TranslatedUnit? Translate(IrBlock ir)
    {
        var block = _generator.Generate(ir, _blocks.Count);
        if (block == null) return null;
        _blocks.Add(block);
        HostBytes += block.HostSize;
        return block;
    }

    public UnitExit Enter(TranslatedUnit unit)
    {
        _buffer.Context->CodeWritePending = 0;
        uint exit = _enter(_cpu, _memory.Base, (byte*)_memory.PageTable, ((TcgBlock)unit).HostCode);
        switch ((ExitKind)(exit & 15))
        {
            case ExitKind.Jump:
                return new UnitExit(ExitKind.Jump, _blocks[ExitPayload.Id(exit)], ExitPayload.Slot(exit));
            case ExitKind.Hot:
            {
                var hot = _blocks[ExitPayload.Id(exit)];
                if (!_generator.CountEntries) StopCounting(hot);
                return new UnitExit(ExitKind.Hot, hot);
            }
            case ExitKind.Indirect: return new UnitExit(ExitKind.Indirect);
            case ExitKind.CodeModified: return new UnitExit(ExitKind.CodeModified);
            case ExitKind.Syscall: return new UnitExit(ExitKind.Syscall);
            case ExitKind.Unsupported: return new UnitExit(ExitKind.Unsupported);
            case ExitKind.Fault:
                HelperAbi.RethrowPending(_cpu, "tcg");
                break;
            case ExitKind.HostFault:
                throw HostFault();
            case ExitKind.Raise:
            {
                var ctx = _buffer.Context;
                throw new GuestFaultException((int)ctx->RaiseSignal, ctx->RaiseAddress, ctx->RaiseHasAddress != 0) { Pc = _cpu->Eip };
            }
        }
        throw new InvalidOperationException($"tcg: unexpected exit 0x{exit:x}");
    }

    /// <summary>
    /// A hot block stops counting (so tcg reports no <c>blocks_executed</c> unless <see cref="CodeGenerator.CountEntries"/>):
    /// its links and jump-cache entry move to the instruction after the counter code, so a hot loop runs no extra
    /// instruction at all (a jump over the counter cost 4 to 22% in tight loops), and the counter code itself
    /// becomes that jump, for the engine's own entries.
    /// </summary>
    private void StopCounting(TcgBlock block)
    {
        block.HostCode[0] = 0xEB;                                       // jmp short over the rest of the counter code
        block.HostCode[1] = CodeGenerator.EntryCountBytes - 2;
        block.Entry = block.HostCode + CodeGenerator.EntryCountBytes;
        foreach (var (from, slot) in block.Incoming)
            if (from.NextAt(slot) == block) PatchLink((TcgBlock)from, slot, block);
        ref var e = ref _buffer.JumpCache[JumpCacheIndex.Of(block.GuestPc)];
        if (e.HostCode == (ulong)block.HostCode) e.HostCode = (ulong)block.Entry;
    }

    private static void PatchLink(TcgBlock from, int slot, TcgBlock to)
    {
        byte* site = from.SlotSite(slot);
        *(int*)(site + 1) = (int)(to.Entry - (site + 5));
    }

    /// <summary>
    /// A guest load in generated code touched an unmapped page: the fault record says where; the
    /// block's side table gives the guest instruction, as interp would report it.
    /// </summary>
    private GuestFaultException HostFault()
    {
        var record = _faultHandler!.Record;
        var block = BlockAt(record->HostRip);
        uint pc = block != null ? block.GuestPcAt((int)(record->HostRip - (ulong)block.HostCode)) : _cpu->Eip;
        ulong address = record->FaultAddress - (ulong)_memory.Base;
        bool inGuest = record->FaultAddress >= (ulong)_memory.Base && address < 1ul << 32;
        _cpu->Eip = pc;
        int signal = record->Signal == Signals.SIGBUS ? Signals.SIGBUS : Signals.SIGSEGV;
        return new GuestFaultException(signal, inGuest ? (uint)address : 0, inGuest) { Pc = pc };
    }

    /// <summary>Patches <paramref name="from"/>'s slot to jump straight into <paramref name="to"/>.</summary>
    public void Link(TranslatedUnit from, int slot, TranslatedUnit to)
    {
        var source = (TcgBlock)from;
        if (!_linking || !from.Valid || !to.Valid || slot >= source.SlotOffset.Length || source.SlotOffset[slot] < 0 || from.NextAt(slot) == to) return;
        PatchLink(source, slot, (TcgBlock)to);
        from.SetNext(slot, to);
        to.Incoming.Add((from, slot));
        LinksMade++;
    }

    public void CacheJump(TranslatedUnit unit)
    {
        ref var e = ref _buffer.JumpCache[JumpCacheIndex.Of(unit.GuestPc)];
        e.HostCode = (ulong)((TcgBlock)unit).Entry;
        e.GuestPc = unit.GuestPc;
    }

    public void Invalidate(TranslatedUnit unit)
    {
        var b = (TcgBlock)unit;
        b.Valid = false;
        // Seen by the running block, if a store of its own wrote code: it leaves at its next instruction boundary.
        _buffer.Context->CodeWritePending = 1;
        foreach (var (from, slot) in b.Incoming)
        {
            if (from.NextAt(slot) != b) continue;
            // Back to the unlinked exit just after the jump.
            *(int*)(((TcgBlock)from).SlotSite(slot) + 1) = 0;
            from.SetNext(slot, null);
        }
        b.Incoming.Clear();
        // The entry may point at either start of the block (before and after StopCounting moved its entry).
        ref var e = ref _buffer.JumpCache[JumpCacheIndex.Of(b.GuestPc)];
        if (e.HostCode == (ulong)b.Entry || e.HostCode == (ulong)b.HostCode) { e.GuestPc = JumpCacheEntry.Empty; e.HostCode = 0; }
    }

    /// <summary>Drops every block: the buffer is reused from its start, under the guest's current exception masks.</summary>
    public void Flush()
    {
        foreach (var b in _blocks) b.Valid = false;
        _blocks.Clear();
        _buffer.Reset();
        (_generator.InlineSse, _generator.InlineX87) = MaskedModes();
    }

    /// <summary>
    /// Inline SSE and x87 are generated only while the guest masks every SIMD or x87 exception
    /// (<see cref="CodeGenerator.InlineSse"/>, <see cref="CodeGenerator.InlineX87"/>): when that changes,
    /// the code generated under the other assumption goes.
    /// </summary>
    public bool NeedsFlush() => MaskedModes() != (_generator.InlineSse, _generator.InlineX87);

    private (bool Sse, bool X87) MaskedModes() =>
        ((_cpu->Mxcsr & CodeGenerator.MxcsrMasks) == CodeGenerator.MxcsrMasks,
         (_cpu->FpControl & Emit.X87.ControlMasks) == Emit.X87.ControlMasks);

    public string? FormatHostCode(TranslatedUnit unit, IReadOnlyList<Instruction> guestInstructions) =>
        OutAsm.Format((TcgBlock)unit, guestInstructions);

    public void ReportStatistics(Statistics stats)
    {
        // Generated code does not count chained transitions (a second counter on every linked jump), and block
        // entries only until a block is hot unless asked to (StopCounting).
        stats.MarkNotCounted(CounterId.ChainedTransitions);
        // tcg compiles nothing with LLVM.
        stats.MarkNotCounted(CounterId.LlvmLowerTime, CounterId.LlvmVerifyTime, CounterId.LlvmOptimizeTime, CounterId.LlvmCodegenTime);
        if (!_generator.CountEntries) stats.MarkNotCounted(CounterId.BlocksExecuted, CounterId.GuestInsnsExecuted);
        stats[CounterId.JumpCacheHits] = (long)_buffer.Context->JumpCacheHits;
        stats[CounterId.HostCodeBytes] = HostBytes;
        stats[CounterId.BlockLinks] = LinksMade;
        stats[CounterId.CodeCacheUsed] = _buffer.BlockBytes;
    }

    /// <summary>The block whose code contains a host address (blocks are laid out in id order), or null.</summary>
    public TcgBlock? BlockAt(ulong hostAddress)
    {
        int lo = 0, hi = _blocks.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            var b = _blocks[mid];
            if (hostAddress < (ulong)b.HostCode) hi = mid - 1;
            else if (hostAddress >= (ulong)b.HostCode + (ulong)b.HostSize) lo = mid + 1;
            else return b;
        }
        return null;
    }

    public void Dispose()
    {
        // The handler stays installed (the hdbt command keeps it for the whole process: a host fault outside
        // generated code is an internal error); only the code range goes with the code buffer.
        _faultHandler?.SetRange(0, 0);
        if (_generator.DirectStores) _faultHandler?.TrackCodeWrites(null, 0, 0, null);
        _buffer.Dispose();
    }
}
