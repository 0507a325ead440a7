namespace Hdbt.Ir;

/// <summary>Where an IR temp's value lives.</summary>
public enum TempKind : byte
{
    /// <summary>A CpuState field (one of the global slots); lives across blocks.</summary>
    Global,
    /// <summary>A block-local value; dead when the block exits.</summary>
    Local,
    /// <summary>A constant; never written.</summary>
    Const,
}
