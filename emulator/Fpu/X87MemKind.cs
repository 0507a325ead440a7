namespace Hdbt.Fpu;

/// <summary>Memory operand formats of x87 loads, stores and arithmetic (a helper argument).</summary>
public enum X87MemKind : uint
{
    Single, Double, Extended, Int16, Int32, Int64, Bcd,
    /// <summary>fisttp forms: truncating integer stores.</summary>
    Int16Trunc, Int32Trunc, Int64Trunc,
}
