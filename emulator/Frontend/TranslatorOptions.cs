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
}
