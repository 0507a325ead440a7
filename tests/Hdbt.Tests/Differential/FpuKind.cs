namespace Hdbt.Tests.Differential;

/// <summary>Which floating-point state a case set initialises before each case and records after it.</summary>
public enum FpuKind
{
    /// <summary>No FP state: integer cases (the original record: GPRs, EFLAGS, memory).</summary>
    None,

    /// <summary>x87 only: fninit, fldcw, loads of the x87 stack; the record adds the FXSAVE image.</summary>
    X87,

    /// <summary>x87 and SSE: as <see cref="X87"/> plus ldmxcsr and loads of XMM0..XMM7.</summary>
    Sse,
}
