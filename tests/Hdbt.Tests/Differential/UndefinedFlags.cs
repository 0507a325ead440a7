using Iced.Intel;

namespace Hdbt.Tests.Differential;

/// <summary>
/// The EFLAGS bits Intel's SDM documents as undefined after each instruction: the only bits the
/// differential tests do not compare. One table for fixed masks, plus the count-dependent rules
/// of shifts and rotates.
/// </summary>
public static class UndefinedFlags
{
    public const uint CF = 1u << 0, PF = 1u << 2, AF = 1u << 4, ZF = 1u << 6, SF = 1u << 7, DF = 1u << 10, OF = 1u << 11;
    public const uint AC = 1u << 18, ID = 1u << 21;

    /// <summary>The six arithmetic flags.</summary>
    public const uint Arith = CF | PF | AF | ZF | SF | OF;

    private static readonly Dictionary<Mnemonic, uint> s_fixed = new()
    {
        // Logic: CF = OF = 0, SF ZF PF from the result, AF undefined.
        [Mnemonic.And] = AF, [Mnemonic.Or] = AF, [Mnemonic.Xor] = AF, [Mnemonic.Test] = AF,
        // Multiplication: CF = OF = high half significant; the rest undefined.
        [Mnemonic.Mul] = SF | ZF | AF | PF, [Mnemonic.Imul] = SF | ZF | AF | PF,
        // Division: all six undefined.
        [Mnemonic.Div] = Arith, [Mnemonic.Idiv] = Arith,
        // Bit tests: CF = the bit, ZF unaffected, the rest undefined.
        [Mnemonic.Bt] = OF | SF | AF | PF, [Mnemonic.Bts] = OF | SF | AF | PF,
        [Mnemonic.Btr] = OF | SF | AF | PF, [Mnemonic.Btc] = OF | SF | AF | PF,
        // Bit scans: ZF = source was zero, the rest undefined.
        [Mnemonic.Bsf] = CF | OF | SF | AF | PF, [Mnemonic.Bsr] = CF | OF | SF | AF | PF,
    };

    /// <summary>Undefined flags after an instruction whose flag behaviour does not depend on a count.</summary>
    public static uint For(Mnemonic m) => s_fixed.GetValueOrDefault(m);

    /// <summary>
    /// Undefined flags after a shift, rotate or double shift by <paramref name="count"/> (before masking
    /// to 5 bits) of a <paramref name="bits"/>-bit operand. A masked count of zero changes no flag.
    /// </summary>
    public static uint ForShift(Mnemonic m, int bits, uint count)
    {
        uint n = count & 31;
        if (n == 0) return 0;
        uint mask = n == 1 ? 0 : OF;
        switch (m)
        {
            case Mnemonic.Shl or Mnemonic.Sal or Mnemonic.Shr:
                mask |= AF;
                if (n >= bits) mask |= CF;
                return mask;
            case Mnemonic.Sar:
                return mask | AF;
            case Mnemonic.Rol or Mnemonic.Ror or Mnemonic.Rcl or Mnemonic.Rcr:
                return mask;
            case Mnemonic.Shld or Mnemonic.Shrd:
                // A count above the operand size (16-bit forms only) leaves result and flags undefined.
                return n > bits ? Arith : mask | AF;
            default:
                throw new ArgumentException($"{m} is not a shift", nameof(m));
        }
    }

    /// <summary>Whether a double shift's result is undefined (count above the operand size).</summary>
    public static bool DoubleShiftResultUndefined(int bits, uint count) => (count & 31) > bits;

    /// <summary>The flags a condition code reads.</summary>
    public static uint Reads(ConditionCode cc) => cc switch
    {
        ConditionCode.o or ConditionCode.no => OF,
        ConditionCode.b or ConditionCode.ae => CF,
        ConditionCode.e or ConditionCode.ne => ZF,
        ConditionCode.be or ConditionCode.a => CF | ZF,
        ConditionCode.s or ConditionCode.ns => SF,
        ConditionCode.p or ConditionCode.np => PF,
        ConditionCode.l or ConditionCode.ge => SF | OF,
        ConditionCode.le or ConditionCode.g => SF | OF | ZF,
        _ => throw new ArgumentOutOfRangeException(nameof(cc)),
    };

    /// <summary>The condition codes whose outcome does not depend on any flag in <paramref name="undefinedMask"/>.</summary>
    public static IEnumerable<ConditionCode> DefinedConditions(uint undefinedMask) =>
        AllConditions.Where(cc => (Reads(cc) & undefinedMask) == 0);

    /// <summary>The sixteen condition codes in encoding order (o, no, b, ae, e, ne, be, a, s, ns, p, np, l, ge, le, g).</summary>
    public static readonly ConditionCode[] AllConditions =
    [
        ConditionCode.o, ConditionCode.no, ConditionCode.b, ConditionCode.ae, ConditionCode.e, ConditionCode.ne,
        ConditionCode.be, ConditionCode.a, ConditionCode.s, ConditionCode.ns, ConditionCode.p, ConditionCode.np,
        ConditionCode.l, ConditionCode.ge, ConditionCode.le, ConditionCode.g,
    ];
}
