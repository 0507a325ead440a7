using System.Diagnostics;
using Hdbt.Frontend;
using Hdbt.Guest;
using Hdbt.Ir;
using Hdbt.Linux;
using Hdbt.Profiling;
using Hdbt.Tcg;
using Iced.Intel;
using Hdbt.Host;
using Hdbt.Helpers;

namespace Hdbt.Runtime;

/// <summary>
/// The execution loop of <c>--mode tcg</c>: find or translate the block at EIP, run its host
/// code (which goes on through linked blocks and the jump cache by itself), link the direct
/// jump that came back, and handle syscalls and faults.
/// </summary>
public sealed unsafe class TcgDispatcher : IDisposable
{
    private readonly CpuState* _cpu;
    private readonly GuestMemory _memory;
    private readonly LinuxKernel _kernel;
    private readonly EmulatorOptions _options;
    private readonly Statistics _stats;
    private readonly Translator _translator;
    private readonly TcgBackend _backend;
    private readonly GuestDisassembler _disassembler;
    private readonly List<Instruction> _guestInsns = [];
    private readonly bool _outAsm;
    private readonly HostFaultHandler? _faultHandler;

    public TcgDispatcher(CpuState* cpu, GuestMemory memory, LinuxKernel kernel, EmulatorOptions options, Statistics stats)
    {
        _cpu = cpu;
        _memory = memory;
        _disassembler = new GuestDisassembler(memory);
        _kernel = kernel;
        _options = options;
        _stats = stats;
        // Generated code does not count block entries (a memory increment per block would put a
        // loop-carried store dependency into every hot loop), so these stay unmeasured in tcg.
        stats.MarkNotCounted(CounterId.BlocksExecuted, CounterId.GuestInsnsExecuted, CounterId.ChainedTransitions);
        _translator = new Translator(memory, options.Translator);
        _backend = new TcgBackend(options.CodeCacheSize) { Linking = options.Linking };
        // With the host fault handler, guest loads are plain host loads: an unmapped guest page is
        // PROT_NONE on the host, and the handler turns the fault into a recovery-stub exit.
        if (options.HostFaults)
        {
            _faultHandler = HostFaultHandler.Install((nint)_backend.Buffer.Base, (nint)(_backend.Buffer.Base + _backend.Buffer.Size),
                (nint)_backend.Generator.Recovery);
            _backend.Generator.DirectLoads = true;
        }
        // Generated code uses aligned vector moves on CpuState.Xmm.
        if (((ulong)cpu & 15) != 0) throw new InvalidOperationException("tcg: CpuState is not 16-byte aligned");
        memory.CodeWriteHandler = OnCodeWrite;
        _outAsm = (options.Debug & DebugMask.OutAsm) != 0;
        if ((options.Debug & (DebugMask.InAsm | DebugMask.OutAsm)) != 0) _translator.OnInstruction = OnGuestInstruction;
        _translator.KeepUnoptimizedText = (options.Debug & DebugMask.Op) != 0;
    }

    /// <summary>Runs the guest until it exits (throws <see cref="GuestExitException"/>) or faults (<see cref="GuestFaultException"/>).</summary>
    public void Run()
    {
        TcgBlock? previous = null;
        int previousSlot = 0;
        byte* memBase = _memory.Base;
        byte* pageTable = (byte*)_memory.PageTable;
        try
        {
            while (true)
            {
                // Inline SSE and x87 are generated only while the guest masks every SIMD or x87
                // exception (CodeGenerator.InlineSse, InlineX87): when that changes, the code
                // generated under the other assumption goes.
                bool sseMasked = (_cpu->Mxcsr & CodeGenerator.MxcsrMasks) == CodeGenerator.MxcsrMasks;
                bool x87Masked = (_cpu->FpControl & Tcg.Emit.X87.ControlMasks) == Tcg.Emit.X87.ControlMasks;
                if (sseMasked != _backend.Generator.InlineSse || x87Masked != _backend.Generator.InlineX87)
                {
                    if (_backend.Count > 0) _backend.Flush();
                    _backend.Generator.InlineSse = sseMasked;
                    _backend.Generator.InlineX87 = x87Masked;
                    previous = null;
                }
                uint pc = _cpu->Eip;
                _stats.Add(CounterId.DispatcherLookups, 1);
                TcgBlock block = _backend.Lookup(pc) ?? TranslateBlock(pc);
                if (previous != null) _backend.Link(previous, previousSlot, block);
                previous = null;
                _backend.CacheJump(block);
                uint exit = _backend.Enter(_cpu, memBase, pageTable, block);
                switch ((ExitCode)(exit & 15))
                {
                    case ExitCode.Goto:
                    {
                        uint v = exit >> 4;
                        var from = _backend.BlockById((int)(v >> 1));
                        if (from.Valid) { previous = from; previousSlot = (int)(v & 1); }
                        break;
                    }
                    case ExitCode.Indirect:
                        _stats.Add(CounterId.JumpCacheMisses, 1);
                        break;
                    case ExitCode.CodeModified:
                        break;
                    case ExitCode.Syscall:
                        _kernel.Syscall();
                        break;
                    case ExitCode.Unsupported:
                        throw new UnsupportedInstructionError(_cpu->Eip, _disassembler.DescribeUnsupported(_cpu->Eip));
                    case ExitCode.Fault:
                        RethrowFault();
                        break;
                    case ExitCode.HostFault:
                        throw HostFault();
                    case ExitCode.Raise:
                    {
                        var ctx = _backend.Context;
                        throw new GuestFaultException((int)ctx->RaiseSignal, ctx->RaiseAddress, ctx->RaiseHasAddress != 0) { Pc = _cpu->Eip };
                    }
                    default:
                        throw new InvalidOperationException($"tcg: unexpected exit 0x{exit:x}");
                }
            }
        }
        finally
        {
            CollectStatistics();
        }
    }

