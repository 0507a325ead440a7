namespace Hdbt.Ir;

/// <summary>How the first argument of an SSE/MMX helper call is packed: operation, register files, immediate.</summary>
public static class SseOpBits
{
    /// <summary>Mask of the <see cref="SseOp"/> in the argument.</summary>
    public const uint OpMask = 0x3FF;

    /// <summary>The destination (first) register is an MMX register, not an XMM register.</summary>
    public const uint DstMm = 1u << 12;

    /// <summary>The source (second) register is an MMX register, or a memory source is 8 bytes wide as for one.</summary>
    public const uint SrcMm = 1u << 13;

    /// <summary>The instruction's imm8 lives in bits 16..23.</summary>
    public const int ImmShift = 16;

    /// <summary>
    /// For <see cref="SseOp.MaskMov"/> (maskmovq, maskmovdqu), the register argument of sse_st names two
    /// registers: the data register in the low bits and the mask register from this bit up.
    /// </summary>
    public const int MaskRegisterShift = 8;

    /// <summary>The register argument of a <see cref="SseOp.MaskMov"/> store.</summary>
    public static uint MaskMovRegisters(uint data, uint mask) => data | mask << MaskRegisterShift;

    /// <summary>Packs an operation, register-file flags and an imm8.</summary>
    public static uint Pack(SseOp op, uint flags = 0, uint imm8 = 0) => (uint)op | flags | (imm8 & 0xFF) << ImmShift;
}
