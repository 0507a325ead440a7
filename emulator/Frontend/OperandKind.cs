namespace Hdbt.Frontend;

/// <summary>What an <see cref="Operand"/> refers to.</summary>
public enum OperandKind : byte
{
    Register,
    Memory,
    Immediate,
}