    /// <summary>A helper or checked access faulted inside generated code: rethrow it at the guest pc in EIP.</summary>
    private void RethrowFault()
    {
        var pending = HelperAbi.TakePending() ?? throw new InvalidOperationException("tcg: fault exit without a pending exception");
        if (pending.SourceException is GuestFaultException e)
        {
            e.Pc ??= _cpu->Eip;
            _cpu->Eip = e.Pc.Value;
        }
        pending.Throw();
    }

    /// <summary>
    /// A guest load in generated code touched an unmapped page: the fault record says where; the
    /// block's side table gives the guest instruction, as interp would report it.
    /// </summary>
    private GuestFaultException HostFault()
    {
        var record = _faultHandler!.Record;
        var block = _backend.BlockAt(record->HostRip);
        uint pc = block != null ? block.GuestPcAt((int)(record->HostRip - (ulong)block.HostCode)) : _cpu->Eip;
        ulong address = record->FaultAddress - (ulong)_memory.Base;
        bool inGuest = record->FaultAddress >= (ulong)_memory.Base && address < 1ul << 32;
        _cpu->Eip = pc;
        int signal = record->Signal == Signals.SIGBUS ? Signals.SIGBUS : Signals.SIGSEGV;
        return new GuestFaultException(signal, inGuest ? (uint)address : 0, inGuest) { Pc = pc };
    }

    private TcgBlock TranslateBlock(uint pc)
    {
        long start = Stopwatch.GetTimestamp();
        if ((_options.Debug & DebugMask.InAsm) != 0) _options.Log.WriteLine($"IN: 0x{pc:x8}");
        _guestInsns.Clear();
        IrBlock ir = _translator.Translate(pc);
        long flushes = _backend.Flushes;
        var block = _backend.Add(ir);
        _stats.Add(CounterId.TranslationTime, Stopwatch.GetTimestamp() - start);
        _stats.Add(CounterId.BlocksTranslated, 1);
        _stats.Add(CounterId.GuestCodeBytes, ir.GuestSize);
        _stats.Add(CounterId.GuestInsnsTranslated, ir.InsnCount);
        _stats.Add(CounterId.IrOpsBeforeOpt, _translator.LastOpsBeforeOptimization);
        _stats.Add(CounterId.IrOps, ir.Ops.Count);
        if (_backend.Flushes != flushes && (_options.Debug & DebugMask.OutAsm) != 0) _options.Log.WriteLine("tcg: code cache flushed");
        if ((_options.Debug & DebugMask.Op) != 0)
            _options.Log.Write($"OP:\n{_translator.LastUnoptimizedText}\n");
        if ((_options.Debug & DebugMask.OpOpt) != 0)
            _options.Log.Write($"OP after optimization:\n{IrPrinter.Print(ir)}\n");
        if (_outAsm) _options.Log.Write(OutAsm.Format(block, _guestInsns));
        return block;
    }

    private void OnGuestInstruction(Instruction insn)
    {
        if (_outAsm) _guestInsns.Add(insn);
        if ((_options.Debug & DebugMask.InAsm) == 0) return;
        _options.Log.WriteLine(_disassembler.Line(insn));
    }

    private void OnCodeWrite(uint page)
    {
        int dropped = _backend.InvalidatePage(page);
        if (dropped == 0) return;
        _stats.Add(CounterId.BlocksInvalidated, dropped);
    }

    private void CollectStatistics()
    {
        _stats[CounterId.Syscalls] = _kernel.SyscallCount;
        _stats[CounterId.JumpCacheHits] = (long)_backend.Context->JumpCacheHits;
        _stats[CounterId.HostCodeBytes] = _backend.HostBytes;
        _stats[CounterId.BlockLinks] = _backend.LinksMade;
        _stats[CounterId.CodeCacheFlushes] = _backend.Flushes;
        _stats[CounterId.CodeCacheUsed] = _backend.Buffer.BlockBytes;
    }


    public void Dispose()
    {
        // The handler stays installed (the hdbt command keeps it for the whole process: a host fault outside
        // generated code is an internal error); only the code range goes with the code buffer.
        _faultHandler?.SetRange(0, 0);
        _backend.Dispose();
    }
}
