namespace Hdbt.Ir;

/// <summary>Reading the fields of an <see cref="X87CompareFlags"/> mode argument.</summary>
public static class X87CompareFlagsExtensions
{
    private const int PopShift = 9;

    /// <summary>How many times the compare pops (0, 1 or 2).</summary>
    public static uint PopCount(this X87CompareFlags mode) => (uint)(mode & X87CompareFlags.PopMask) >> PopShift;

    /// <summary>The i of the ST(i) a register form compares with ST(0).</summary>
    public static uint StackIndex(this X87CompareFlags mode) => (uint)(mode & X87CompareFlags.StackIndexMask);

    /// <summary>The helper argument: the flags with ST(<paramref name="stackIndex"/>).</summary>
    public static uint With(this X87CompareFlags mode, uint stackIndex) => (uint)mode | (stackIndex & (uint)X87CompareFlags.StackIndexMask);
}
