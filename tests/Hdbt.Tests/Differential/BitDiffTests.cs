using Iced.Intel;
using Xunit;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Tests.Differential;

/// <summary>Differential tests of the Bit family: bt, bts, btr, btc (register and memory, bit offsets beyond the operand) and bsf, bsr.</summary>
public sealed class BitDiffTests
{
    private static readonly string[] s_bitTests = ["bt", "bts", "btr", "btc"];

    [Fact]
    public void BitTests() => DiffRunner.Run(BitTestCases(1), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void BitTestsLong() => DiffRunner.Run(BitTestCases(CaseSet.LongScale), withNoOpt: true);

    [Fact]
    public void BitScans() => DiffRunner.Run(BitScanCases(1, zeroSource: false), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void BitScansLong() => DiffRunner.Run(BitScanCases(CaseSet.LongScale, zeroSource: false), withNoOpt: true);

    /// <summary>
    /// bsf/bsr of zero: Intel documents the destination as undefined, but every Intel and AMD CPU leaves
    /// it unchanged (AMD documents that) and code relies on it, so it is compared; ZF must be set.
    /// </summary>
    [Fact]
    public void BitScanZeroSourceKeepsDestination() => DiffRunner.Run(BitScanCases(1, zeroSource: true), withNoOpt: true);

    [Fact]
    public void ConditionsAfterBitOps() => DiffRunner.Run(ConditionCasesAfterBitOps(1), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void ConditionsAfterBitOpsLong() => DiffRunner.Run(ConditionCasesAfterBitOps(CaseSet.LongScale), withNoOpt: true);

    private static CaseSet BitTestCases(int scale)
    {
        var set = new CaseSet("bit-test", 7001, scale);
        foreach (var mn in s_bitTests)
        {
            uint mask = UndefinedFlags.For(Enum.Parse<Mnemonic>(mn, ignoreCase: true));
            foreach (int size in new[] { 2, 4 })
            {
                int bits = size * 8;
                var regs = AsmOps.Gprs(size);
                for (int k = 0; k < 12 * scale; k++)
                {
                    uint v = set.Value(size);
                    // Register base: the offset is taken modulo the operand size (any register value, immediates up to 255).
                    var d = set.Pick(regs);
                    var s = set.Pick(regs.Where(r => r != d).ToArray());
                    uint offset = k % 3 == 0 ? (uint)set.Rng.Next(bits) : set.Value(4);
                    var c = set.Add($"{mn} r{bits},r{bits}", a => AsmOps.Emit(a, mn, AsmOps.Reg(d), AsmOps.Reg(s)));
                    c.Set(d, v).Set(s, offset);
                    c.FlagMask = mask;
                    byte imm = (byte)set.Rng.Next(256);
                    c = set.Add($"{mn} r{bits},imm8", a => AsmOps.Emit(a, mn, AsmOps.Reg(d), imm));
                    c.Set(d, v);
                    c.FlagMask = mask;

                    // Memory base with a register offset: the offset is signed and selects any word/dword
                    // around the operand; keep it within +-256 bits of Mem+32 so it stays in the data area.
                    int memOffset = k % 4 == 0 ? set.Pick(new[] { -256, -bits - 1, -1, 0, bits - 1, bits, 255 }) : set.Rng.Next(-256, 256);
                    c = set.Add($"{mn} m{bits},r{bits}", null);
                    c.Set(s, size == 2 ? (uint)(ushort)(short)memOffset : (uint)memOffset);
                    var m = set.MemOperand(c, size, 32, s);
                    c.Emit = a => AsmOps.Emit(a, mn, m, AsmOps.Reg(s));
                    c.FlagMask = mask;
                    // Memory base with an immediate: taken modulo the operand size.
                    c = set.Add($"{mn} m{bits},imm8");
                    var m2 = set.MemOperand(c, size, set.Rng.Next(DiffLayout.DataSize - size + 1));
                    c.Emit = a => AsmOps.Emit(a, mn, m2, imm);
                    c.FlagMask = mask;
                }
            }
        }
        return set;
    }

    private static CaseSet BitScanCases(int scale, bool zeroSource)
    {
        var set = new CaseSet(zeroSource ? "bit-scan-zero" : "bit-scan", zeroSource ? 7003 : 7002, scale);
        foreach (var mn in new[] { "bsf", "bsr" })
        {
            uint mask = UndefinedFlags.For(Enum.Parse<Mnemonic>(mn, ignoreCase: true));
            foreach (int size in new[] { 2, 4 })
            {
                int bits = size * 8;
                var regs = AsmOps.Gprs(size);
                var values = zeroSource ? Enumerable.Repeat(0u, 4 * scale) : set.Values(size, 24).Where(v => v != 0);
                foreach (uint v in values)
                {
                    var d = set.Pick(regs);
                    var s = set.Pick(regs.Where(r => r != d).ToArray());
                    var c = set.Add($"{mn} r{bits},r{bits}", a => AsmOps.Emit(a, mn, AsmOps.Reg(d), AsmOps.Reg(s)));
                    c.Set(s, v);
                    c.FlagMask = mask;
                    int off = set.Rng.Next(DiffLayout.DataSize - size + 1);
                    c = set.Add($"{mn} r{bits},m{bits}");
                    set.Poke(c, off, v, size);
                    var m = set.MemOperand(c, size, off, d);
                    c.Emit = a => AsmOps.Emit(a, mn, AsmOps.Reg(d), m);
                    c.FlagMask = mask;
                }
            }
        }
        return set;
    }

    private static CaseSet ConditionCasesAfterBitOps(int scale)
    {
        var set = new CaseSet("bit-conditions", 7004, scale);
        foreach (var mn in s_bitTests)
            ConditionCases.Add(set, $"{mn} r32,r32", a => AsmOps.Emit(a, mn, eax, ebx),
                c => c.Set(Register.EAX, set.Value(4)).Set(Register.EBX, (uint)set.Rng.Next(64)),
                UndefinedFlags.For(Enum.Parse<Mnemonic>(mn, ignoreCase: true)), 16);
        // ZF is not changed by bt: the preceding compare's ZF must survive.
        ConditionCases.Add(set, "cmp; bt m32,imm", a => { a.cmp(ecx, ebx); a.bt(__dword_ptr[(long)DiffLayout.Mem + 8], 13); },
            c => c.Set(Register.ECX, set.Value(4)).Set(Register.EBX, set.Rng.Next(2) == 0 ? c.Regs[1] : set.Value(4)),
            UndefinedFlags.For(Mnemonic.Bt), 16);
        foreach (var mn in new[] { "bsf", "bsr" })
            ConditionCases.Add(set, $"{mn} r32,r32", a => AsmOps.Emit(a, mn, eax, ebx),
                c => c.Set(Register.EBX, set.Rng.Next(3) == 0 ? 0 : set.Value(4)),
                UndefinedFlags.For(Enum.Parse<Mnemonic>(mn, ignoreCase: true)), 16);
        return set;
    }
}
