using System.Runtime.InteropServices;
using Hdbt.Frontend;
using Hdbt.Guest;
using Hdbt.Interp;
using Hdbt.Linux;
using Iced.Intel;
using Hdbt.Host;

namespace Hdbt.Tests.Frontend;

/// <summary>
/// Runs a few guest instructions through the translator and the interpreter, without a program
/// or a kernel: for behaviour a native run cannot show (instructions this host executes
/// differently) and for checking what the frontend emits.
/// </summary>
internal sealed unsafe class SnippetRunner : IDisposable
{
    public const uint CodeAddress = 0x0800_0000;
    public const uint DataAddress = 0x0900_0000;
    public const uint ReadOnlyAddress = 0x0A00_0000;

    private readonly GuestMemory _memory = new();
    private readonly CpuState* _cpu;

    public SnippetRunner()
    {
        _cpu = (CpuState*)NativeMemory.AllocZeroed((nuint)sizeof(CpuState));
        _memory.MapAnonymous(CodeAddress, GuestMemory.PageSize, HostKernel.ProtRead | HostKernel.ProtExec);
        _memory.MapAnonymous(DataAddress, 4 * GuestMemory.PageSize, HostKernel.ProtRead | HostKernel.ProtWrite);
        _memory.MapAnonymous(ReadOnlyAddress, GuestMemory.PageSize, HostKernel.ProtRead);
        _cpu->Esp = DataAddress + 4 * GuestMemory.PageSize;
        _cpu->Df = 1;
        _cpu->CcOp = (uint)CcOp.Eflags;
    }

    public CpuState* Cpu => _cpu;

    public GuestMemory Memory => _memory;

    /// <summary>Assembles instructions at <see cref="CodeAddress"/> and runs them.</summary>
    public void Run(Action<Assembler> build, bool optimize = true)
    {
        var a = new Assembler(32);
        build(a);
        var stream = new MemoryStream();
        a.Assemble(new StreamCodeWriter(stream), CodeAddress);
        Run(stream.ToArray(), optimize);
    }

    /// <summary>Runs machine code placed at <see cref="CodeAddress"/>, up to its end.</summary>
    public void Run(byte[] code, bool optimize = true)
    {
        // A jump to itself after the code ends the last block at a known pc.
        uint end = CodeAddress + (uint)code.Length;
        _memory.Poke(CodeAddress, [.. code, 0xEB, 0xFE]);
        var translator = new Translator(_memory, new TranslatorOptions { Optimize = optimize, VerifyIr = true });
        var interpreter = new Interpreter(_cpu, _memory);
        _cpu->Eip = CodeAddress;
        while (_cpu->Eip != end)
        {
            using var block = new InterpBlock(translator.Translate(_cpu->Eip), _cpu, hotAt: 0, id: 0);
            interpreter.Run(block);
        }
    }

    public void Dispose()
    {
        _memory.Dispose();
        NativeMemory.Free(_cpu);
    }
}
