using Iced.Intel;
using Xunit;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Tests.Differential;

/// <summary>Differential tests of the Mov family: mov, movzx, movsx, lea, cmovcc, setcc, bswap, cbw/cwde/cwd/cdq, xlat.</summary>
public sealed class MovDiffTests
{
    [Fact]
    public void Moves() => DiffRunner.Run(MoveCases(1), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void MovesLong() => DiffRunner.Run(MoveCases(CaseSet.LongScale), withNoOpt: true);

    [Fact]
    public void Lea() => DiffRunner.Run(LeaCases(1), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void LeaLong() => DiffRunner.Run(LeaCases(CaseSet.LongScale), withNoOpt: true);

    [Fact]
    public void ConditionalMoves() => DiffRunner.Run(ConditionalCases(1), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void ConditionalMovesLong() => DiffRunner.Run(ConditionalCases(CaseSet.LongScale), withNoOpt: true);

    private static CaseSet MoveCases(int scale)
    {
        var set = new CaseSet("mov", 3001, scale);
        foreach (int size in new[] { 1, 2, 4 })
        {
            int bits = size * 8;
            var regs = AsmOps.Gprs(size);
            for (int i = 0; i < 12 * scale; i++)
            {
                var d = set.Pick(regs);
                var s = set.Pick(regs);
                uint v = set.Value(size);
                int off = set.Rng.Next(DiffLayout.DataSize - size + 1);
                set.Add($"mov r{bits},r{bits}", a => AsmOps.Emit(a, "mov", AsmOps.Reg(d), AsmOps.Reg(s)));
                set.Add($"mov r{bits},imm", a => AsmOps.Emit(a, "mov", AsmOps.Reg(d), AsmOps.Imm(size, v)));
                var c = set.Add($"mov r{bits},m{bits}");
                var m = set.MemOperand(c, size, off, d);
                c.Emit = a => AsmOps.Emit(a, "mov", AsmOps.Reg(d), m);
                c = set.Add($"mov m{bits},r{bits}");
                var m2 = set.MemOperand(c, size, off, s);
                c.Emit = a => AsmOps.Emit(a, "mov", m2, AsmOps.Reg(s));
                c = set.Add($"mov m{bits},imm");
                var m3 = set.MemOperand(c, size, off);
                c.Emit = a => AsmOps.Emit(a, "mov", m3, v);
            }
        }
        // The stack pointer as source and destination.
        set.Add("mov r32,esp", a => a.mov(ebx, esp));
        set.Add("mov esp,r32; mov r32,esp", a => { a.mov(esp, ebx); a.mov(ecx, esp); }).Set(Register.EBX, 0x1234_5678);

        // movzx / movsx from registers (including the high bytes) and memory.
        foreach (var mn in new[] { "movzx", "movsx" })
            foreach (var (dsize, ssize) in new[] { (2, 1), (4, 1), (4, 2) })
                foreach (uint v in set.Values(ssize, 8))
                {
                    var d = set.Pick(AsmOps.Gprs(dsize));
                    var s = set.Pick(AsmOps.Gprs(ssize));
                    var c = set.Add($"{mn} r{dsize * 8},r{ssize * 8}", a => AsmOps.Emit(a, mn, AsmOps.Reg(d), AsmOps.Reg(s)));
                    c.Set(s, v);
                    int off = set.Rng.Next(DiffLayout.DataSize - ssize + 1);
                    c = set.Add($"{mn} r{dsize * 8},m{ssize * 8}");
                    set.Poke(c, off, v, ssize);
                    var m = set.MemOperand(c, ssize, off, d);
                    c.Emit = a => AsmOps.Emit(a, mn, AsmOps.Reg(d), m);
                }

        // bswap; on a 16-bit register the result is undefined (the upper half must still be kept).
        foreach (uint v in set.Values(4, 8))
        {
            var r = set.Pick(AsmOps.Gprs(4));
            set.Add("bswap r32", a => a.bswap(AsmOps.R32(r))).Set(r, v);
            var r16 = set.Pick(AsmOps.Gprs(2));
            set.Add("bswap r16", a => a.bswap(new AssemblerRegister16(r16))).Set(r16, v).Undefined(r16, 0xFFFF);
        }

        // Sign extensions of the accumulator.
        foreach (var mn in new[] { "cbw", "cwde", "cwd", "cdq" })
            foreach (uint v in set.Values(4, 10))
                set.Add(mn, a => AsmOps.Emit(a, mn)).Set(Register.EAX, v);

        // xlat: AL = [EBX + AL] anywhere in the 256-byte area.
        foreach (uint v in set.Values(1, 10))
            set.Add("xlatb", a => a.xlatb()).Set(Register.EBX, DiffLayout.Mem).Set(Register.AL, v);
        return set;
    }

    private static CaseSet LeaCases(int scale)
    {
        var set = new CaseSet("lea", 3002, scale);
        var bases = AsmOps.Gpr32;
        var indexes = AsmOps.Gpr32.Where(r => r != Register.ESP).ToArray();
        int[] disps = [0, 1, -1, 0x7F, -0x80, 0x80, 0x1234_5678, -0x1234_5678];
        // Every base with every index and scale, with and without displacement; no base; no index.
        foreach (var b in bases.Cast<Register?>().Append(null))
            foreach (var x in indexes.Cast<Register?>().Append(null))
                foreach (int scaleFactor in x == null ? new[] { 1 } : [1, 2, 4, 8])
                    for (int k = 0; k < scale; k++)
                    {
                        if (b == null && x == null) continue;
                        int disp = set.Pick(disps);
                        var dst = set.Pick(AsmOps.Gprs(4));
                        var c = set.Add("lea r32,[" + (b != null ? "base" : "") + (x != null ? "+index*" + scaleFactor : "") + "+disp]");
                        c.Emit = a =>
                        {
                            AssemblerMemoryOperand m;
                            if (b != null && x != null) m = __[AsmOps.R32(b.Value) + AsmOps.R32(x.Value) * scaleFactor + disp];
                            else if (b != null) m = __[AsmOps.R32(b.Value) + disp];
                            else m = __[AsmOps.R32(x!.Value) * scaleFactor + disp];
                            a.lea(AsmOps.R32(dst), m);
                        };
                    }
        // 16-bit destinations and absolute addresses.
        for (int k = 0; k < 16 * scale; k++)
        {
            var dst = set.Pick(AsmOps.Gprs(2));
            var b = set.Pick(AsmOps.Gprs(4));
            int disp = set.Pick(disps);
            set.Add("lea r16,[base+disp]", a => a.lea(new AssemblerRegister16(dst), __[AsmOps.R32(b) + disp]));
            uint abs = set.Value(4);
            set.Add("lea r32,[disp32]", a => a.lea(AsmOps.R32(AsmOps.Full(dst)), __[(long)abs]));
        }
        // 16-bit addressing (0x67): lea eax,[bx+si+disp] etc., raw: 67 8d modrm disp16.
        byte[] modrm16 = [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x07];
        foreach (byte rm in modrm16)
            foreach (int mod in new[] { 1, 2 })
                for (int k = 0; k < scale; k++)
                {
                    byte reg = (byte)set.Pick(new[] { 0, 1, 2, 3, 5, 6, 7 });
                    ushort disp = (ushort)set.Value(2);
                    byte modrm = (byte)((mod << 6) | (reg << 3) | rm);
                    set.Add("lea r32,[16-bit address]", a =>
                    {
                        if (mod == 1) a.db(0x67, 0x8D, modrm, (byte)disp);
                        else a.db(0x67, 0x8D, modrm, (byte)disp, (byte)(disp >> 8));
                    });
                }
        return set;
    }

    private static CaseSet ConditionalCases(int scale)
    {
        var set = new CaseSet("cmov-setcc", 3003, scale);
        foreach (var cc in UndefinedFlags.AllConditions)
            for (int k = 0; k < 4 * scale; k++)
            {
                var d = set.Pick(AsmOps.Gprs(4));
                var s = set.Pick(AsmOps.Gprs(4));
                var d16 = set.Pick(AsmOps.Gprs(2));
                var d8 = set.Pick(AsmOps.Gprs(1));
                // Random flags from popfd, consumed directly.
                set.Add($"cmov{cc} r32,r32", a => AsmOps.Emit(a, AsmOps.WithCondition("cmov", cc), AsmOps.Reg(d), AsmOps.Reg(s)));
                var c = set.Add($"cmov{cc} r32,m32");
                var m = set.MemOperand(c, 4, set.Rng.Next(DiffLayout.DataSize - 3), d);
                c.Emit = a => AsmOps.Emit(a, AsmOps.WithCondition("cmov", cc), AsmOps.Reg(d), m);
                c = set.Add($"cmov{cc} r16,m16");
                var m16 = set.MemOperand(c, 2, set.Rng.Next(DiffLayout.DataSize - 1), d16);
                c.Emit = a => AsmOps.Emit(a, AsmOps.WithCondition("cmov", cc), AsmOps.Reg(d16), m16);
                set.Add($"set{cc} r8", a => AsmOps.Emit(a, AsmOps.WithCondition("set", cc), AsmOps.Reg(d8)));
                c = set.Add($"set{cc} m8");
                var m8 = set.MemOperand(c, 1, set.Rng.Next(DiffLayout.DataSize));
                c.Emit = a => AsmOps.Emit(a, AsmOps.WithCondition("set", cc), m8);
            }
        return set;
    }
}
