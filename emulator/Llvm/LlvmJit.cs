using System.Diagnostics;

namespace Hdbt.Llvm;

/// <summary>
/// One ORC LLJIT for this host: modules go in (<see cref="Compile(LlvmModuleUnit, string, Action{string, string})"/>: verify, optimise
/// with <see cref="LlvmJitOptions.Pipeline"/>, add with a resource tracker of their own, look the entry symbol
/// up, which generates the code), code objects come out (<see cref="LlvmCode"/>) and can be removed again.
/// C# callbacks are reachable by name through <see cref="DefineAbsolute"/>; C library functions that LLVM's
/// code generator calls (memcpy, fmod, ...) resolve from the process.
/// </summary>
/// <remarks>
/// <para>Threading: one LLJIT used by two threads at once crashes (measured on 15 and 22), so adding,
/// looking up, removing and defining run under one lock. Building a module and running its passes happen
/// outside it, so two threads compiling at once overlap in everything but code generation. The pass
/// pipeline's target machine is one per thread, because a target machine caches subtargets without a lock.</para>
/// <para>Time is counted per step in <see cref="Stopwatch"/> ticks, summed over all threads:
/// <see cref="VerifyTicks"/>, <see cref="OptimizeTicks"/> (the IR pipeline), <see cref="CodegenTicks"/> (add and
/// lookup: instruction selection, register allocation, emission and linking).</para>
/// </remarks>
public sealed unsafe class LlvmJit : IDisposable
{
    private readonly LlvmApi _api;
    private readonly Lock _lock = new();
    private readonly ThreadLocal<LlvmTargetMachineRef> _passMachines;
    private LlvmOrcLlJitRef _jit;
    private readonly LlvmOrcJitDylibRef _main;
    private long _verifyTicks, _optimizeTicks, _codegenTicks, _units;

    /// <summary>A JIT on <paramref name="library"/> (default: <see cref="LlvmLibrary.Shared"/>, which throws <see cref="LlvmUnavailableException"/> when there is none).</summary>
    public LlvmJit(LlvmJitOptions? options = null, LlvmLibrary? library = null)
    {
        Library = library ?? LlvmLibrary.Shared;
        _api = Library.Api;
        Options = options ?? new LlvmJitOptions();
        var level = Options.CodeGen;
        _passMachines = new ThreadLocal<LlvmTargetMachineRef>(() => _api.CreateHostTargetMachine(level), trackAllValues: true);

        // The JIT's code generator runs at the chosen level only if it is given a target machine made at that
        // level (the builder's default detects the host at Default).
        var jtmb = _api.OrcJITTargetMachineBuilderCreateFromTargetMachine(_api.CreateHostTargetMachine(level));
        var builder = _api.OrcCreateLLJITBuilder();
        _api.OrcLLJITBuilderSetJITTargetMachineBuilder(builder, jtmb);
        LlvmOrcLlJitRef jit;
        _api.Check(_api.OrcCreateLLJIT(&jit, builder), "LLVM could not create an LLJIT");
        _jit = jit;
        _main = _api.OrcLLJITGetMainJITDylib(jit);
        Triple = LlvmApi.PeekString(_api.OrcLLJITGetTripleString(jit));
        DataLayout = LlvmApi.PeekString(_api.OrcLLJITGetDataLayoutStr(jit));

        LlvmOrcDefinitionGeneratorRef generator;
        var error = _api.OrcCreateDynamicLibrarySearchGeneratorForProcess(&generator, _api.OrcLLJITGetGlobalPrefix(jit), 0, 0);
        if (!error.IsNull)
        {
            Dispose();
            _api.Check(error, "LLVM could not make the process symbol generator");
        }
        _api.OrcJITDylibAddGenerator(_main, generator);
    }

    /// <summary>The libLLVM in use.</summary>
    public LlvmLibrary Library { get; }

    /// <summary>The bound C API (the lowering builds IR with it).</summary>
    public LlvmApi Api => _api;

    /// <summary>How this JIT compiles.</summary>
    public LlvmJitOptions Options { get; }

    /// <summary>The JIT's target triple (set on every module it makes).</summary>
    public string Triple { get; }

    /// <summary>The JIT's data layout (set on every module it makes).</summary>
    public string DataLayout { get; }

    /// <summary>Modules compiled.</summary>
    public long Units => Interlocked.Read(ref _units);

    /// <summary>Stopwatch ticks spent in the verifier.</summary>
    public long VerifyTicks => Interlocked.Read(ref _verifyTicks);

    /// <summary>Stopwatch ticks spent in the IR pass pipeline.</summary>
    public long OptimizeTicks => Interlocked.Read(ref _optimizeTicks);

    /// <summary>Stopwatch ticks spent adding modules and looking them up (code generation and linking).</summary>
    public long CodegenTicks => Interlocked.Read(ref _codegenTicks);

    /// <summary>Seconds in <paramref name="ticks"/> Stopwatch ticks.</summary>
    public static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;

