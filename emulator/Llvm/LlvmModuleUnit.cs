namespace Hdbt.Llvm;

/// <summary>
/// A module being built for an <see cref="LlvmJit"/>, with the context it lives in. Made by
/// <see cref="LlvmJit.CreateModule"/> with the JIT's triple and data layout already set; consumed by
/// <see cref="LlvmJit.Compile(LlvmModuleUnit, string, Action{string, string})"/>; disposing one that was not compiled frees it.
/// </summary>
/// <remarks>
/// One thread builds a unit; different units may be built on different threads at once (each has its own
/// context). Versions differ in how the context is made (<see cref="LlvmApi.WrapsContextAfterBuilding"/>):
/// on 15–20 the context belongs to a thread-safe context made first; from 21 it is a plain context that the
/// thread-safe context takes over at compile time.
/// </remarks>
public sealed unsafe class LlvmModuleUnit : IDisposable
{
    private readonly LlvmApi _api;

    internal LlvmModuleUnit(LlvmApi api, string name, string triple, string dataLayout)
    {
        _api = api;
        if (api.WrapsContextAfterBuilding) Context = api.CreateContext();
        else
        {
            ThreadSafeContext = api.OrcCreateNewThreadSafeContext();
            Context = api.OrcThreadSafeContextGetContext(ThreadSafeContext);
        }
        Module = api.CreateModule(Context, name);
        api.SetTargetAndLayout(Module, triple, dataLayout);
        Builder = api.CreateBuilderInContext(Context);
    }

    /// <summary>The context types and constants of this module come from.</summary>
    public LlvmContextRef Context { get; }

    /// <summary>The module.</summary>
    public LlvmModuleRef Module { get; private set; }

    /// <summary>A builder in <see cref="Context"/>, disposed with the unit.</summary>
    public LlvmBuilderRef Builder { get; private set; }

    /// <summary>The thread-safe context on 15–20 (made before the module); null from 21 until compile time.</summary>
    internal LlvmOrcThreadSafeContextRef ThreadSafeContext { get; private set; }

    /// <summary>Whether the module was handed to the JIT (or freed).</summary>
    public bool Consumed => Module.IsNull;

    /// <summary>Hands the module over as a thread-safe module (the JIT takes it); the unit keeps nothing.</summary>
    internal LlvmOrcThreadSafeModuleRef TakeThreadSafeModule()
    {
        DisposeBuilder();
        var tsc = ThreadSafeContext.IsNull ? _api.OrcCreateNewThreadSafeContextFromLLVMContext(Context) : ThreadSafeContext;
        var tsm = _api.OrcCreateNewThreadSafeModule(Module, tsc);
        // The thread-safe module holds its own reference to the context: ours can go now.
        _api.OrcDisposeThreadSafeContext(tsc);
        ThreadSafeContext = default;
        Module = default;
        return tsm;
    }

    private void DisposeBuilder()
    {
        if (Builder.IsNull) return;
        _api.DisposeBuilder(Builder);
        Builder = default;
    }

    public void Dispose()
    {
        DisposeBuilder();
        if (Module.IsNull) return;
        _api.DisposeModule(Module);
        Module = default;
        if (!ThreadSafeContext.IsNull) _api.OrcDisposeThreadSafeContext(ThreadSafeContext);
        else _api.ContextDispose(Context);
        ThreadSafeContext = default;
    }
}
