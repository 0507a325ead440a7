namespace Hdbt.Fpu;

/// <summary>
/// An x87 80-bit extended-precision value exactly as the hardware stores it: a 64-bit
/// significand with an explicit integer bit (bit 63) and a 16-bit sign+exponent word
/// (bit 15 sign, bits 0..14 exponent biased by 16383).
/// </summary>
public readonly struct Float80 : IEquatable<Float80>
{
    /// <summary>Exponent bias of the extended format.</summary>
    public const int Bias = 16383;

    /// <summary>The maximum biased exponent (infinities and NaNs).</summary>
    public const int MaxExp = 0x7FFF;

    public const ulong IntegerBit = 1ul << 63;
    public const ulong QuietBit = 1ul << 62;

    /// <summary>The 64-bit significand, integer bit included.</summary>
    public readonly ulong Mant;

    /// <summary>Sign (bit 15) and biased exponent (bits 0..14).</summary>
    public readonly ushort SignExp;

    public Float80(ulong mant, ushort signExp)
    {
        Mant = mant;
        SignExp = signExp;
    }

    public Float80(bool sign, int biasedExp, ulong mant) : this(mant, (ushort)((sign ? 0x8000 : 0) | (biasedExp & 0x7FFF))) { }

    public bool Sign => (SignExp & 0x8000) != 0;

    /// <summary>The biased exponent field.</summary>
    public int Exp => SignExp & 0x7FFF;

    public static Float80 Zero(bool sign) => new(sign, 0, 0);

    public static Float80 Infinity(bool sign) => new(sign, MaxExp, IntegerBit);

    /// <summary>The "real indefinite" QNaN the x87 produces for masked invalid operations.</summary>
    public static Float80 Indefinite => new(true, MaxExp, IntegerBit | QuietBit);

    public static Float80 One => new(false, Bias, IntegerBit);

    public bool IsZero => Exp == 0 && Mant == 0;

    /// <summary>Infinity: maximum exponent, significand exactly the integer bit.</summary>
    public bool IsInfinity => Exp == MaxExp && Mant == IntegerBit;

    /// <summary>Any NaN with the integer bit set (pseudo-NaNs are <see cref="IsUnsupported"/>).</summary>
    public bool IsNaN => Exp == MaxExp && (Mant & IntegerBit) != 0 && (Mant << 1) != 0;

    public bool IsSignalingNaN => IsNaN && (Mant & QuietBit) == 0;

    /// <summary>A denormal (exponent 0, integer bit clear, nonzero) or pseudo-denormal (exponent 0, integer bit set).</summary>
    public bool IsDenormal => Exp == 0 && Mant != 0;

    /// <summary>
    /// Encodings the 387 successors reject as operands (invalid-operation): unnormals (nonzero
    /// exponent, integer bit clear), pseudo-NaNs and pseudo-infinities (maximum exponent,
    /// integer bit clear).
    /// </summary>
    public bool IsUnsupported => Exp != 0 && (Mant & IntegerBit) == 0;

    public Float80 Negate() => new(Mant, (ushort)(SignExp ^ 0x8000));

    public Float80 Abs() => new(Mant, (ushort)(SignExp & 0x7FFF));

    public Float80 WithSign(bool sign) => new(sign, Exp, Mant);

    public bool Equals(Float80 other) => Mant == other.Mant && SignExp == other.SignExp;

    public override bool Equals(object? obj) => obj is Float80 f && Equals(f);

    public override int GetHashCode() => HashCode.Combine(Mant, SignExp);

    public static bool operator ==(Float80 a, Float80 b) => a.Equals(b);

    public static bool operator !=(Float80 a, Float80 b) => !a.Equals(b);

    /// <summary>The bit pattern as hex, sign+exponent word first (e.g. 3fff:8000000000000000).</summary>
    public override string ToString() => $"{SignExp:x4}:{Mant:x16}";
}
