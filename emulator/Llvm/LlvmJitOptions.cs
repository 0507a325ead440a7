namespace Hdbt.Llvm;

/// <summary>How an <see cref="LlvmJit"/> compiles: the IR pipeline, the code generator's effort, and whether to verify first.</summary>
public sealed record LlvmJitOptions
{
    /// <summary>The IR pipeline: <c>default&lt;On&gt;</c>.</summary>
    public LlvmOptLevel Opt { get; init; } = LlvmOptLevel.O2;

    /// <summary>The code generator's level (None roughly halves compile time of small functions; see emulator/Llvm/README.md).</summary>
    public LlvmCodeGenLevel CodeGen { get; init; } = LlvmCodeGenLevel.Default;

    /// <summary>Run LLVM's verifier before the passes (a broken module otherwise crashes inside LLVM instead of failing with a message).</summary>
    public bool Verify { get; init; } = true;

    /// <summary>The pass pipeline text for <see cref="Opt"/>.</summary>
    public string Pipeline => $"default<O{(int)Opt}>";
}
