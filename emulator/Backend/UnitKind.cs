namespace Hdbt.Backend;

/// <summary>What a translated unit covers: one guest block, or a trace of blocks along a hot path.</summary>
public enum UnitKind
{
    Block,
    Trace,
}
