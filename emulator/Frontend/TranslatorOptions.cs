namespace Hdbt.Frontend;

/// <summary>Knobs of the frontend.</summary>
public sealed record TranslatorOptions
{
    /// <summary>Most guest instructions in one translation block.</summary>
    public int MaxInsnsPerBlock { get; init; } = 512;

    /// <summary>Debugging aid: every instruction is its own block.</summary>
    public bool OneInsnPerBlock { get; init; }

    /// <summary>Run the IR optimizer on each block.</summary>
    public bool Optimize { get; init; } = true;

    /// <summary>Check each block with <see cref="Ir.IrVerifier"/> as built and after each optimizer pass (<c>--verify-ir</c>, <c>HDBT_VERIFY_IR=1</c>; the tests turn it on).</summary>
    public bool VerifyIr { get; init; }
}
