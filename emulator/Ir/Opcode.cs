namespace Hdbt.Ir;

/// <summary>IR operations. All values are 32-bit; see <c>emulator/Ir/README.md</c> for each op's operands.</summary>
public enum Opcode : byte
{
    /// <summary>Does nothing (left behind by passes; removed when a block is compacted).</summary>
    Nop,
    /// <summary>Marks the start of guest instruction <c>Imm</c> (its pc).</summary>
    InsnStart,
    /// <summary>D0 = S0.</summary>
    Mov,
    // D0 = S0 op S1. Shift and rotate counts are taken modulo 32.
    Add, Sub, Mul, And, Or, Xor, Shl, Shr, Sar, Rotl, Rotr,
    // D0 = op S0.
    Neg, Not, Ext8S, Ext8U, Ext16S, Ext16U, Bswap,
    /// <summary>D0 = number of leading zero bits of S0 (32 for 0).</summary>
    Clz,
    /// <summary>D0 = number of trailing zero bits of S0 (32 for 0).</summary>
    Ctz,
    /// <summary>D0 = S0 with bits [pos, pos+len) replaced by the low bits of S1; Imm = pos | len &lt;&lt; 8.</summary>
    Deposit,
    /// <summary>D0:D1 (low:high) = S0 * S1, unsigned.</summary>
    MulU2,
    /// <summary>D0:D1 (low:high) = S0 * S1, signed.</summary>
    MulS2,
    /// <summary>D0 = Cond(S0, S1) ? 1 : 0.</summary>
    SetCond,
    /// <summary>D0 = S0 != 0 ? S1 : S2.</summary>
    Select,
    /// <summary>D0 = guest load of size/sign Mem at address S0.</summary>
    Load,
    /// <summary>Guest store of the low Mem bytes of S0 at address S1.</summary>
    Store,
    /// <summary>D0 = helper Imm (a <see cref="HelperId"/>) applied to S0..S3.</summary>
    Call,
    /// <summary>Defines label Imm.</summary>
    Label,
    /// <summary>Jumps to label Imm.</summary>
    Br,
    /// <summary>Jumps to label Imm if Cond(S0, S1).</summary>
    BrCond,
    /// <summary>Leaves the block for guest pc Imm through chaining slot <see cref="Op.Slot"/> (0 or 1).</summary>
    Goto,
    /// <summary>Leaves the block for the guest pc held in EIP (indirect jump, call or return).</summary>
    ExitIndirect,
    /// <summary>Leaves the block to perform a system call; EIP holds the pc after the int 0x80.</summary>
    ExitSyscall,
    /// <summary>Leaves the block raising signal Imm; EIP holds the faulting pc, S0 the fault address (or -1 for none).</summary>
    Raise,
    /// <summary>Leaves the block because the instruction at EIP is valid but not implemented.</summary>
    ExitUnsupported,
}
