using Hdbt.Backend;
using Hdbt.Frontend;
using Hdbt.Guest;
using Hdbt.Interp;
using Hdbt.Ir;

namespace Hdbt.Engine;

/// <summary>
/// Forms a trace the way Hybrid QEMU's NET does: from a hot block (the head), follow the next executing
/// tail, recording each block until execution returns to the head (a loop), reaches a block that heads a
/// trace already or one that makes a system call (or cannot be run: an unsupported instruction, a raise),
/// or the trace has <see cref="EmulatorOptions.TraceLength"/> blocks. The path is really executed, one block at
/// a time, by an interpreter of its own (so that every block boundary is seen whatever the backend links),
/// and stitched into one IR by <see cref="TraceBuilder"/>.
/// </summary>
/// <remarks>
/// A guest fault while recording is the guest's (it leaves as usual). A write into the code of the block
/// being recorded stops it at the next instruction, as in the interp backend, and drops the trace: the code
/// the path was recorded from changed.
/// </remarks>
public sealed unsafe class TraceRecorder
{
    private readonly CpuState* _cpu;
    private readonly Translator _translator;
    private readonly Interpreter _interpreter;
    private readonly TraceBuilder _builder = new();
    private readonly int _maxBlocks;
    private readonly bool _verify;
    private InterpBlock? _running;
    // Set when a guest write reaches the code of a block already recorded (or being run): the path is stale.
    private bool _pathWritten;

    /// <param name="cpu">The guest's CpuState.</param>
    /// <param name="memory">The guest's memory.</param>
    /// <param name="translatorOptions">How blocks are translated (the engine's options: the recorder has a translator of its
    /// own, so that the engine's debug log, which follows the blocks the engine translates, sees none of the recorder's).</param>
    /// <param name="maxBlocks">The predict threshold: at most this many blocks per trace.</param>
    /// <param name="verify">Whether the trace's IR is checked by <see cref="IrVerifier"/> as stitched and after each optimizer pass.</param>
    public TraceRecorder(CpuState* cpu, GuestMemory memory, TranslatorOptions translatorOptions, int maxBlocks, bool verify)
    {
        if (maxBlocks < 1) throw new ArgumentOutOfRangeException(nameof(maxBlocks), maxBlocks, "a trace has at least one block");
        _cpu = cpu;
        _translator = new Translator(memory, translatorOptions);
        _interpreter = new Interpreter(cpu, memory);
        _maxBlocks = maxBlocks;
        _verify = verify;
    }

    /// <summary>Why the last recording ended (for the statistics and <c>-d trace</c>).</summary>
    public TraceEnd LastEnd { get; private set; }

    /// <summary>Inline indirect-branch checks in the last trace.</summary>
    public int LastIndirectChecks => _builder.IndirectChecks;

    /// <summary>Ways out of the last trace.</summary>
    public int LastExits => _builder.Exits;

    /// <summary>The last trace's blocks in path order.</summary>
    public IReadOnlyList<(uint Start, uint End, int Insns)> LastPath => _builder.Path;

    /// <summary>
    /// Records from <paramref name="head"/> (EIP is its pc) and returns the trace's optimized IR, valid until the
    /// next call; null when no trace came of it (the head itself ends in a system call, or code changed). EIP is
    /// where execution goes on afterwards.
    /// </summary>
    /// <param name="head">The hot block.</param>
    /// <param name="headsTrace">Whether a pc heads a trace already (the recording stops before it).</param>
    public IrBlock? Record(TranslatedUnit head, Func<uint, bool> headsTrace)
    {
        uint headPc = head.GuestPc;
        _builder.Begin(headPc);
        _pathWritten = false;
        uint pc = headPc;
        while (true)
        {
            IrBlock ir = _translator.Translate(pc);
            if (EndsOutsideTraces(ir)) { LastEnd = TraceEnd.SystemCall; break; }
            using (var block = new InterpBlock(ir, _cpu, hotAt: 0, id: -1))
            {
                _running = block;
                UnitExit exit;
                try { exit = _interpreter.Run(block); }
                finally { _running = null; }
                if (exit.Kind == ExitKind.CodeModified) { LastEnd = TraceEnd.CodeModified; return null; }
            }
            uint next = _cpu->Eip;
            _builder.Append(ir, next);
            // This block wrote into the code of one recorded before it (or into its own): that code is not what ran.
            if (_pathWritten) { LastEnd = TraceEnd.CodeModified; return null; }
            if (next == headPc) { LastEnd = TraceEnd.Loop; break; }
            if (headsTrace(next)) { LastEnd = TraceEnd.TraceHead; break; }
            if (_builder.BlockCount == _maxBlocks) { LastEnd = TraceEnd.Length; break; }
            pc = next;
        }
        if (_builder.BlockCount == 0) return null;
        IrBlock trace = _builder.Finish();
        if (_verify) IrVerifier.Verify(trace, "trace");
        Optimizer.Run(trace, _builder.Builder, _verify);
        return trace;
    }

    /// <summary>
    /// A guest write reached <paramref name="page"/>: if the block being recorded came from it, it stops at its next
    /// instruction; if any block of the path so far did, the trace is dropped (it would hold their old code, and it is
    /// not in the page index yet to be dropped later).
    /// </summary>
    public void OnCodeWrite(uint page)
    {
        if (_running is not { } block) return;
        foreach (var (start, end, _) in _builder.Path)
            if (start >> GuestMemory.PageShift <= page && (end - 1) >> GuestMemory.PageShift >= page) _pathWritten = true;
        if (block.GuestPc >> GuestMemory.PageShift > page || (block.GuestEnd - 1) >> GuestMemory.PageShift < page) return;
        _pathWritten = true;
        block.Valid = false;
        _interpreter.CodeModified = true;
    }

    /// <summary>Whether a block leaves in a way a trace does not follow: a system call, an unsupported instruction, a raised signal.</summary>
    private static bool EndsOutsideTraces(IrBlock ir)
    {
        foreach (var op in ir.Ops)
            if (op.Code is Opcode.ExitSyscall or Opcode.ExitUnsupported or Opcode.Raise) return true;
        return false;
    }
}
