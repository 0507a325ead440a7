namespace Hdbt.Llvm;

// Targets, target machines, the new pass manager, errors.
public sealed unsafe partial class LlvmApi
{
    /// <summary>LLVMInitializeNativeTarget is a header inline, not an export: the four X86 initializers instead.</summary>
    public delegate* unmanaged<void> InitializeX86TargetInfo;
    public delegate* unmanaged<void> InitializeX86Target;
    public delegate* unmanaged<void> InitializeX86TargetMC;
    public delegate* unmanaged<void> InitializeX86AsmPrinter;
    /// <summary>Owned string.</summary>
    public delegate* unmanaged<nint> GetDefaultTargetTriple;
    /// <summary>Owned string ("generic" on 15 and 16 for CPUs newer than they know).</summary>
    public delegate* unmanaged<nint> GetHostCPUName;
    /// <summary>Owned string, "+sse2,+avx,..."; passed to the target machine on every version.</summary>
    public delegate* unmanaged<nint> GetHostCPUFeatures;
    public delegate* unmanaged<byte*, LlvmTargetRef*, nint*, int> GetTargetFromTriple;
    public delegate* unmanaged<LlvmTargetRef, byte*, byte*, byte*, LlvmCodeGenLevel, int, int, LlvmTargetMachineRef> CreateTargetMachine;
    public delegate* unmanaged<LlvmTargetMachineRef, void> DisposeTargetMachine;
    public delegate* unmanaged<LlvmTargetMachineRef, LlvmTargetDataRef> CreateTargetDataLayout;
    public delegate* unmanaged<LlvmTargetDataRef, nint> CopyStringRepOfTargetData;
    public delegate* unmanaged<LlvmTargetDataRef, void> DisposeTargetData;
    public delegate* unmanaged<LlvmPassBuilderOptionsRef> CreatePassBuilderOptions;
    public delegate* unmanaged<LlvmPassBuilderOptionsRef, void> DisposePassBuilderOptions;
    public delegate* unmanaged<LlvmPassBuilderOptionsRef, int, void> PassBuilderOptionsSetVerifyEach;
    public delegate* unmanaged<LlvmPassBuilderOptionsRef, int, void> PassBuilderOptionsSetDebugLogging;
    public delegate* unmanaged<LlvmPassBuilderOptionsRef, int, void> PassBuilderOptionsSetLoopVectorization;
    public delegate* unmanaged<LlvmPassBuilderOptionsRef, int, void> PassBuilderOptionsSetSLPVectorization;
    public delegate* unmanaged<LlvmPassBuilderOptionsRef, int, void> PassBuilderOptionsSetLoopUnrolling;
    /// <summary>A pipeline in opt syntax ("default&lt;O2&gt;") with the new pass manager.</summary>
    public delegate* unmanaged<LlvmModuleRef, byte*, LlvmTargetMachineRef, LlvmPassBuilderOptionsRef, LlvmErrorRef> RunPasses;
    /// <summary>Consumes the error; free the text with DisposeErrorMessage.</summary>
    public delegate* unmanaged<LlvmErrorRef, nint> GetErrorMessage;
    public delegate* unmanaged<nint, void> DisposeErrorMessage;
    public delegate* unmanaged<LlvmErrorRef, void> ConsumeError;

