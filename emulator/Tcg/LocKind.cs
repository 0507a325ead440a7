namespace Hdbt.Tcg;

/// <summary>Where an IR temp lives in generated code.</summary>
public enum LocKind : byte
{
    /// <summary>A host register (pinned guest register or allocated local).</summary>
    Reg,
    /// <summary>A memory operand: a CpuState field or a spill slot.</summary>
    Mem,
    /// <summary>A constant.</summary>
    Imm,
}
