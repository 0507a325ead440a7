using System.Runtime.InteropServices;
using Hdbt.Backend;
using Hdbt.Frontend;
using Hdbt.Guest;
using Hdbt.Host;
using Hdbt.Interp;
using Hdbt.Llvm;
using Iced.Intel;

namespace Hdbt.Tests.Llvm;

/// <summary>
/// Runs a guest snippet through the translator and one backend's <see cref="IBackend"/> (no program, no kernel),
/// the way the engine would: translate at EIP, enter, follow exits, invalidate units whose page is written. The
/// lowering tests run the same snippet under interp (the reference) and llvm and compare CPU state and memory.
/// </summary>
internal sealed unsafe class BackendSnippetRunner : IDisposable
{
    public const uint CodeAddress = 0x0800_0000;
    public const uint DataAddress = 0x0900_0000;
    public const uint DataSize = 4 * GuestMemory.PageSize;
    public const uint ReadOnlyAddress = 0x0A00_0000;

    private readonly GuestMemory _memory = new();
    private readonly CpuState* _cpu;
    private readonly IBackend _backend;
    private readonly List<TranslatedUnit> _units = [];

    /// <param name="mode">"interp" or "llvm".</param>
    public BackendSnippetRunner(string mode)
    {
        _cpu = (CpuState*)NativeMemory.AlignedAlloc((nuint)sizeof(CpuState), 16);
        NativeMemory.Clear(_cpu, (nuint)sizeof(CpuState));
        // Writable code, so that snippets can modify themselves.
        _memory.MapAnonymous(CodeAddress, GuestMemory.PageSize, HostKernel.ProtRead | HostKernel.ProtWrite | HostKernel.ProtExec);
        _memory.MapAnonymous(DataAddress, DataSize, HostKernel.ProtRead | HostKernel.ProtWrite);
        _memory.MapAnonymous(ReadOnlyAddress, GuestMemory.PageSize, HostKernel.ProtRead);
        _cpu->Esp = DataAddress + DataSize;
        _cpu->Df = 1;
        _cpu->CcOp = (uint)CcOp.Eflags;
        _cpu->FpControl = 0x037F;
        _cpu->FpTag = 0xFFFF;
        _cpu->Mxcsr = 0x1F80;
        _cpu->MemoryHandle = _memory.Handle;
        _memory.CodeWriteHandler = OnCodeWrite;
        _backend = mode == "llvm"
            ? new LlvmBackend(_cpu, _memory, new LlvmJitOptions(), hotThreshold: 0, linking: true, irLog: null)
            : new InterpBackend(_cpu, _memory, 0);
    }

    public CpuState* Cpu => _cpu;

    public GuestMemory Memory => _memory;

    /// <summary>The guest fault the snippet ended with (signal, pc), if it faulted.</summary>
    public (int Signal, uint Pc, uint? Address)? Fault { get; private set; }

    /// <summary>Assembles the snippet at <see cref="CodeAddress"/> and runs it to its end (or a fault).</summary>
    public void Run(Action<Assembler> build)
    {
        var a = new Assembler(32);
        build(a);
        var stream = new MemoryStream();
        a.Assemble(new StreamCodeWriter(stream), CodeAddress);
        byte[] code = stream.ToArray();
        uint end = CodeAddress + (uint)code.Length;
        _memory.Poke(CodeAddress, [.. code, 0xEB, 0xFE]);
        var translator = new Translator(_memory, new TranslatorOptions());
        _cpu->Eip = CodeAddress;
        try
        {
            while (_cpu->Eip != end)
            {
                var unit = _backend.Translate(translator.Translate(_cpu->Eip))!;
                _units.Add(unit);
                var exit = _backend.Enter(unit);
                if (exit.Kind is ExitKind.Syscall or ExitKind.Unsupported or ExitKind.Hot)
                    throw new InvalidOperationException($"snippet left with {exit.Kind}");
            }
        }
        catch (GuestFaultException e)
        {
            Fault = (e.Signal, e.Pc ?? _cpu->Eip, e.HasAddress ? e.FaultAddress : null);
        }
    }

    private void OnCodeWrite(uint page)
    {
        foreach (var u in _units)
            if (u.Valid && u.GuestPc >> GuestMemory.PageShift <= page && (u.GuestEnd - 1) >> GuestMemory.PageShift >= page)
                _backend.Invalidate(u);
    }

    /// <summary>The CPU state up to (not including) the memory handle, which differs between runners.</summary>
    public byte[] StateBytes() =>
        new ReadOnlySpan<byte>(_cpu, (int)Marshal.OffsetOf<CpuState>(nameof(CpuState.MemoryHandle))).ToArray();

    /// <summary>The data pages' bytes.</summary>
    public byte[] DataBytes() => _memory.Span(DataAddress, DataSize, PageFlags.Read).ToArray();

    public void Dispose()
    {
        _backend.Dispose();
        _memory.Dispose();
        NativeMemory.AlignedFree(_cpu);
    }
}
