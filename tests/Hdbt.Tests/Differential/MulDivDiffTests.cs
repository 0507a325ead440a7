using Iced.Intel;
using Xunit;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Tests.Differential;

/// <summary>
/// Differential tests of the MulDiv family: mul, imul (one, two and three operands), div, idiv
/// (non-faulting values), the faulting divisions (#DE: SIGFPE, status 136), and conditions after mul.
/// </summary>
public sealed class MulDivDiffTests
{
    [Fact]
    public void Multiply() => DiffRunner.Run(MultiplyCases(1), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void MultiplyLong() => DiffRunner.Run(MultiplyCases(CaseSet.LongScale), withNoOpt: true);

    [Fact]
    public void Divide() => DiffRunner.Run(DivideCases(1), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void DivideLong() => DiffRunner.Run(DivideCases(CaseSet.LongScale), withNoOpt: true);

    [Fact]
    public void ConditionsAfterMultiply() => DiffRunner.Run(ConditionCasesAfterMultiply(1), withNoOpt: true);

    /// <summary>Divide by zero and quotient overflow kill the process with SIGFPE (exit status 128 + 8), natively and under hdbt.</summary>
    [Fact]
    public void DivideErrorsRaiseSigfpe()
    {
        var set = new CaseSet("divide-error", 8004);
        set.Add("div r32 by zero", a => a.div(ecx)).Set(Register.ECX, 0).Set(Register.EDX, 0);
        set.Add("div r8 by zero", a => a.div(bl)).Set(Register.BL, 0);
        set.Add("idiv m16 by zero", a => a.idiv(__word_ptr[(long)DiffLayout.Mem])).Poke(0, 0, 2, set.DefaultMemory);
        set.Add("div r32 quotient overflow", a => a.div(ecx)).Set(Register.ECX, 2).Set(Register.EDX, 2);
        set.Add("div r16 quotient overflow", a => a.div(cx)).Set(Register.CX, 0x10).Set(Register.DX, 0x10);
        set.Add("idiv r32 INT_MIN/-1", a => a.idiv(ecx)).Set(Register.ECX, 0xFFFF_FFFF).Set(Register.EDX, 0xFFFF_FFFF).Set(Register.EAX, 0x8000_0000);
        set.Add("idiv r8 -128/-1", a => a.idiv(bl)).Set(Register.BL, 0xFF).Set(Register.AX, 0xFF80);
        set.Add("idiv r32 positive overflow", a => a.idiv(ecx)).Set(Register.ECX, 1).Set(Register.EDX, 0).Set(Register.EAX, 0x8000_0000);
        DiffRunner.RunEachAlone(set, 128 + 8);
    }

    private static CaseSet MultiplyCases(int scale)
    {
        var set = new CaseSet("multiply", 8001, scale);
        uint mask = UndefinedFlags.For(Mnemonic.Mul);
        foreach (int size in new[] { 1, 2, 4 })
        {
            int bits = size * 8;
            foreach (var (x, y) in set.Pairs(size, 24))
            {
                // One operand: AL/AX/EAX times r/m into AX, DX:AX, EDX:EAX.
                foreach (var mn in new[] { "mul", "imul" })
                {
                    var acc = size == 1 ? Register.AL : size == 2 ? Register.AX : Register.EAX;
                    var src = set.Pick(AsmOps.Gprs(size).Where(r => AsmOps.Full(r) != Register.EAX || set.Rng.Next(4) == 0).ToArray());
                    var c = set.Add($"{mn} r{bits}", a => AsmOps.Emit(a, mn, AsmOps.Reg(src)));
                    c.Set(acc, x);
                    if (AsmOps.Full(src) != Register.EAX) c.Set(src, y);
                    c.FlagMask = mask;
                    int off = set.Rng.Next(DiffLayout.DataSize - size + 1);
                    c = set.Add($"{mn} m{bits}");
                    c.Set(acc, x);
                    set.Poke(c, off, y, size);
                    var m = set.MemOperand(c, size, off, Register.EAX, Register.EDX);
                    c.Emit = a => AsmOps.Emit(a, mn, m);
                    c.FlagMask = mask;
                }
                if (size == 1) continue;
                // Two and three operands (16/32-bit only): the truncated product.
                var regs = AsmOps.Gprs(size);
                var d = set.Pick(regs);
                var s = set.Pick(regs);
                var c2 = set.Add($"imul r{bits},r{bits}", a => AsmOps.Emit(a, "imul", AsmOps.Reg(d), AsmOps.Reg(s)));
                c2.Set(s, y).Set(d, x);
                c2.FlagMask = mask;
                int off2 = set.Rng.Next(DiffLayout.DataSize - size + 1);
                c2 = set.Add($"imul r{bits},m{bits}");
                c2.Set(d, x);
                set.Poke(c2, off2, y, size);
                var m2 = set.MemOperand(c2, size, off2, d);
                c2.Emit = a => AsmOps.Emit(a, "imul", AsmOps.Reg(d), m2);
                c2.FlagMask = mask;
                // imm8 (sign-extended) and full-size immediates.
                uint imm = set.Rng.Next(2) == 0 ? (uint)(sbyte)set.Rng.Next(-128, 128) : y;
                object immOperand = size == 2 ? (object)(short)imm : (object)(int)imm;
                c2 = set.Add($"imul r{bits},r{bits},imm", a => AsmOps.Emit(a, "imul", AsmOps.Reg(d), AsmOps.Reg(s), immOperand));
                c2.Set(s, x);
                c2.FlagMask = mask;
                c2 = set.Add($"imul r{bits},m{bits},imm");
                set.Poke(c2, off2, x, size);
                var m3 = set.MemOperand(c2, size, off2, d);
                c2.Emit = a => AsmOps.Emit(a, "imul", AsmOps.Reg(d), m3, immOperand);
                c2.FlagMask = mask;
            }
        }
        return set;
    }

    private static CaseSet DivideCases(int scale)
    {
        var set = new CaseSet("divide", 8002, scale);
        uint mask = UndefinedFlags.For(Mnemonic.Div);
        foreach (int size in new[] { 1, 2, 4 })
        {
            int bits = size * 8;
            foreach (var mn in new[] { "div", "idiv" })
                for (int k = 0; k < 40 * scale; k++)
                {
                    var (dividend, divisor) = mn == "div" ? UnsignedOperands(set, size) : SignedOperands(set, size);
                    bool mem = set.Rng.Next(3) == 0;
                    var src = set.Pick(AsmOps.Gprs(size).Where(r => AsmOps.Full(r) is not (Register.EAX or Register.EDX)).ToArray());
                    var c = set.Add($"{mn} {(mem ? "m" : "r")}{bits}");
                    // The dividend: AX, DX:AX or EDX:EAX.
                    if (size == 1) c.Set(Register.AX, (uint)dividend);
                    else
                    {
                        c.Set(size == 2 ? Register.AX : Register.EAX, (uint)dividend & DiffValues.Mask(size));
                        c.Set(size == 2 ? Register.DX : Register.EDX, (uint)(dividend >> bits) & DiffValues.Mask(size));
                    }
                    if (mem)
                    {
                        int off = set.Rng.Next(DiffLayout.DataSize - size + 1);
                        set.Poke(c, off, divisor, size);
                        var m = set.MemOperand(c, size, off, Register.EAX, Register.EDX);
                        c.Emit = a => AsmOps.Emit(a, mn, m);
                    }
                    else
                    {
                        c.Set(src, divisor);
                        c.Emit = a => AsmOps.Emit(a, mn, AsmOps.Reg(src));
                    }
                    c.FlagMask = mask;
                }
        }
        return set;
    }

    /// <summary>A dividend (2*size bytes) and a nonzero divisor whose quotient fits in size bytes.</summary>
    private static (ulong Dividend, uint Divisor) UnsignedOperands(CaseSet set, int size)
    {
        int bits = size * 8;
        ulong mask = DiffValues.Mask(size);
        uint d;
        do d = set.Value(size); while (d == 0);
        ulong q = set.Value(size) & mask;
        ulong r = (ulong)set.Rng.NextInt64(0, d);
        return (q * d + r, d);
    }

    /// <summary>A signed dividend and divisor whose truncated quotient fits in size bytes.</summary>
    private static (ulong Dividend, uint Divisor) SignedOperands(CaseSet set, int size)
    {
        int bits = size * 8;
        while (true)
        {
            long d = SignExtend(set.Value(size), bits);
            if (d == 0) continue;
            long q = SignExtend(set.Value(size), bits);
            long r = set.Rng.NextInt64(0, Math.Abs(d));
            long n = q * d;
            // The remainder takes the dividend's sign.
            n += n < 0 ? -r : r;
            // For 32-bit operands |q*d| < 2^62 always fits the 64-bit dividend.
            if (bits < 32 && (n < -(1L << (2 * bits - 1)) || n > (1L << (2 * bits - 1)) - 1)) continue;
            long quotient = n / d;
            if (quotient < -(1L << (bits - 1)) || quotient > (1L << (bits - 1)) - 1) continue;
            return ((ulong)n, (uint)d & DiffValues.Mask(size));
        }
    }

    private static long SignExtend(uint v, int bits) => bits == 32 ? (int)v : bits == 16 ? (short)v : (sbyte)v;

    private static CaseSet ConditionCasesAfterMultiply(int scale)
    {
        var set = new CaseSet("multiply-conditions", 8003, scale);
        uint mask = UndefinedFlags.For(Mnemonic.Mul);
        ConditionCases.Add(set, "mul r32", a => a.mul(ebx), c => c.Set(Register.EAX, set.Value(4)).Set(Register.EBX, set.Value(4)), mask, 16);
        ConditionCases.Add(set, "mul r8", a => a.mul(bl), c => c.Set(Register.AL, set.Value(1)).Set(Register.BL, set.Value(1)), mask, 16);
        ConditionCases.Add(set, "imul r16", a => a.imul(bx), c => c.Set(Register.AX, set.Value(2)).Set(Register.BX, set.Value(2)), mask, 16);
        ConditionCases.Add(set, "imul r32,r32", a => a.imul(eax, ebx), c => c.Set(Register.EAX, set.Value(4)).Set(Register.EBX, set.Value(4)), mask, 16);
        ConditionCases.Add(set, "imul r32,r32,imm", a => a.imul(eax, ebx, 1000), c => c.Set(Register.EBX, set.Value(4)), mask, 16);
        return set;
    }
}
