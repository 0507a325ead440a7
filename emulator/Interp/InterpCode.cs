namespace Hdbt.Interp;

/// <summary>
/// The interpreter's own opcodes: the IR ops with the variants the interpreter would otherwise
/// decide on every execution (load/store size, comparison condition) split out at preparation.
/// </summary>
public enum InterpCode : byte
{
    Nop, InsnStart, Mov,
    /// <summary>D0 = Imm (a setcond whose condition is constant, as it is left with the optimizer off).</summary>
    MovImm,
    Add, Sub, Mul, And, Or, Xor, Shl, Shr, Sar, Rotl, Rotr,
    Neg, Not, Ext8S, Ext8U, Ext16S, Ext16U, Bswap, Clz, Ctz, Deposit, MulU2, MulS2, Select,
    LdU8, LdS8, LdU16, LdS16, LdU32, St8, St16, St32,
    Call,
    Br,
    BrEq, BrNe, BrLtU, BrGeU, BrLeU, BrGtU, BrLt, BrGe, BrLe, BrGt, BrTstEq, BrTstNe,
    SetEq, SetNe, SetLtU, SetGeU, SetLeU, SetGtU, SetLt, SetGe, SetLe, SetGt, SetTstEq, SetTstNe,
    Goto, ExitIndirect, ExitSyscall, Raise, ExitUnsupported,
}
