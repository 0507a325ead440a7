namespace Hdbt.Tcg;

/// <summary>Two-operand x86 ALU instructions the generator uses.</summary>
public enum AluKind : byte
{
    Add, Sub, And, Or, Xor, Cmp, Imul,
}
