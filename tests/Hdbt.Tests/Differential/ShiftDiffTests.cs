using Iced.Intel;
using Xunit;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Tests.Differential;

/// <summary>
/// Differential tests of the Shift family: shl, shr, sar, rol, ror, rcl, rcr (by imm, by CL, by 1;
/// register and memory) and shld/shrd, plus conditions consuming their flags.
/// </summary>
public sealed class ShiftDiffTests
{
    private static readonly string[] s_shifts = ["shl", "shr", "sar", "rol", "ror", "rcl", "rcr"];

    /// <summary>Counts around every boundary: zero, one, operand sizes and the 5-bit mask.</summary>
    private static readonly uint[] s_counts = [0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 255];

    [Fact]
    public void Shifts() => DiffRunner.Run(ShiftCases(1), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void ShiftsLong() => DiffRunner.Run(ShiftCases(CaseSet.LongScale), withNoOpt: true);

    [Fact]
    public void DoubleShifts() => DiffRunner.Run(DoubleShiftCases(1), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void DoubleShiftsLong() => DiffRunner.Run(DoubleShiftCases(CaseSet.LongScale), withNoOpt: true);

    [Fact]
    public void ConditionsAfterShifts() => DiffRunner.Run(ConditionCasesAfterShifts(1), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void ConditionsAfterShiftsLong() => DiffRunner.Run(ConditionCasesAfterShifts(CaseSet.LongScale), withNoOpt: true);

    private enum CountForm { Imm, Cl, One }

    private static CaseSet ShiftCases(int scale)
    {
        var set = new CaseSet("shift", 6001, scale);
        foreach (var mn in s_shifts)
        {
            var mnemonic = Enum.Parse<Mnemonic>(mn, ignoreCase: true);
            foreach (int size in new[] { 1, 2, 4 })
            {
                int bits = size * 8;
                foreach (var form in Enum.GetValues<CountForm>())
                {
                    var counts = form == CountForm.One ? [1u] : s_counts.Concat(Enumerable.Range(0, 2).Select(_ => (uint)set.Rng.Next(256))).ToArray();
                    foreach (uint count in counts)
                        foreach (uint v in set.Values(size, form == CountForm.One ? 8 : 2))
                        {
                            bool mem = set.Rng.Next(3) == 0;
                            // The destination is never CL's register for the CL form.
                            var dst = set.Pick(AsmOps.Gprs(size).Where(r => AsmOps.Full(r) != Register.ECX).ToArray());
                            string shape = (mem ? $"m{bits}" : $"r{bits}") + form switch { CountForm.Imm => ",imm", CountForm.Cl => ",cl", _ => ",1" };
                            var c = set.Add($"{mn} {shape}");
                            c.Note = $"count={count}";
                            c.FlagMask = UndefinedFlags.ForShift(mnemonic, bits, count);
                            object target;
                            if (mem)
                            {
                                int off = set.Rng.Next(DiffLayout.DataSize - size + 1);
                                set.Poke(c, off, v, size);
                                target = set.MemOperand(c, size, off, Register.ECX);
                            }
                            else
                            {
                                c.Set(dst, v);
                                target = AsmOps.Reg(dst);
                            }
                            if (form == CountForm.Cl) c.Set(Register.CL, count);
                            c.Emit = form == CountForm.Cl
                                ? a => AsmOps.Emit(a, mn, target, cl)
                                : a => AsmOps.Emit(a, mn, target, (byte)count);
                            if (mn is "rcl" or "rcr") c.Flags = (c.Flags & ~UndefinedFlags.CF) | (uint)set.Rng.Next(2);
                        }
                }
            }
        }
        // "by imm8" encoded with an immediate of 1 (c1 /n 01) instead of the d1 form.
        for (int k = 0; k < 4 * scale; k++)
            for (byte n = 0; n < 8; n++)
            {
                if (n == 6) continue; // /6 is an undocumented alias of shl
                string[] names = ["rol", "ror", "rcl", "rcr", "shl", "shr", "", "sar"];
                var c = set.Add($"{names[n]} r32,imm8=1 (c1 encoding)", a => a.db(0xC1, (byte)(0xC0 | (n << 3) | 3), 0x01));
                c.Set(Register.EBX, set.Value(4));
                c.FlagMask = UndefinedFlags.ForShift(Enum.Parse<Mnemonic>(names[n], ignoreCase: true), 32, 1);
            }
        return set;
    }

    private static CaseSet DoubleShiftCases(int scale)
    {
        var set = new CaseSet("double-shift", 6002, scale);
        foreach (var mn in new[] { "shld", "shrd" })
        {
            var mnemonic = Enum.Parse<Mnemonic>(mn, ignoreCase: true);
            foreach (int size in new[] { 2, 4 })
            {
                int bits = size * 8;
                foreach (bool byCl in new[] { false, true })
                    foreach (uint count in s_counts.Concat(Enumerable.Range(0, 3).Select(_ => (uint)set.Rng.Next(256))))
                        foreach (var (x, y) in set.Pairs(size, 3))
                        {
                            bool undefinedResult = UndefinedFlags.DoubleShiftResultUndefined(bits, count);
                            // Memory cannot be masked: an undefined result is tested with a register destination only.
                            bool mem = !undefinedResult && set.Rng.Next(3) == 0;
                            var regs = AsmOps.Gprs(size).Where(r => AsmOps.Full(r) != Register.ECX).ToArray();
                            var dst = set.Pick(regs);
                            var src = set.Pick(regs.Where(r => r != dst).ToArray());
                            var c = set.Add($"{mn} {(mem ? "m" : "r")}{bits},r{bits},{(byCl ? "cl" : "imm")}");
                            c.Note = $"count={count}";
                            c.FlagMask = UndefinedFlags.ForShift(mnemonic, bits, count);
                            c.Set(src, y);
                            object target;
                            if (mem)
                            {
                                int off = set.Rng.Next(DiffLayout.DataSize - size + 1);
                                set.Poke(c, off, x, size);
                                target = set.MemOperand(c, size, off, Register.ECX, src);
                            }
                            else
                            {
                                c.Set(dst, x);
                                target = AsmOps.Reg(dst);
                                if (undefinedResult) c.Undefined(dst);
                            }
                            if (byCl) c.Set(Register.CL, count);
                            c.Emit = byCl
                                ? a => AsmOps.Emit(a, mn, target, AsmOps.Reg(src), cl)
                                : a => AsmOps.Emit(a, mn, target, AsmOps.Reg(src), (byte)count);
                        }
            }
        }
        return set;
    }

    private static CaseSet ConditionCasesAfterShifts(int scale)
    {
        var set = new CaseSet("shift-conditions", 6003, scale);
        foreach (var mn in s_shifts)
            foreach (uint count in new uint[] { 1, 3, 31 })
                foreach (int size in new[] { 1, 4 })
                {
                    var r = size == 1 ? Register.AH : Register.EAX;
                    uint mask = UndefinedFlags.ForShift(Enum.Parse<Mnemonic>(mn, ignoreCase: true), size * 8, count);
                    ConditionCases.Add(set, $"{mn} r{size * 8},{count}", a => AsmOps.Emit(a, mn, AsmOps.Reg(r), (byte)count),
                        c => c.Set(r, set.Value(size)), mask, 16);
                }
        // A zero count leaves the flags of the instruction before.
        ConditionCases.Add(set, "sub; shl r32,cl (cl=0)", a => { a.sub(eax, ebx); a.shl(eax, cl); },
            c => c.Set(Register.EAX, set.Value(4)).Set(Register.EBX, set.Value(4)).Set(Register.CL, 0), 0, 32);
        ConditionCases.Add(set, "shld r32,r32,cl", a => a.shld(eax, ebx, cl),
            c => c.Set(Register.EAX, set.Value(4)).Set(Register.EBX, set.Value(4)).Set(Register.CL, 1), UndefinedFlags.ForShift(Mnemonic.Shld, 32, 1), 16);
        ConditionCases.Add(set, "shrd r32,r32,5", a => a.shrd(eax, ebx, 5),
            c => c.Set(Register.EAX, set.Value(4)).Set(Register.EBX, set.Value(4)), UndefinedFlags.ForShift(Mnemonic.Shrd, 32, 5), 16);
        return set;
    }
}
