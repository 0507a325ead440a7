namespace Hdbt.Fpu;

/// <summary>Comparisons (fcom/fucom/fcomi/ftst) and classification (fxam).</summary>
public static class F80Compare
{
    /// <summary>
    /// Compares a with b. Ordered comparisons (fcom) raise IE for any NaN, unordered ones (fucom)
    /// only for signaling NaNs; unsupported encodings always raise IE. DE for denormal operands.
    /// </summary>
    public static FpOrder Compare(Float80 a, Float80 b, bool quiet, ref FpEnv env)
    {
        var ua = Unpacked.From(a);
        var ub = Unpacked.From(b);
        if (ua.Class >= FpClass.QNaN || ub.Class >= FpClass.QNaN)
        {
            bool invalid = !quiet || ua.Class is FpClass.SNaN or FpClass.Unsupported || ub.Class is FpClass.SNaN or FpClass.Unsupported;
            if (invalid) env.Raise(FpStatus.IE);
            return FpOrder.Unordered;
        }
        if (ua.Denormal || ub.Denormal) env.Raise(FpStatus.DE);
        int ka = Key(ua, out ulong ma), kb = Key(ub, out ulong mb);
        // Compare as sign-magnitude: (class rank, exponent, significand).
        if (ua.Class == FpClass.Zero && ub.Class == FpClass.Zero) return FpOrder.Equal;
        if (ua.Sign != ub.Sign) return ua.Sign ? FpOrder.Less : FpOrder.Greater;
        int c = ka != kb ? ka.CompareTo(kb) : ma.CompareTo(mb);
        if (c == 0) return FpOrder.Equal;
        bool less = (c < 0) != ua.Sign;
        return less ? FpOrder.Less : FpOrder.Greater;
    }

    /// <summary>A magnitude key: zero below every finite value, infinity above.</summary>
    private static int Key(in Unpacked u, out ulong mant)
    {
        mant = u.Sig;
        return u.Class switch
        {
            FpClass.Zero => int.MinValue,
            FpClass.Infinity => int.MaxValue,
            _ => u.E,
        };
    }

    /// <summary>C3, C2, C0 for an order (fcom and friends).</summary>
    public static ushort ConditionBits(FpOrder o) => o switch
    {
        FpOrder.Less => FpStatus.C0,
        FpOrder.Equal => FpStatus.C3,
        FpOrder.Greater => 0,
        _ => FpStatus.C0 | FpStatus.C2 | FpStatus.C3,
    };

    /// <summary>ZF, PF, CF (EFLAGS bits 6, 2, 0) for an order (fcomi and friends).</summary>
    public static uint EflagsBits(FpOrder o) => o switch
    {
        FpOrder.Less => 1u,
        FpOrder.Equal => 0x40u,
        FpOrder.Greater => 0u,
        _ => 0x45u,
    };

    /// <summary>fxam: C3, C2, C0 for the class and C1 for the sign; <paramref name="empty"/> for an empty register.</summary>
    public static ushort Examine(Float80 f, bool empty)
    {
        ushort c1 = f.Sign ? FpStatus.C1 : (ushort)0;
        if (empty) return (ushort)(FpStatus.C3 | FpStatus.C0 | c1);
        int exp = f.Exp;
        ulong m = f.Mant;
        if (exp == Float80.MaxExp)
        {
            if ((m & Float80.IntegerBit) == 0) return c1; // unsupported
            return (ushort)(((m << 1) == 0 ? FpStatus.C2 | FpStatus.C0 : FpStatus.C0) | c1);
        }
        if (exp == 0) return (ushort)((m == 0 ? FpStatus.C3 : FpStatus.C3 | FpStatus.C2) | c1);
        if ((m & Float80.IntegerBit) == 0) return c1; // unnormal: unsupported
        return (ushort)(FpStatus.C2 | c1);
    }
}
