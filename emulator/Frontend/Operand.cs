namespace Hdbt.Frontend;

/// <summary>
/// A resolved instruction operand: a register, a memory location whose address has been
/// computed once (so read-modify-write instructions do not compute it twice), or an immediate.
/// </summary>
public readonly record struct Operand(OperandKind Kind, int Size, Iced.Intel.Register Register, int Address, uint Immediate);
