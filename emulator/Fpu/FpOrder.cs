namespace Hdbt.Fpu;

/// <summary>Result of an x87 comparison: a &lt; b, equal, a &gt; b, or unordered (a NaN).</summary>
public enum FpOrder { Less, Equal, Greater, Unordered }
