using System.Diagnostics;
using Hdbt.Backend;
using Hdbt.Frontend;
using Hdbt.Guest;
using Hdbt.Ir;
using Hdbt.Linux;
using Hdbt.Profiling;
using Iced.Intel;

namespace Hdbt.Engine;

/// <summary>
/// The one execution loop of every mode (QEMU's cpu_exec): find the unit at EIP in the code cache or
/// translate the block there with the backend, link the direct jump that came back, run the unit (its
/// code goes on through linked units and the jump cache by itself), and handle what made it return:
/// an unlinked jump, a jump-cache miss, a syscall, self-modified code, a hot unit, an unsupported
/// instruction. Guest exits and faults leave as exceptions. Nothing here knows which backend runs.
/// </summary>
public sealed unsafe class Dispatcher
{
    private readonly CpuState* _cpu;
    private readonly GuestMemory _memory;
    private readonly LinuxKernel _kernel;
    private readonly EmulatorOptions _options;
    private readonly Statistics _stats;
    private readonly Translator _translator;
    private readonly IBackend _backend;
    private readonly CodeCache _cache = new();
    private readonly GuestDisassembler _disassembler;
    private readonly List<Instruction> _guestInsns = [];
    private readonly bool _outAsm;
    private readonly TraceRecorder? _recorder;
    private readonly TraceProfile _traceProfile = new();
    private readonly TraceWorkers? _workers;
    private Func<uint, bool>? _headsTrace;
    // Code writes and flushes so far, and the count at each page's last write and at the last flush: a trace compiled
    // on a worker is installed only if none of its pages was written, and the cache not flushed, since it was recorded.
    private long _codeWrites, _lastFlushAt;
    private readonly Dictionary<uint, long> _pageWrittenAt = [];
    private long _blocksExecuted, _insnsExecuted;

    public Dispatcher(CpuState* cpu, GuestMemory memory, LinuxKernel kernel, EmulatorOptions options, Statistics stats, IBackend backend)
    {
        _cpu = cpu;
        _memory = memory;
        _kernel = kernel;
        _options = options;
        _stats = stats;
        _backend = backend;
        _disassembler = new GuestDisassembler(memory);
        _translator = new Translator(memory, options.Translator);
        memory.CodeWriteHandler = OnCodeWrite;
        _outAsm = (options.Debug & DebugMask.OutAsm) != 0;
        if ((options.Debug & (DebugMask.InAsm | DebugMask.OutAsm)) != 0) _translator.OnInstruction = OnGuestInstruction;
        _translator.KeepUnoptimizedText = (options.Debug & DebugMask.Op) != 0;
        if (options.FormTraces)
        {
            _recorder = new TraceRecorder(cpu, memory, options.Translator, options.TraceLength, options.Translator.VerifyIr);
            if (options.TraceThreads > 0) _workers = new TraceWorkers(options.TraceThreads, backend.Translate);
        }
    }

    /// <summary>
    /// Called once for each unit that reaches the profile threshold (<see cref="EmulatorOptions.Threshold"/>),
    /// before it runs that entry: where the trace recorder plugs in. Execution resumes at the unit afterwards.
    /// </summary>
    public Action<TranslatedUnit>? HotHook { get; set; }

