using Iced.Intel;
using Xunit;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Tests.Differential;

/// <summary>Differential tests of the Atomic family: xchg, cmpxchg, cmpxchg8b, xadd, and lock-prefixed read-modify-write forms.</summary>
public sealed class AtomicDiffTests
{
    [Fact]
    public void Exchange() => DiffRunner.Run(ExchangeCases(1), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void ExchangeLong() => DiffRunner.Run(ExchangeCases(CaseSet.LongScale), withNoOpt: true);

    [Fact]
    public void CompareExchange() => DiffRunner.Run(CompareExchangeCases(1), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void CompareExchangeLong() => DiffRunner.Run(CompareExchangeCases(CaseSet.LongScale), withNoOpt: true);

    /// <summary>lock add/sub/and/or/xor/adc/sbb/inc/dec/neg/not on memory (the Alu family with a lock prefix).</summary>
    [Fact]
    public void LockedAlu() => DiffRunner.Run(LockedAluCases(1), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void LockedAluLong() => DiffRunner.Run(LockedAluCases(CaseSet.LongScale), withNoOpt: true);

    private static CaseSet ExchangeCases(int scale)
    {
        var set = new CaseSet("xchg-xadd", 10001, scale);
        foreach (int size in new[] { 1, 2, 4 })
        {
            int bits = size * 8;
            var regs = AsmOps.Gprs(size);
            foreach (var (x, y) in set.Pairs(size, 10))
            {
                // xchg r,r (with EAX: the one-byte 90+r form), including a register with itself.
                var d = set.Pick(regs);
                var s = set.Pick(regs);
                set.Add($"xchg r{bits},r{bits}", a => AsmOps.Emit(a, "xchg", AsmOps.Reg(d), AsmOps.Reg(s))).Set(s, y).Set(d, x);
                int off = set.Rng.Next(DiffLayout.DataSize - size + 1);
                foreach (bool locked in new[] { false, true })
                {
                    var c = set.Add($"{(locked ? "lock " : "")}xchg m{bits},r{bits}");
                    c.Set(s, y);
                    set.Poke(c, off, x, size);
                    var m = set.MemOperand(c, size, off, s);
                    c.Emit = a => AsmOps.Emit(locked ? a.@lock : a, "xchg", m, AsmOps.Reg(s));
                }
                // xadd: dst = dst + src, src = old dst; flags as add.
                set.Add($"xadd r{bits},r{bits}", a => AsmOps.Emit(a, "xadd", AsmOps.Reg(d), AsmOps.Reg(s))).Set(s, y).Set(d, x);
                foreach (bool locked in new[] { false, true })
                {
                    var c = set.Add($"{(locked ? "lock " : "")}xadd m{bits},r{bits}");
                    c.Set(s, y);
                    set.Poke(c, off, x, size);
                    var m = set.MemOperand(c, size, off, s);
                    c.Emit = a => AsmOps.Emit(locked ? a.@lock : a, "xadd", m, AsmOps.Reg(s));
                }
            }
        }
        return set;
    }

    private static CaseSet CompareExchangeCases(int scale)
    {
        var set = new CaseSet("cmpxchg", 10002, scale);
        foreach (int size in new[] { 1, 2, 4 })
        {
            int bits = size * 8;
            var acc = size == 1 ? Register.AL : size == 2 ? Register.AX : Register.EAX;
            var regs = AsmOps.Gprs(size).Where(r => AsmOps.Full(r) != Register.EAX).ToArray();
            for (int k = 0; k < 24 * set.Scale; k++)
            {
                // Half of the cases succeed (accumulator equal to the destination).
                uint dv = set.Value(size), av = k % 2 == 0 ? dv : set.Value(size), sv = set.Value(size);
                var d = set.Pick(regs);
                var s = set.Pick(regs);
                var c = set.Add($"cmpxchg r{bits},r{bits}", a => AsmOps.Emit(a, "cmpxchg", AsmOps.Reg(d), AsmOps.Reg(s)));
                c.Set(s, sv).Set(d, dv).Set(acc, av);
                if (d == s) c.Note = "same register";
                int off = set.Rng.Next(DiffLayout.DataSize - size + 1);
                bool locked = k % 3 == 0;
                c = set.Add($"{(locked ? "lock " : "")}cmpxchg m{bits},r{bits}");
                c.Set(s, sv).Set(acc, av);
                set.Poke(c, off, dv, size);
                var m = set.MemOperand(c, size, off, s, Register.EAX);
                c.Emit = a => AsmOps.Emit(locked ? a.@lock : a, "cmpxchg", m, AsmOps.Reg(s));
                // cmpxchg with the accumulator itself as source.
                c = set.Add($"cmpxchg r{bits},acc", a => AsmOps.Emit(a, "cmpxchg", AsmOps.Reg(d), AsmOps.Reg(acc)));
                c.Set(d, dv).Set(acc, av);
            }
        }
        // cmpxchg8b: compares EDX:EAX with m64; stores ECX:EBX on success, loads m64 into EDX:EAX otherwise; only ZF changes.
        for (int k = 0; k < 24 * scale; k++)
        {
            uint lo = set.Value(4), hi = set.Value(4);
            int off = 8 * set.Rng.Next(DiffLayout.DataSize / 8);
            bool locked = k % 2 == 1;
            var c = set.Add($"{(locked ? "lock " : "")}cmpxchg8b m64");
            int match = k % 4;
            c.Set(Register.EAX, match >= 2 ? lo : lo ^ (match == 0 ? 1u : 0)).Set(Register.EDX, match >= 2 ? hi : hi ^ (match == 1 ? 0x8000_0000u : 0));
            c.Set(Register.EBX, set.Value(4)).Set(Register.ECX, set.Value(4));
            set.Poke(c, off, lo, 4);
            set.Poke(c, off + 4, hi, 4);
            var m = set.MemOperand(c, 8, off, Register.EAX, Register.EDX, Register.EBX, Register.ECX);
            c.Emit = a => (locked ? a.@lock : a).cmpxchg8b(m);
        }
        // A compare-and-swap loop as lock-free code writes it.
        for (int k = 0; k < 4 * scale; k++)
        {
            var c = set.Add("cas loop: mov; lea; lock cmpxchg; jne", a =>
            {
                var retry = a.CreateLabel();
                a.mov(eax, __dword_ptr[(long)DiffLayout.Mem + 16]);
                a.Label(ref retry);
                a.lea(ecx, __[eax + 5]);
                a.@lock.cmpxchg(__dword_ptr[(long)DiffLayout.Mem + 16], ecx);
                a.jne(retry);
            });
            set.Poke(c, 16, set.Value(4), 4);
        }
        return set;
    }

    private static CaseSet LockedAluCases(int scale)
    {
        var set = new CaseSet("locked-alu", 10003, scale);
        foreach (var mn in new[] { "add", "or", "adc", "sbb", "and", "sub", "xor" })
            foreach (int size in new[] { 1, 2, 4 })
                foreach (var (x, y) in set.Pairs(size, 4))
                {
                    int bits = size * 8;
                    var s = set.Pick(AsmOps.Gprs(size));
                    int off = set.Rng.Next(DiffLayout.DataSize - size + 1);
                    uint mask = UndefinedFlags.For(Enum.Parse<Mnemonic>(mn, ignoreCase: true));
                    var c = set.Add($"lock {mn} m{bits},r{bits}");
                    c.Set(s, y);
                    set.Poke(c, off, x, size);
                    var m = set.MemOperand(c, size, off, s);
                    c.Emit = a => AsmOps.Emit(a.@lock, mn, m, AsmOps.Reg(s));
                    c.FlagMask = mask;
                    c = set.Add($"lock {mn} m{bits},imm");
                    set.Poke(c, off, x, size);
                    var m2 = set.MemOperand(c, size, off);
                    c.Emit = a => AsmOps.Emit(a.@lock, mn, m2, y);
                    c.FlagMask = mask;
                }
        foreach (var mn in new[] { "inc", "dec", "neg", "not" })
            foreach (int size in new[] { 1, 2, 4 })
                foreach (uint x in set.Values(size, 6))
                {
                    int off = set.Rng.Next(DiffLayout.DataSize - size + 1);
                    var c = set.Add($"lock {mn} m{size * 8}");
                    set.Poke(c, off, x, size);
                    var m = set.MemOperand(c, size, off);
                    c.Emit = a => AsmOps.Emit(a.@lock, mn, m);
                }
        return set;
    }
}
