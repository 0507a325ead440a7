namespace Hdbt.Tcg;

/// <summary>
/// The one stack frame of generated code, set up by the prologue and shared by every block
/// (offsets from RSP, which stays 16-byte aligned so calls out need no adjustment).
/// </summary>
public static class Frame
{
    /// <summary>Host address of the guest page-flags table (one byte per 4 KiB guest page).</summary>
    public const int PageTable = 0;
    /// <summary>Saved RDX, RSI, RDI (block-local temps) around slow-path calls.</summary>
    public const int SaveRdx = 8, SaveRsi = 16, SaveRdi = 24;
    /// <summary>Helper arguments are staged here (4 dwords) before they go into argument registers.</summary>
    public const int Args = 32;
    /// <summary>Spill slots of block-local temps, 4 bytes each.</summary>
    public const int Spill = 48;
    public const int SpillSlots = 1024;
    /// <summary>
    /// The host's own MXCSR (saved by the prologue, put back around every call into C# and by the
    /// epilogue) and a dword for moving MXCSR values through memory (ldmxcsr/stmxcsr take only m32).
    /// They use the alignment pad at the end of the frame.
    /// </summary>
    public const int HostMxcsr = Spill + 4 * SpillSlots, MxcsrTemp = HostMxcsr + 4;
    /// <summary>Bytes the prologue subtracts from RSP (after six pushes and the return address: 16-aligned).</summary>
    public const int Size = Spill + 4 * SpillSlots + 8;
}
