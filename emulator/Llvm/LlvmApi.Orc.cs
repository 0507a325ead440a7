namespace Hdbt.Llvm;

// ORC: LLJIT, thread-safe contexts and modules, resource trackers, symbols.
public sealed unsafe partial class LlvmApi
{
    public delegate* unmanaged<LlvmOrcLlJitBuilderRef> OrcCreateLLJITBuilder;
    public delegate* unmanaged<LlvmOrcLlJitBuilderRef, void> OrcDisposeLLJITBuilder;
    /// <summary>Takes ownership of the target machine builder.</summary>
    public delegate* unmanaged<LlvmOrcLlJitBuilderRef, LlvmOrcJitTargetMachineBuilderRef, void> OrcLLJITBuilderSetJITTargetMachineBuilder;
    /// <summary>Takes ownership of the target machine.</summary>
    public delegate* unmanaged<LlvmTargetMachineRef, LlvmOrcJitTargetMachineBuilderRef> OrcJITTargetMachineBuilderCreateFromTargetMachine;
    public delegate* unmanaged<LlvmOrcJitTargetMachineBuilderRef*, LlvmErrorRef> OrcJITTargetMachineBuilderDetectHost;
    public delegate* unmanaged<LlvmOrcJitTargetMachineBuilderRef, void> OrcDisposeJITTargetMachineBuilder;
    /// <summary>Takes ownership of the builder (null: the defaults).</summary>
    public delegate* unmanaged<LlvmOrcLlJitRef*, LlvmOrcLlJitBuilderRef, LlvmErrorRef> OrcCreateLLJIT;
    public delegate* unmanaged<LlvmOrcLlJitRef, LlvmErrorRef> OrcDisposeLLJIT;
    public delegate* unmanaged<LlvmOrcLlJitRef, LlvmOrcJitDylibRef> OrcLLJITGetMainJITDylib;
    /// <summary>Owned by the JIT.</summary>
    public delegate* unmanaged<LlvmOrcLlJitRef, nint> OrcLLJITGetTripleString;
    /// <summary>Owned by the JIT.</summary>
    public delegate* unmanaged<LlvmOrcLlJitRef, nint> OrcLLJITGetDataLayoutStr;
    public delegate* unmanaged<LlvmOrcLlJitRef, byte> OrcLLJITGetGlobalPrefix;
    /// <summary>Returns a retained entry.</summary>
    public delegate* unmanaged<LlvmOrcLlJitRef, byte*, LlvmOrcSymbolStringPoolEntryRef> OrcLLJITMangleAndIntern;
    public delegate* unmanaged<LlvmOrcSymbolStringPoolEntryRef, void> OrcReleaseSymbolStringPoolEntry;
    /// <summary>Consumes the thread-safe module, success or not.</summary>
    public delegate* unmanaged<LlvmOrcLlJitRef, LlvmOrcResourceTrackerRef, LlvmOrcThreadSafeModuleRef, LlvmErrorRef> OrcLLJITAddLLVMIRModuleWithRT;
    /// <summary>Materializes (compiles) what the name needs; LLJIT compiles lazily, so this is where code generation happens.</summary>
    public delegate* unmanaged<LlvmOrcLlJitRef, ulong*, byte*, LlvmErrorRef> OrcLLJITLookup;
    public delegate* unmanaged<LlvmOrcJitDylibRef, LlvmOrcResourceTrackerRef> OrcJITDylibCreateResourceTracker;
    public delegate* unmanaged<LlvmOrcResourceTrackerRef, LlvmErrorRef> OrcResourceTrackerRemove;
    public delegate* unmanaged<LlvmOrcResourceTrackerRef, void> OrcReleaseResourceTracker;
    /// <summary>Takes ownership of the names (retained entries).</summary>
    public delegate* unmanaged<LlvmOrcSymbolMapPair*, nuint, LlvmOrcMaterializationUnitRef> OrcAbsoluteSymbols;
    /// <summary>Takes ownership of the unit when it succeeds.</summary>
    public delegate* unmanaged<LlvmOrcJitDylibRef, LlvmOrcMaterializationUnitRef, LlvmErrorRef> OrcJITDylibDefine;
    public delegate* unmanaged<LlvmOrcMaterializationUnitRef, void> OrcDisposeMaterializationUnit;
    public delegate* unmanaged<LlvmOrcDefinitionGeneratorRef*, byte, nint, nint, LlvmErrorRef> OrcCreateDynamicLibrarySearchGeneratorForProcess;
    /// <summary>Takes ownership of the generator.</summary>
    public delegate* unmanaged<LlvmOrcJitDylibRef, LlvmOrcDefinitionGeneratorRef, void> OrcJITDylibAddGenerator;
    public delegate* unmanaged<LlvmOrcThreadSafeContextRef> OrcCreateNewThreadSafeContext;
    /// <summary>Optional: 15–20 (build the module in this context).</summary>
    public delegate* unmanaged<LlvmOrcThreadSafeContextRef, LlvmContextRef> OrcThreadSafeContextGetContext;
    /// <summary>Optional: 21 on (build the module in a plain context, then wrap it; takes ownership of the context).</summary>
    public delegate* unmanaged<LlvmContextRef, LlvmOrcThreadSafeContextRef> OrcCreateNewThreadSafeContextFromLLVMContext;
    public delegate* unmanaged<LlvmOrcThreadSafeContextRef, void> OrcDisposeThreadSafeContext;
    /// <summary>Takes ownership of the module; the context may be disposed after.</summary>
    public delegate* unmanaged<LlvmModuleRef, LlvmOrcThreadSafeContextRef, LlvmOrcThreadSafeModuleRef> OrcCreateNewThreadSafeModule;
    public delegate* unmanaged<LlvmOrcThreadSafeModuleRef, void> OrcDisposeThreadSafeModule;