    /// <summary>An empty module with this JIT's triple and data layout, to build a function in.</summary>
    public LlvmModuleUnit CreateModule(string name)
    {
        ObjectDisposedException.ThrowIf(_jit.IsNull, this);
        return new LlvmModuleUnit(_api, name, Triple, DataLayout);
    }

    /// <summary>Builds a module with <paramref name="build"/> and compiles it (see <see cref="Compile(LlvmModuleUnit, string, Action{string, string})"/>).</summary>
    public LlvmCode Compile(string moduleName, string symbol, Action<LlvmModuleUnit> build)
    {
        using var unit = CreateModule(moduleName);
        build(unit);
        return Compile(unit, symbol);
    }

    /// <summary>
    /// Verifies (if <see cref="LlvmJitOptions.Verify"/>), optimises and JITs <paramref name="unit"/>, and returns
    /// the address of <paramref name="symbol"/>. The unit is consumed, success or not. Throws
    /// <see cref="LlvmException"/> with the verifier's or LLVM's message when it fails. <paramref name="printOptimized"/>,
    /// if given, gets the symbol and the module's text after the passes (<c>-d llvm_ir</c>).
    /// </summary>
    public LlvmCode Compile(LlvmModuleUnit unit, string symbol, Action<string, string>? printOptimized = null)
    {
        ObjectDisposedException.ThrowIf(_jit.IsNull, this);
        if (unit.Consumed) throw new InvalidOperationException("this module was compiled or disposed already");
        try
        {
            long t0 = Stopwatch.GetTimestamp();
            if (Options.Verify && _api.Verify(unit.Module) is { } problem)
                throw new LlvmException($"LLVM verifier rejected module for {symbol}: {problem}");
            long t1 = Stopwatch.GetTimestamp();
            _api.RunPipeline(unit.Module, Options.Pipeline, _passMachines.Value);
            long t2 = Stopwatch.GetTimestamp();
            Interlocked.Add(ref _verifyTicks, t1 - t0);
            Interlocked.Add(ref _optimizeTicks, t2 - t1);
            printOptimized?.Invoke(symbol, _api.PrintModule(unit.Module));

            var tsm = unit.TakeThreadSafeModule();
            using var name = new LlvmApi.Utf8Z(symbol, stackalloc byte[128]);
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_jit.IsNull, this);
                long t3 = Stopwatch.GetTimestamp();
                var tracker = _api.OrcJITDylibCreateResourceTracker(_main);
                var error = _api.OrcLLJITAddLLVMIRModuleWithRT(_jit, tracker, tsm);
                ulong address = 0;
                if (error.IsNull) error = _api.OrcLLJITLookup(_jit, &address, name.Pointer);
                Interlocked.Add(ref _codegenTicks, Stopwatch.GetTimestamp() - t3);
                if (!error.IsNull)
                {
                    string message = _api.TakeErrorMessage(error);
                    RemoveTracker(tracker);
                    throw new LlvmException($"LLVM could not compile {symbol}: {message}");
                }
                Interlocked.Increment(ref _units);
                return new LlvmCode(symbol, (nint)address, tracker);
            }
        }
        finally
        {
            unit.Dispose();
        }
    }

    /// <summary>Frees <paramref name="code"/>'s machine code and symbols; its names can be defined again. A second call does nothing.</summary>
    public void Remove(LlvmCode code)
    {
        lock (_lock)
        {
            if (code.Removed || _jit.IsNull) return;
            var tracker = code.Tracker;
            code.Tracker = default;
            RemoveTracker(tracker);
        }
    }

    private void RemoveTracker(LlvmOrcResourceTrackerRef tracker)
    {
        var error = _api.OrcResourceTrackerRemove(tracker);
        _api.OrcReleaseResourceTracker(tracker);
        _api.Check(error, "LLVM could not remove code");
    }

    /// <summary>
    /// Defines <paramref name="name"/> at <paramref name="address"/> (an exported, callable absolute symbol): how
    /// JIT code calls a C# <c>[UnmanagedCallersOnly]</c> function declared in its module by that name. A name
    /// can be defined once per JIT.
    /// </summary>
    public void DefineAbsolute(string name, nint address)
    {
        using var n = new LlvmApi.Utf8Z(name, stackalloc byte[128]);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_jit.IsNull, this);
            var pair = new LlvmOrcSymbolMapPair
            {
                Name = _api.OrcLLJITMangleAndIntern(_jit, n.Pointer),
                Address = (ulong)address,
                Flags = new LlvmJitSymbolFlags { GenericFlags = LlvmJitSymbolFlags.Exported | LlvmJitSymbolFlags.Callable },
            };
            var unit = _api.OrcAbsoluteSymbols(&pair, 1);
            var error = _api.OrcJITDylibDefine(_main, unit);
            if (!error.IsNull)
            {
                _api.OrcDisposeMaterializationUnit(unit);
                _api.Check(error, $"LLVM could not define {name}");
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (!_jit.IsNull)
            {
                var error = _api.OrcDisposeLLJIT(_jit);
                _jit = default;
                if (!error.IsNull) _api.ConsumeError(error);
            }
            foreach (var tm in _passMachines.Values) _api.DisposeTargetMachine(tm);
            _passMachines.Dispose();
        }
    }
}