    /// <summary>Runs the guest until it exits (throws <see cref="GuestExitException"/>) or faults (<see cref="GuestFaultException"/>).</summary>
    public void Run()
    {
        TranslatedUnit? previous = null;
        int previousSlot = 0;
        // With -d exec every unit entry is logged here, so nothing may run past the loop: no links, no jump cache.
        bool logExec = (_options.Debug & DebugMask.Exec) != 0;
        try
        {
            while (true)
            {
                // Generated code that stored into write-protected code pages: drop that code now.
                _memory.ProcessHostCodeWrites();
                if (_workers is { Pending: > 0 }) InstallCompiledTraces();
                if (_backend.NeedsFlush())
                {
                    Flush();
                    previous = null;
                }
                uint pc = _cpu->Eip;
                _stats.Add(CounterId.DispatcherLookups, 1);
                TranslatedUnit unit = _cache.Lookup(pc) ?? Translate(pc);
                if (logExec) _options.Log.WriteLine($"Trace: [0x{pc:x8}]");
                else
                {
                    if (previous != null) _backend.Link(previous, previousSlot, unit);
                    _backend.CacheJump(unit);
                }
                previous = null;
                UnitExit exit = _backend.Enter(unit);
                switch (exit.Kind)
                {
                    case ExitKind.Jump:
                        if (exit.From is { Valid: true } from)
                        {
                            previous = from;
                            previousSlot = exit.Slot;
                        }
                        break;
                    case ExitKind.Indirect:
                        _stats.Add(CounterId.JumpCacheMisses, 1);
                        break;
                    case ExitKind.CodeModified:
                        break;
                    case ExitKind.Syscall:
                        _kernel.Syscall();
                        break;
                    case ExitKind.Hot:
                        exit.From!.Hot = true;
                        _stats.Add(CounterId.HotUnits, 1);
                        HotHook?.Invoke(exit.From);
                        if (_recorder != null && exit.From.Kind == UnitKind.Block) FormTrace(exit.From);
                        break;
                    case ExitKind.Unsupported:
                        throw new UnsupportedInstructionError(_cpu->Eip, _disassembler.DescribeUnsupported(_cpu->Eip));
                    default:
                        throw new InvalidOperationException($"{_backend.Name}: unexpected exit {exit.Kind}");
                }
            }
        }
        finally
        {
            _workers?.Dispose();
            CollectStatistics();
        }
    }

    private TranslatedUnit Translate(uint pc)
    {
        long start = Stopwatch.GetTimestamp();
        if ((_options.Debug & DebugMask.InAsm) != 0) _options.Log.WriteLine($"IN: 0x{pc:x8}");
        _guestInsns.Clear();
        IrBlock ir = _translator.Translate(pc);
        TranslatedUnit? unit = _backend.Translate(ir);
        if (unit == null)
        {
            // The backend's code memory is full: start it afresh (QEMU's tb_flush) and translate again.
            Flush();
            if (_outAsm) _options.Log.WriteLine($"{_backend.Name}: code cache flushed");
            unit = _backend.Translate(ir)
                ?? throw new InvalidOperationException($"{_backend.Name}: a block does not fit in an empty code cache");
        }
        _stats.Add(CounterId.TranslationTime, Stopwatch.GetTimestamp() - start);
        _stats.Add(CounterId.BlocksTranslated, 1);
        _stats.Add(CounterId.GuestCodeBytes, ir.GuestSize);
        _stats.Add(CounterId.GuestInsnsTranslated, ir.InsnCount);
        _stats.Add(CounterId.IrOpsBeforeOpt, _translator.LastOpsBeforeOptimization);
        _stats.Add(CounterId.IrOps, ir.Ops.Count);
        if ((_options.Debug & DebugMask.Op) != 0)
            _options.Log.Write($"OP:\n{_translator.LastUnoptimizedText}\n");
        if ((_options.Debug & DebugMask.OpOpt) != 0)
            _options.Log.Write($"OP after optimization:\n{IrPrinter.Print(ir)}\n");
        if (_outAsm && _backend.FormatHostCode(unit, _guestInsns) is { } hostCode) _options.Log.Write(hostCode);
        _cache.Insert(unit);
        return unit;
    }

    private void OnGuestInstruction(Instruction insn)
    {
        if (_outAsm) _guestInsns.Add(insn);
        if ((_options.Debug & DebugMask.InAsm) != 0) _options.Log.WriteLine(_disassembler.Line(insn));
    }

    /// <summary>
    /// Records the trace headed by the hot block <paramref name="head"/> (running the path: EIP moves on), has the
    /// backend compile it and puts it in the head's place: the head block is dropped, so links and jump-cache entries
    /// into it come back to the engine, which finds the trace at that pc.
    /// </summary>
    private void FormTrace(TranslatedUnit head)
    {
        long start = Stopwatch.GetTimestamp();
        IrBlock? ir = _recorder!.Record(head, _headsTrace ??= pc => _cache.Lookup(pc) is { Kind: UnitKind.Trace, Valid: true });
        if (ir == null)
        {
            _stats.Add(CounterId.TracesAbandoned, 1);
            return;
        }
        _traceProfile.Add(_recorder.LastPath, _recorder.LastExits, _recorder.LastIndirectChecks);
        if (_workers != null)
        {
            // hybridm: a worker compiles it; the head block runs on meanwhile (InstallCompiledTraces puts the trace in).
            _workers.Submit(head, ir, _codeWrites);
            _stats.Add(CounterId.TraceTranslationTime, Stopwatch.GetTimestamp() - start);
            return;
        }
        TranslatedUnit? trace = _backend.Translate(ir);
        _stats.Add(CounterId.TraceTranslationTime, Stopwatch.GetTimestamp() - start);
        if (trace == null)
        {
            // Code memory full: start afresh (the blocks and traces form again as they get hot).
            Flush();
            return;
        }
        Install(head, trace);
    }