    private void BindOrc()
    {
        OrcCreateLLJITBuilder = (delegate* unmanaged<LlvmOrcLlJitBuilderRef>)Required("LLVMOrcCreateLLJITBuilder");
        OrcDisposeLLJITBuilder = (delegate* unmanaged<LlvmOrcLlJitBuilderRef, void>)Required("LLVMOrcDisposeLLJITBuilder");
        OrcLLJITBuilderSetJITTargetMachineBuilder = (delegate* unmanaged<LlvmOrcLlJitBuilderRef, LlvmOrcJitTargetMachineBuilderRef, void>)Required("LLVMOrcLLJITBuilderSetJITTargetMachineBuilder");
        OrcJITTargetMachineBuilderCreateFromTargetMachine = (delegate* unmanaged<LlvmTargetMachineRef, LlvmOrcJitTargetMachineBuilderRef>)Required("LLVMOrcJITTargetMachineBuilderCreateFromTargetMachine");
        OrcJITTargetMachineBuilderDetectHost = (delegate* unmanaged<LlvmOrcJitTargetMachineBuilderRef*, LlvmErrorRef>)Required("LLVMOrcJITTargetMachineBuilderDetectHost");
        OrcDisposeJITTargetMachineBuilder = (delegate* unmanaged<LlvmOrcJitTargetMachineBuilderRef, void>)Required("LLVMOrcDisposeJITTargetMachineBuilder");
        OrcCreateLLJIT = (delegate* unmanaged<LlvmOrcLlJitRef*, LlvmOrcLlJitBuilderRef, LlvmErrorRef>)Required("LLVMOrcCreateLLJIT");
        OrcDisposeLLJIT = (delegate* unmanaged<LlvmOrcLlJitRef, LlvmErrorRef>)Required("LLVMOrcDisposeLLJIT");
        OrcLLJITGetMainJITDylib = (delegate* unmanaged<LlvmOrcLlJitRef, LlvmOrcJitDylibRef>)Required("LLVMOrcLLJITGetMainJITDylib");
        OrcLLJITGetTripleString = (delegate* unmanaged<LlvmOrcLlJitRef, nint>)Required("LLVMOrcLLJITGetTripleString");
        OrcLLJITGetDataLayoutStr = (delegate* unmanaged<LlvmOrcLlJitRef, nint>)Required("LLVMOrcLLJITGetDataLayoutStr");
        OrcLLJITGetGlobalPrefix = (delegate* unmanaged<LlvmOrcLlJitRef, byte>)Required("LLVMOrcLLJITGetGlobalPrefix");
        OrcLLJITMangleAndIntern = (delegate* unmanaged<LlvmOrcLlJitRef, byte*, LlvmOrcSymbolStringPoolEntryRef>)Required("LLVMOrcLLJITMangleAndIntern");
        OrcReleaseSymbolStringPoolEntry = (delegate* unmanaged<LlvmOrcSymbolStringPoolEntryRef, void>)Required("LLVMOrcReleaseSymbolStringPoolEntry");
        OrcLLJITAddLLVMIRModuleWithRT = (delegate* unmanaged<LlvmOrcLlJitRef, LlvmOrcResourceTrackerRef, LlvmOrcThreadSafeModuleRef, LlvmErrorRef>)Required("LLVMOrcLLJITAddLLVMIRModuleWithRT");
        OrcLLJITLookup = (delegate* unmanaged<LlvmOrcLlJitRef, ulong*, byte*, LlvmErrorRef>)Required("LLVMOrcLLJITLookup");
        OrcJITDylibCreateResourceTracker = (delegate* unmanaged<LlvmOrcJitDylibRef, LlvmOrcResourceTrackerRef>)Required("LLVMOrcJITDylibCreateResourceTracker");
        OrcResourceTrackerRemove = (delegate* unmanaged<LlvmOrcResourceTrackerRef, LlvmErrorRef>)Required("LLVMOrcResourceTrackerRemove");
        OrcReleaseResourceTracker = (delegate* unmanaged<LlvmOrcResourceTrackerRef, void>)Required("LLVMOrcReleaseResourceTracker");
        OrcAbsoluteSymbols = (delegate* unmanaged<LlvmOrcSymbolMapPair*, nuint, LlvmOrcMaterializationUnitRef>)Required("LLVMOrcAbsoluteSymbols");
        OrcJITDylibDefine = (delegate* unmanaged<LlvmOrcJitDylibRef, LlvmOrcMaterializationUnitRef, LlvmErrorRef>)Required("LLVMOrcJITDylibDefine");
        OrcDisposeMaterializationUnit = (delegate* unmanaged<LlvmOrcMaterializationUnitRef, void>)Required("LLVMOrcDisposeMaterializationUnit");
        OrcCreateDynamicLibrarySearchGeneratorForProcess = (delegate* unmanaged<LlvmOrcDefinitionGeneratorRef*, byte, nint, nint, LlvmErrorRef>)Required("LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess");
        OrcJITDylibAddGenerator = (delegate* unmanaged<LlvmOrcJitDylibRef, LlvmOrcDefinitionGeneratorRef, void>)Required("LLVMOrcJITDylibAddGenerator");
        OrcCreateNewThreadSafeContext = (delegate* unmanaged<LlvmOrcThreadSafeContextRef>)Required("LLVMOrcCreateNewThreadSafeContext");
        OrcThreadSafeContextGetContext = (delegate* unmanaged<LlvmOrcThreadSafeContextRef, LlvmContextRef>)Optional("LLVMOrcThreadSafeContextGetContext");
        OrcCreateNewThreadSafeContextFromLLVMContext = (delegate* unmanaged<LlvmContextRef, LlvmOrcThreadSafeContextRef>)Optional("LLVMOrcCreateNewThreadSafeContextFromLLVMContext");
        OrcDisposeThreadSafeContext = (delegate* unmanaged<LlvmOrcThreadSafeContextRef, void>)Required("LLVMOrcDisposeThreadSafeContext");
        OrcCreateNewThreadSafeModule = (delegate* unmanaged<LlvmModuleRef, LlvmOrcThreadSafeContextRef, LlvmOrcThreadSafeModuleRef>)Required("LLVMOrcCreateNewThreadSafeModule");
        OrcDisposeThreadSafeModule = (delegate* unmanaged<LlvmOrcThreadSafeModuleRef, void>)Required("LLVMOrcDisposeThreadSafeModule");
    }

    /// <summary>Whether modules are built in a plain context wrapped afterwards (21 on) rather than in the context of a thread-safe context (15–20).</summary>
    public bool WrapsContextAfterBuilding => OrcCreateNewThreadSafeContextFromLLVMContext != null;
}
