namespace Hdbt.Guest;

/// <summary>
/// What the lazy flag fields describe: which operation last set the arithmetic flags and at
/// which operand size. The value is <c>kind * 4 + size</c> with size 0 = byte, 1 = word,
/// 2 = dword, so <see cref="LazyFlags"/> can decode it arithmetically.
/// </summary>
/// <remarks>
/// Field meaning per kind (dst = CcDst, src = CcSrc, src2 = CcSrc2); fields a kind does not name
/// are "don't care", and writers need not set them:
/// <list type="bullet">
/// <item>Eflags: src holds the flag bits themselves.</item>
/// <item>Add: dst = result, src = second operand.</item>
/// <item>Adc: as Add, src2 = carry in (0/1).</item>
/// <item>Sub: dst = result, src = second operand (first = dst + src).</item>
/// <item>Sbb: as Sub, src2 = borrow in (0/1).</item>
/// <item>Logic: dst = result; CF = OF = 0.</item>
/// <item>Inc/Dec: dst = result, src = CF before the instruction (inc/dec keep it).</item>
/// <item>Shl: dst = result, src = operand shifted left by count-1 (its top bit is CF); AF is set (undefined; as AMD parts do).</item>
/// <item>Sar: dst = result, src = operand shifted right by count-1 (its bit 0 is CF); also SHR. AF is set as for Shl.</item>
/// <item>Mul: dst = low result, src = nonzero when the high part is significant (CF = OF).</item>
/// </list>
/// </remarks>
public enum CcOp : uint
{
    Eflags = 0,
    AddB = 4, AddW, AddL,
    AdcB = 8, AdcW, AdcL,
    SubB = 12, SubW, SubL,
    SbbB = 16, SbbW, SbbL,
    LogicB = 20, LogicW, LogicL,
    IncB = 24, IncW, IncL,
    DecB = 28, DecW, DecL,
    ShlB = 32, ShlW, ShlL,
    SarB = 36, SarW, SarL,
    MulB = 40, MulW, MulL,
}