    /// <summary>Puts a trace in its head block's place: the head is dropped, so links and jump-cache entries into it come back here.</summary>
    private void Install(TranslatedUnit head, TranslatedUnit trace)
    {
        if (head.Valid && _cache.Lookup(head.GuestPc) == head)
        {
            Account(head);
            _backend.Invalidate(head);
        }
        _cache.Insert(trace);
    }

    /// <summary>Installs the traces the workers have finished, unless their code changed (or the cache was flushed) since they were recorded.</summary>
    private void InstallCompiledTraces()
    {
        while (_workers!.TryTake(out var done))
        {
            _stats.Add(CounterId.TraceWorkerTime, done.Ticks);
            var (head, ir, epoch) = done.Request;
            if (done.Trace is not { } trace) continue;
            bool stale = epoch < _lastFlushAt || !head.Valid || _cache.Lookup(head.GuestPc) != head;
            foreach (var (start, end) in ir.TraceBlocks)
                for (uint page = start >> GuestMemory.PageShift; !stale && page <= (end - 1) >> GuestMemory.PageShift; page++)
                    stale = _pageWrittenAt.GetValueOrDefault(page) > epoch;
            if (stale)
            {
                _backend.Invalidate(trace);
                _stats.Add(CounterId.TracesDiscarded, 1);
                continue;
            }
            Install(head, trace);
        }
    }

    /// <summary>A guest write (or unmap, or mprotect) reached a page holding translated code: drop its units.</summary>
    private void OnCodeWrite(uint page)
    {
        _recorder?.OnCodeWrite(page);
        if (_workers != null) _pageWrittenAt[page] = ++_codeWrites;
        var units = _cache.TakePage(page);
        if (units == null) return;
        int dropped = 0;
        foreach (var u in units)
        {
            // A unit spanning two pages may have gone with the other one already.
            if (!u.Valid) continue;
            Account(u);
            _backend.Invalidate(u);
            dropped++;
        }
        _stats.Add(CounterId.BlocksInvalidated, dropped);
    }

    private void Flush()
    {
        // A flush only to change the backend's assumptions, with nothing translated yet, is not counted.
        if (_cache.Count > 0) _stats.Add(CounterId.CodeCacheFlushes, 1);
        _lastFlushAt = ++_codeWrites;
        foreach (var u in _cache.All) Account(u);
        _cache.Clear();
        _backend.Flush();
    }

    /// <summary>Adds a unit's entries to the run's totals; called once, when the unit goes or at exit.</summary>
    private void Account(TranslatedUnit u)
    {
        // A trace's entries say nothing of the blocks it ran (it loops inside): the trace statistics count those.
        if (u.Kind == UnitKind.Trace) return;
        long entries = u.Entries;
        _blocksExecuted += entries;
        _insnsExecuted += entries * u.InsnCount;
    }

    private void CollectStatistics()
    {
        foreach (var u in _cache.All) Account(u);
        _stats[CounterId.BlocksExecuted] = _blocksExecuted;
        _stats[CounterId.GuestInsnsExecuted] = _insnsExecuted;
        _stats[CounterId.Syscalls] = _kernel.SyscallCount;
        if (_recorder != null) _traceProfile.Report(_stats, _options.Threshold, _options.TraceLength);
        else
            foreach (var c in CounterTable.All)
                if (c.Section == CounterTable.TraceSection) _stats.MarkNotCounted(c.Id);
        if (_memory.HostProtection) _stats[CounterId.CodeWriteFaults] = _memory.HostCodeWriteEvents;
        else _stats.MarkNotCounted(CounterId.CodeWriteFaults);
        _backend.ReportStatistics(_stats);
    }
}