    private void BindTarget()
    {
        InitializeX86TargetInfo = (delegate* unmanaged<void>)Required("LLVMInitializeX86TargetInfo");
        InitializeX86Target = (delegate* unmanaged<void>)Required("LLVMInitializeX86Target");
        InitializeX86TargetMC = (delegate* unmanaged<void>)Required("LLVMInitializeX86TargetMC");
        InitializeX86AsmPrinter = (delegate* unmanaged<void>)Required("LLVMInitializeX86AsmPrinter");
        GetDefaultTargetTriple = (delegate* unmanaged<nint>)Required("LLVMGetDefaultTargetTriple");
        GetHostCPUName = (delegate* unmanaged<nint>)Required("LLVMGetHostCPUName");
        GetHostCPUFeatures = (delegate* unmanaged<nint>)Required("LLVMGetHostCPUFeatures");
        GetTargetFromTriple = (delegate* unmanaged<byte*, LlvmTargetRef*, nint*, int>)Required("LLVMGetTargetFromTriple");
        CreateTargetMachine = (delegate* unmanaged<LlvmTargetRef, byte*, byte*, byte*, LlvmCodeGenLevel, int, int, LlvmTargetMachineRef>)Required("LLVMCreateTargetMachine");
        DisposeTargetMachine = (delegate* unmanaged<LlvmTargetMachineRef, void>)Required("LLVMDisposeTargetMachine");
        CreateTargetDataLayout = (delegate* unmanaged<LlvmTargetMachineRef, LlvmTargetDataRef>)Required("LLVMCreateTargetDataLayout");
        CopyStringRepOfTargetData = (delegate* unmanaged<LlvmTargetDataRef, nint>)Required("LLVMCopyStringRepOfTargetData");
        DisposeTargetData = (delegate* unmanaged<LlvmTargetDataRef, void>)Required("LLVMDisposeTargetData");
        CreatePassBuilderOptions = (delegate* unmanaged<LlvmPassBuilderOptionsRef>)Required("LLVMCreatePassBuilderOptions");
        DisposePassBuilderOptions = (delegate* unmanaged<LlvmPassBuilderOptionsRef, void>)Required("LLVMDisposePassBuilderOptions");
        PassBuilderOptionsSetVerifyEach = (delegate* unmanaged<LlvmPassBuilderOptionsRef, int, void>)Required("LLVMPassBuilderOptionsSetVerifyEach");
        PassBuilderOptionsSetDebugLogging = (delegate* unmanaged<LlvmPassBuilderOptionsRef, int, void>)Required("LLVMPassBuilderOptionsSetDebugLogging");
        PassBuilderOptionsSetLoopVectorization = (delegate* unmanaged<LlvmPassBuilderOptionsRef, int, void>)Required("LLVMPassBuilderOptionsSetLoopVectorization");
        PassBuilderOptionsSetSLPVectorization = (delegate* unmanaged<LlvmPassBuilderOptionsRef, int, void>)Required("LLVMPassBuilderOptionsSetSLPVectorization");
        PassBuilderOptionsSetLoopUnrolling = (delegate* unmanaged<LlvmPassBuilderOptionsRef, int, void>)Required("LLVMPassBuilderOptionsSetLoopUnrolling");
        RunPasses = (delegate* unmanaged<LlvmModuleRef, byte*, LlvmTargetMachineRef, LlvmPassBuilderOptionsRef, LlvmErrorRef>)Required("LLVMRunPasses");
        GetErrorMessage = (delegate* unmanaged<LlvmErrorRef, nint>)Required("LLVMGetErrorMessage");
        DisposeErrorMessage = (delegate* unmanaged<nint, void>)Required("LLVMDisposeErrorMessage");
        ConsumeError = (delegate* unmanaged<LlvmErrorRef, void>)Required("LLVMConsumeError");
    }

    /// <summary>Relocation model and code model of the JIT target machines: LLVM's defaults (C\'s <c>LLVMRelocDefault</c>, <c>LLVMCodeModelJITDefault</c>).</summary>
    public const int RelocDefault = 0, CodeModelJitDefault = 1;

    /// <summary>
    /// A target machine for this host (the default triple, the host CPU and its features) at
    /// <paramref name="level"/>: for the pass pipeline (cost models) and, handed over, for the JIT's code generator.
    /// </summary>
    public LlvmTargetMachineRef CreateHostTargetMachine(LlvmCodeGenLevel level)
    {
        nint triple = GetDefaultTargetTriple(), cpu = GetHostCPUName(), features = GetHostCPUFeatures();
        try
        {
            LlvmTargetRef target;
            nint error = 0;
            if (GetTargetFromTriple((byte*)triple, &target, &error) != 0)
                throw new LlvmException($"LLVM has no target for {PeekString(triple)}: {TakeMessage(error)}");
            var tm = CreateTargetMachine(target, (byte*)triple, (byte*)cpu, (byte*)features, level, RelocDefault, CodeModelJitDefault);
            if (tm.IsNull) throw new LlvmException($"LLVM made no target machine for {PeekString(triple)}");
            return tm;
        }
        finally
        {
            DisposeMessage(triple);
            DisposeMessage(cpu);
            DisposeMessage(features);
        }
    }

    /// <summary>Runs the pass pipeline <paramref name="pipeline"/> on <paramref name="module"/>; throws <see cref="LlvmException"/> when LLVM refuses it.</summary>
    public void RunPipeline(LlvmModuleRef module, string pipeline, LlvmTargetMachineRef targetMachine)
    {
        using var p = new Utf8Z(pipeline, stackalloc byte[128]);
        var options = CreatePassBuilderOptions();
        try
        {
            Check(RunPasses(module, p.Pointer, targetMachine, options), $"LLVM passes '{pipeline}'");
        }
        finally
        {
            DisposePassBuilderOptions(options);
        }
    }
}
