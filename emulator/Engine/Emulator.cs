using System.Diagnostics;
using System.Runtime.InteropServices;
using Hdbt.Backend;
using Hdbt.Guest;
using Hdbt.Interp;
using Hdbt.Llvm;
using Hdbt.Tcg;
using Hdbt.Linux;
using Hdbt.Loader;
using Hdbt.Profiling;
using Hdbt.Helpers;

namespace Hdbt.Engine;

/// <summary>One guest process: its memory, CPU state and kernel; loads the program and runs it to the end.</summary>
public sealed unsafe class Emulator : IDisposable
{
    private readonly GuestMemory _memory = new();
    private readonly CpuState* _cpu;
    private readonly EmulatorOptions _options;

    public Emulator(EmulatorOptions options)
    {
        _options = options;
        _cpu = (CpuState*)NativeMemory.AllocZeroed((nuint)sizeof(CpuState));
    }

    public Statistics Statistics { get; } = new();

    public GuestMemory Memory => _memory;

    public CpuState* Cpu => _cpu;

    /// <summary>Called for each unit that reaches the profile threshold (see <see cref="Dispatcher.HotHook"/>).</summary>
    public Action<TranslatedUnit>? HotHook { get; set; }

    /// <summary>Loads the program and runs it; guest exits and signals become a <see cref="RunResult"/>.</summary>
    public RunResult Run(ElfFile elf, string exePath, IReadOnlyList<string> argv, IReadOnlyList<string> envp)
    {
        _memory.HostProtection = DirectStores;
        var image = ElfLoader.Load(elf, _memory, argv, envp, argv.Count > 0 ? argv[0] : exePath);
        InitCpu(image);
        var kernel = new LinuxKernel(_memory, _cpu, new KernelOptions
        {
            Strace = _options.Strace ? _options.Log : null,
            Warnings = _options.Log,
            ExePath = Path.GetFullPath(exePath),
        })
        {
            BrkStart = image.Brk,
            Brk = image.Brk,
            MmapTop = image.StackBottom - 0x0100_0000,
        };
        Statistics[CounterId.StartupTime] = ProcessStartClock.StopwatchTicksSinceStart();
        long start = Stopwatch.GetTimestamp();
        IBackend? backend = null;
        try
        {
            backend = CreateBackend();
            new Dispatcher(_cpu, _memory, kernel, _options, Statistics, backend) { HotHook = HotHook }.Run();
            throw new InvalidOperationException("dispatcher returned");
        }
        catch (GuestExitException e)
        {
            return new RunResult(e.Status, e.Signal, e.Signal != 0 ? _cpu->Eip : null, null, null);
        }
        catch (GuestFaultException e)
        {
            return new RunResult(0, e.Signal, e.Pc ?? _cpu->Eip, e.HasAddress ? e.FaultAddress : null, e.Message);
        }
        finally
        {
            Statistics[CounterId.ExecutionTime] = Stopwatch.GetTimestamp() - start;
            backend?.Dispose();
        }
    }

    /// <summary>Whether generated code stores straight to guest memory, under host page protection (tcg's blocks, alone or in a hybrid, with the host fault handler).</summary>
    private bool DirectStores => _options.Mode is ExecutionMode.Tcg or ExecutionMode.Hybrids or ExecutionMode.Hybridm && _options.HostFaults && _options.DirectStores;

    /// <summary>The backend that translates blocks in this run's mode (the engine itself is the same in every mode).</summary>
    private IBackend CreateBackend() => _options.Mode switch
    {
        ExecutionMode.Interp => new InterpBackend(_cpu, _memory, _options.Threshold),
        ExecutionMode.Tcg => CreateTcg(),
        ExecutionMode.Llvm => CreateLlvm(),
        // Hybrid QEMU: TCG code for every block, LLVM for the traces hot blocks head (on the guest thread, or on workers).
        ExecutionMode.Hybrids or ExecutionMode.Hybridm => CreateHybrid(),
        _ => throw new InvalidOperationException($"mode {_options.Mode} is not built"),
    };

    private TcgBackend CreateTcg() => new(_cpu, _memory, _options.CodeCacheSize, _options.Linking, _options.HostFaults, DirectStores,
        (ulong)_options.Threshold, _options.CountEntries);

    private LlvmBackend CreateLlvm() => new(_cpu, _memory, new LlvmJitOptions { Opt = _options.LlvmOpt, CodeGen = _options.LlvmCodeGen },
        _options.Threshold, _options.Linking, (_options.Debug & DebugMask.LlvmIr) != 0 ? _options.Log : null);

    /// <summary>tcg for blocks and llvm for traces; the LLVM backend first, so that a missing libLLVM fails before tcg installs its fault handler.</summary>
    private HybridBackend CreateHybrid()
    {
        var llvm = CreateLlvm();
        return new HybridBackend(CreateTcg(), llvm);
    }

    private void InitCpu(LoadedImage image)
    {
        _cpu->Esp = image.StackPointer;
        _cpu->Eip = image.Entry;
        _cpu->Df = 1;
        _cpu->CcOp = (uint)CcOp.Eflags;
        _cpu->Selectors[1] = SegmentSelectors.UserCs;
        _cpu->Selectors[0] = _cpu->Selectors[2] = _cpu->Selectors[3] = SegmentSelectors.UserDs;
        // What Linux gives a new process (the FNINIT state and the default MXCSR).
        _cpu->FpControl = 0x037F;
        _cpu->FpTag = 0xFFFF;
        _cpu->Mxcsr = 0x1F80;
        _cpu->MemoryHandle = _memory.Handle;
    }

    public void Dispose()
    {
        _memory.Dispose();
        NativeMemory.Free(_cpu);
    }
}
