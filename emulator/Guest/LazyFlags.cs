using System.Numerics;
using System.Runtime.CompilerServices;

namespace Hdbt.Guest;

/// <summary>Computes the arithmetic EFLAGS bits from the lazy representation (<see cref="CcOp"/>).</summary>
public static class LazyFlags
{
    /// <summary>Kind part of a <see cref="CcOp"/> value (the op with size 0).</summary>
    public static uint Kind(uint ccOp) => ccOp & ~3u;

    /// <summary>Size in bits of a <see cref="CcOp"/> value.</summary>
    public static int Bits(uint ccOp) => 8 << (int)(ccOp & 3);

    /// <summary>Builds the <see cref="CcOp"/> for a kind (size-0 member) and an operand size in bytes.</summary>
    public static CcOp For(CcOp kind, int sizeBytes) => kind + (uint)(sizeBytes == 1 ? 0 : sizeBytes == 2 ? 1 : 2);

    /// <summary>All six arithmetic flags (OF, SF, ZF, AF, PF, CF) as EFLAGS bits.</summary>
    public static uint Compute(uint ccOp, uint dst, uint src, uint src2)
    {
        uint kind = Kind(ccOp);
        if (kind == (uint)CcOp.Eflags) return src & Flags.Arith;
        int bits = Bits(ccOp);
        uint mask = bits == 32 ? 0xFFFF_FFFFu : (1u << bits) - 1;
        uint sign = 1u << (bits - 1);
        uint d = dst & mask;
        uint flags = ZeroSignParity(d, sign);
        uint s1, s2;
        switch (kind)
        {
            case (uint)CcOp.AddB:
                s2 = src & mask; s1 = (d - s2) & mask;
                if (d < s2) flags |= Flags.CF;
                flags |= (s1 ^ s2 ^ d) & Flags.AF;
                if (((s1 ^ d) & (s2 ^ d) & sign) != 0) flags |= Flags.OF;
                return flags;
            case (uint)CcOp.AdcB:
                s2 = src & mask; s1 = (d - s2 - src2) & mask;
                if (src2 != 0 ? d <= s2 : d < s2) flags |= Flags.CF;
                flags |= (s1 ^ s2 ^ d) & Flags.AF;
                if (((s1 ^ d) & (s2 ^ d) & sign) != 0) flags |= Flags.OF;
                return flags;
            case (uint)CcOp.SubB:
                s2 = src & mask; s1 = (d + s2) & mask;
                if (s1 < s2) flags |= Flags.CF;
                flags |= (s1 ^ s2 ^ d) & Flags.AF;
                if (((s1 ^ s2) & (s1 ^ d) & sign) != 0) flags |= Flags.OF;
                return flags;
            case (uint)CcOp.SbbB:
                s2 = src & mask; s1 = (d + s2 + src2) & mask;
                if (src2 != 0 ? s1 <= s2 : s1 < s2) flags |= Flags.CF;
                flags |= (s1 ^ s2 ^ d) & Flags.AF;
                if (((s1 ^ s2) & (s1 ^ d) & sign) != 0) flags |= Flags.OF;
                return flags;
            case (uint)CcOp.LogicB:
                return flags;
            case (uint)CcOp.IncB:
                flags |= src & Flags.CF;
                s1 = (d - 1) & mask;
                flags |= (s1 ^ 1 ^ d) & Flags.AF;
                if (d == sign) flags |= Flags.OF;
                return flags;
            case (uint)CcOp.DecB:
                flags |= src & Flags.CF;
                s1 = (d + 1) & mask;
                flags |= (s1 ^ 1 ^ d) & Flags.AF;
                if (d == sign - 1) flags |= Flags.OF;
                return flags;
            // AF is undefined after a shift by a nonzero count; the hardware (AMD, measured) sets it.
            case (uint)CcOp.ShlB:
                flags |= Flags.AF;
                if ((src & sign) != 0) flags |= Flags.CF;
                if (((src ^ d) & sign) != 0) flags |= Flags.OF;
                return flags;
            case (uint)CcOp.SarB:
                flags |= Flags.AF | (src & Flags.CF);
                if (((src ^ d) & sign) != 0) flags |= Flags.OF;
                return flags;
            case (uint)CcOp.MulB:
                if (src != 0) flags |= Flags.CF | Flags.OF;
                return flags;
            default:
                throw new InvalidOperationException($"bad lazy flag op {ccOp}");
        }
    }

    /// <summary>Only the carry flag (0 or 1): cheaper than <see cref="Compute"/> for adc/sbb/rcl/setc.</summary>
    public static uint ComputeCarry(uint ccOp, uint dst, uint src, uint src2)
    {
        uint kind = Kind(ccOp);
        if (kind == (uint)CcOp.Eflags) return src & 1;
        int bits = Bits(ccOp);
        uint mask = bits == 32 ? 0xFFFF_FFFFu : (1u << bits) - 1;
        uint d = dst & mask, s2 = src & mask;
        return kind switch
        {
            (uint)CcOp.AddB => d < s2 ? 1u : 0u,
            (uint)CcOp.AdcB => (src2 != 0 ? d <= s2 : d < s2) ? 1u : 0u,
            (uint)CcOp.SubB => ((d + s2) & mask) < s2 ? 1u : 0u,
            (uint)CcOp.SbbB => (src2 != 0 ? ((d + s2 + 1) & mask) <= s2 : ((d + s2) & mask) < s2) ? 1u : 0u,
            (uint)CcOp.LogicB => 0u,
            (uint)CcOp.IncB or (uint)CcOp.DecB => src & 1,
            (uint)CcOp.ShlB => (src >> (bits - 1)) & 1,
            (uint)CcOp.SarB => src & 1,
            (uint)CcOp.MulB => src != 0 ? 1u : 0u,
            _ => throw new InvalidOperationException($"bad lazy flag op {ccOp}"),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ZeroSignParity(uint d, uint sign)
    {
        uint f = 0;
        if (d == 0) f |= Flags.ZF;
        if ((d & sign) != 0) f |= Flags.SF;
        if ((BitOperations.PopCount(d & 0xFF) & 1) == 0) f |= Flags.PF;
        return f;
    }
}
