namespace Hdbt.Ir;

/// <summary>
/// Memory operand formats of x87 loads, stores, arithmetic and compares: argument s0 of
/// <see cref="HelperId.X87Load"/> and <see cref="HelperId.X87Store"/>, s1 of
/// <see cref="HelperId.X87ArithMem"/> and of <see cref="HelperId.X87Compare"/> with
/// <see cref="X87CompareFlags.Memory"/>.
/// </summary>
public enum X87MemKind : uint
{
    Single, Double, Extended, Int16, Int32, Int64, Bcd,
    /// <summary>fisttp forms: truncating integer stores.</summary>
    Int16Trunc, Int32Trunc, Int64Trunc,
}
