using System.Diagnostics;
using Hdbt.Frontend;
using Hdbt.Guest;
using Hdbt.Interp;
using Hdbt.Ir;
using Hdbt.Linux;
using Hdbt.Profiling;
using Iced.Intel;

namespace Hdbt.Runtime;

/// <summary>
/// The execution loop (QEMU's cpu_exec): find or translate the block at EIP, run it, follow
/// its exit (chained successor, cache lookup, syscall), until the guest exits or faults.
/// </summary>
public sealed unsafe class Dispatcher
{
    private readonly CpuState* _cpu;
    private readonly GuestMemory _memory;
    private readonly LinuxKernel _kernel;
    private readonly EmulatorOptions _options;
    private readonly Statistics _stats;
    private readonly Translator _translator;
    private readonly Interpreter _interpreter;
    private readonly BlockCache _cache = new();
    private readonly List<InterpBlock> _retired = [];
    private readonly GuestDisassembler _disassembler;

    public Dispatcher(CpuState* cpu, GuestMemory memory, LinuxKernel kernel, EmulatorOptions options, Statistics stats)
    {
        _cpu = cpu;
        _memory = memory;
        _disassembler = new GuestDisassembler(memory);
        _kernel = kernel;
        _options = options;
        _stats = stats;
        // The interpreter has no host code, code cache or block links to report.
        stats.MarkNotCounted(CounterId.HostCodeBytes, CounterId.BlockLinks, CounterId.JumpCacheMisses,
            CounterId.CodeCacheFlushes, CounterId.CodeCacheUsed);
        _translator = new Translator(memory, options.Translator);
        _interpreter = new Interpreter(cpu, memory);
        memory.CodeWriteHandler = OnCodeWrite;
        if ((options.Debug & DebugMask.InAsm) != 0) _translator.OnInstruction = LogInstruction;
        _translator.KeepUnoptimizedText = (options.Debug & DebugMask.Op) != 0;
    }

    /// <summary>Runs the guest until it exits (throws <see cref="GuestExitException"/>) or faults (<see cref="GuestFaultException"/>).</summary>
    public void Run()
    {
        InterpBlock? previous = null;
        ExitReason lastExit = ExitReason.Indirect;
        bool logExec = (_options.Debug & DebugMask.Exec) != 0;
        try
        {
            while (true)
            {
                if (_retired.Count > 0) RetireBlocks();
                uint pc = _cpu->Eip;
                _stats.Add(CounterId.DispatcherLookups, 1);
                InterpBlock block = _cache.Lookup(pc) ?? TranslateBlock(pc);
                if (!logExec) _interpreter.CacheJumpTarget(block);
                // A direct jump that came back here links its slot, so next time the interpreter
                // goes straight on into the successor (the interpreter's form of block chaining).
                // With -d exec every block entry is logged, so blocks are not linked.
                if (previous != null && previous.Valid && !logExec)
                {
                    if (lastExit == ExitReason.Jump0) previous.Next0 = block;
                    else if (lastExit == ExitReason.Jump1) previous.Next1 = block;
                }
                if (logExec) _options.Log.WriteLine($"Trace: [0x{pc:x8}]");
                block.ExecCount++;
                lastExit = _interpreter.Run(block);
                previous = lastExit is ExitReason.Jump0 or ExitReason.Jump1 ? _interpreter.LastBlock : null;
                switch (lastExit)
                {
                    case ExitReason.Syscall:
                        _kernel.Syscall();
                        break;
                    case ExitReason.Unsupported:
                        throw new UnsupportedInstructionError(_cpu->Eip, _disassembler.DescribeUnsupported(_cpu->Eip));
                }
            }
        }
        finally
        {
            CollectStatistics();
        }
    }

    private InterpBlock TranslateBlock(uint pc)
    {
        long start = Stopwatch.GetTimestamp();
        if ((_options.Debug & DebugMask.InAsm) != 0) _options.Log.WriteLine($"IN: 0x{pc:x8}");
        IrBlock ir = _translator.Translate(pc);
        var block = new InterpBlock(ir, _cpu);
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
        _cache.Insert(block);
        return block;
    }

    private void LogInstruction(Instruction insn)
    {
        _options.Log.WriteLine(_disassembler.Line(insn));
    }

    private void OnCodeWrite(uint page)
    {
        var dropped = _cache.InvalidatePage(page);
        if (dropped.Count == 0) return;
        _stats.Add(CounterId.BlocksInvalidated, dropped.Count);
        _retired.AddRange(dropped);
        _interpreter.CodeModified = true;
    }

    private void RetireBlocks()
    {
        foreach (var b in _retired)
        {
            AccountExecution(b);
            b.Dispose();
        }
        _retired.Clear();
    }

    private void AccountExecution(InterpBlock b)
    {
        _stats.Add(CounterId.BlocksExecuted, b.ExecCount);
        _stats.Add(CounterId.GuestInsnsExecuted, b.ExecCount * b.InsnCount);
        b.ExecCount = 0;
    }

    private void CollectStatistics()
    {
        foreach (var b in _cache.All) AccountExecution(b);
        foreach (var b in _retired) AccountExecution(b);
        _stats[CounterId.Syscalls] = _kernel.SyscallCount;
        _stats[CounterId.ChainedTransitions] = _interpreter.ChainedTransitions;
        _stats[CounterId.JumpCacheHits] = _interpreter.JumpCacheHits;
    }

}
