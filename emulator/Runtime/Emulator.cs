using System.Diagnostics;
using System.Runtime.InteropServices;
using Hdbt.Guest;
using Hdbt.Linux;
using Hdbt.Loader;
using Hdbt.Profiling;
using Hdbt.Helpers;

namespace Hdbt.Runtime;

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

    /// <summary>Loads the program and runs it; guest exits and signals become a <see cref="RunResult"/>.</summary>
    public RunResult Run(ElfFile elf, string exePath, IReadOnlyList<string> argv, IReadOnlyList<string> envp)
    {
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
        TcgDispatcher? tcg = null;
        try
        {
            if (_options.Mode == ExecutionMode.Tcg)
            {
                tcg = new TcgDispatcher(_cpu, _memory, kernel, _options, Statistics);
                tcg.Run();
            }
            else new Dispatcher(_cpu, _memory, kernel, _options, Statistics).Run();
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
            tcg?.Dispose();
        }
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
