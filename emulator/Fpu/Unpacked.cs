namespace Hdbt.Fpu;

/// <summary>
/// A value split for arithmetic: for <see cref="FpClass.Finite"/> the significand is normalized
/// (bit 63 set) and <see cref="E"/> is the unbiased exponent of that bit, so the value is
/// sig * 2^(E - 63). Denormals and pseudo-denormals take exponent 1 - bias before normalizing, as
/// the hardware reads them.
/// </summary>
public readonly struct Unpacked
{
    public readonly FpClass Class;
    public readonly bool Sign;
    public readonly bool Denormal;
    public readonly int E;
    public readonly ulong Sig;

    public Unpacked(FpClass cls, bool sign, int e, ulong sig, bool denormal)
    {
        Class = cls;
        Sign = sign;
        E = e;
        Sig = sig;
        Denormal = denormal;
    }

    public static Unpacked From(Float80 f)
    {
        int exp = f.Exp;
        ulong m = f.Mant;
        bool s = f.Sign;
        if (exp == Float80.MaxExp)
        {
            if ((m & Float80.IntegerBit) == 0) return new(FpClass.Unsupported, s, 0, m, false);
            if ((m << 1) == 0) return new(FpClass.Infinity, s, 0, m, false);
            return new((m & Float80.QuietBit) != 0 ? FpClass.QNaN : FpClass.SNaN, s, 0, m, false);
        }
        if (exp == 0)
        {
            if (m == 0) return new(FpClass.Zero, s, 0, 0, false);
            int lz = System.Numerics.BitOperations.LeadingZeroCount(m);
            return new(FpClass.Finite, s, 1 - Float80.Bias - lz, m << lz, true);
        }
        if ((m & Float80.IntegerBit) == 0) return new(FpClass.Unsupported, s, 0, m, false);
        return new(FpClass.Finite, s, exp - Float80.Bias, m, false);
    }

    public bool IsNaN => Class is FpClass.QNaN or FpClass.SNaN;
}
