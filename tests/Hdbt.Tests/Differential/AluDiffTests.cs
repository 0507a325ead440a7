using Iced.Intel;
using Xunit;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Tests.Differential;

/// <summary>Differential tests of the Alu family: add, or, adc, sbb, and, sub, xor, cmp, test, inc, dec, neg, not.</summary>
public sealed class AluDiffTests
{
    private static readonly string[] s_binary = ["add", "or", "adc", "sbb", "and", "sub", "xor", "cmp", "test"];

    [Fact]
    public void Binary() => DiffRunner.Run(BinaryCases(1), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void BinaryLong() => DiffRunner.Run(BinaryCases(CaseSet.LongScale), withNoOpt: true);

    [Fact]
    public void Unary() => DiffRunner.Run(UnaryCases(1), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void UnaryLong() => DiffRunner.Run(UnaryCases(CaseSet.LongScale), withNoOpt: true);

    [Fact]
    public void Sequences() => DiffRunner.Run(SequenceCases(1), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void SequencesLong() => DiffRunner.Run(SequenceCases(CaseSet.LongScale), withNoOpt: true);

    [Fact]
    public void Encodings() => DiffRunner.Run(EncodingCases(1), withNoOpt: true);

    /// <summary>Operand forms of a binary ALU instruction.</summary>
    private enum Form { RegReg, RegImm, RegMem, MemReg, MemImm }

    private static CaseSet BinaryCases(int scale)
    {
        var set = new CaseSet("alu-binary", 1001, scale);
        foreach (var mn in s_binary)
            foreach (int size in new[] { 1, 2, 4 })
                foreach (var form in Enum.GetValues<Form>())
                {
                    if (mn == "test" && form == Form.RegMem) continue; // test has only the r/m,r and r/m,imm encodings
                    // Register forms get every pair of edge values (with both carries for adc/sbb); the
                    // other forms a sample of them, and all get seeded random pairs.
                    bool carryIn = mn is "adc" or "sbb";
                    var pairs = form == Form.RegReg
                        ? DiffValues.EdgePairs(size).Concat(Enumerable.Range(0, 4 * scale).Select(_ => (set.Value(size), set.Value(size))))
                        : set.Pairs(size, 4);
                    foreach (var (x, y) in pairs.ToList())
                        foreach (uint cf in carryIn ? new uint[] { 0, 1 } : [2])
                            AddBinary(set, mn, size, form, x, y, cf);
                }
        // The stack pointer as destination (frame set-up and tear-down).
        foreach (var mn in new[] { "add", "sub", "and" })
            foreach (uint imm in new uint[] { 4, 16, 0xFFFF_FFF0, 0x7C })
                set.Add($"{mn} esp,imm", a => AsmOps.Emit(a, mn, esp, imm));
        return set;
    }

    /// <summary>One binary-op case; <paramref name="cf"/> 0/1 forces the incoming carry, 2 leaves it random.</summary>
    private static void AddBinary(CaseSet set, string mn, int size, Form form, uint x, uint y, uint cf)
    {
        int bits = size * 8;
        string shape = form switch
        {
            Form.RegReg => $"r{bits},r{bits}",
            Form.RegImm => $"r{bits},imm",
            Form.RegMem => $"r{bits},m{bits}",
            Form.MemReg => $"m{bits},r{bits}",
            _ => $"m{bits},imm",
        };
        var regs = AsmOps.Gprs(size);
        var dst = set.Pick(regs);
        var src = set.Pick(regs);
        int offset = set.Rng.Next(DiffLayout.DataSize - size + 1);
        SnippetCase c = null!;
        switch (form)
        {
            case Form.RegReg:
                // dst == src tests "op r, r" (xor eax, eax, sub, cmp with itself).
                c = set.Add($"{mn} {shape}", a => AsmOps.Emit(a, mn, AsmOps.Reg(dst), AsmOps.Reg(src)));
                c.Set(src, y).Set(dst, x);
                break;
            case Form.RegImm:
                c = set.Add($"{mn} {shape}", a => AsmOps.Emit(a, mn, AsmOps.Reg(dst), AsmOps.Imm(size, y)));
                c.Set(dst, x);
                break;
            case Form.RegMem:
            {
                c = set.Add($"{mn} {shape}");
                c.Set(dst, x);
                var m = set.MemOperand(c, size, offset, dst);
                set.Poke(c, offset, y, size);
                c.Emit = a => AsmOps.Emit(a, mn, AsmOps.Reg(dst), m);
                break;
            }
            case Form.MemReg:
            {
                c = set.Add($"{mn} {shape}");
                c.Set(src, y);
                var m = set.MemOperand(c, size, offset, src);
                set.Poke(c, offset, x, size);
                c.Emit = a => AsmOps.Emit(a, mn, m, AsmOps.Reg(src));
                break;
            }
            default:
            {
                c = set.Add($"{mn} {shape}");
                var m = set.MemOperand(c, size, offset);
                set.Poke(c, offset, x, size);
                c.Emit = a => AsmOps.Emit(a, mn, m, size == 4 ? y : y & DiffValues.Mask(size));
                break;
            }
        }
        if (cf != 2) c.Flags = (c.Flags & ~UndefinedFlags.CF) | cf;
        c.FlagMask = UndefinedFlags.For(Enum.Parse<Mnemonic>(mn, ignoreCase: true));
    }

    /// <summary>
    /// Encodings the assembler does not choose by itself: the reg,r/m direction with two registers, the
    /// 0x82 alias of 0x80, the eAX short forms, redundant and segment-override prefixes.
    /// </summary>
    private static CaseSet EncodingCases(int scale)
    {
        var set = new CaseSet("alu-encodings", 1004, scale);
        uint mem = DiffLayout.Mem + 8;
        byte[] disp = [(byte)mem, (byte)(mem >> 8), (byte)(mem >> 16), (byte)(mem >> 24)];
        var encodings = new List<(string Name, byte[] Bytes)>();
        for (int op = 0; op < 8; op++)
        {
            string mn = new[] { "add", "or", "adc", "sbb", "and", "sub", "xor", "cmp" }[op];
            byte b = (byte)(op << 3);
            encodings.Add(($"{mn} r8,r/m8 (reg form)", [(byte)(b + 2), 0xE3])); // ah, bl
            encodings.Add(($"{mn} r32,r/m32 (reg form)", [(byte)(b + 3), 0xC3])); // eax, ebx
            encodings.Add(($"{mn} r16,r/m16 (reg form)", [0x66, (byte)(b + 3), 0xCE])); // cx, si
            encodings.Add(($"{mn} al,imm8 (short form)", [(byte)(b + 4), 0x81]));
            encodings.Add(($"{mn} eax,imm32 (short form)", [(byte)(b + 5), 0x01, 0x00, 0x00, 0x80]));
            encodings.Add(($"{mn} ax,imm16 (short form)", [0x66, (byte)(b + 5), 0xFF, 0x7F]));
            encodings.Add(($"{mn} r/m8,imm8 (0x82 alias)", [0x82, (byte)(0xC0 | b | 7), 0x7F])); // bh
            encodings.Add(($"{mn} r/m32,imm8 (sign-extended)", [0x83, (byte)(0xC0 | b | 6), 0x80])); // esi
            encodings.Add(($"{mn} ds:[disp32],r32", [0x3E, (byte)(b + 1), 0x0D, .. disp])); // ecx
            encodings.Add(($"{mn} r8,es:[disp32]", [0x26, (byte)(b + 2), 0x15, .. disp])); // dl
            encodings.Add(($"{mn} r16,ss:[disp32]", [0x36, 0x66, (byte)(b + 3), 0x1D, .. disp])); // bx
        }
        encodings.Add(("test al,imm8 (short form)", [0xA8, 0x81]));
        encodings.Add(("test eax,imm32 (short form)", [0xA9, 0x00, 0x00, 0x00, 0x80]));
        encodings.Add(("test r/m8,imm8 (f6 /1 alias)", [0xF6, 0xCB, 0x0F])); // bl
        encodings.Add(("add with redundant 66 66", [0x66, 0x66, 0x01, 0xD8])); // ax, bx
        // A read through CS (the code segment is readable; a write through it would fault).
        encodings.Add(("add r32,cs:[disp32]", [0x2E, 0x03, 0x05, .. disp]));
        encodings.Add(("inc r32 (40+r)", [0x43]));
        encodings.Add(("dec r16 (66 48+r)", [0x66, 0x4F]));
        encodings.Add(("inc r/m32 (ff /0 with a register)", [0xFF, 0xC1]));
        encodings.Add(("dec r/m16 (66 ff /1 with a register)", [0x66, 0xFF, 0xCA]));
        for (int k = 0; k < 6 * scale; k++)
            foreach (var (name, bytes) in encodings)
            {
                var c = set.Add(name, a => a.db(bytes));
                c.Set(Register.EAX, set.Value(4)).Set(Register.EBX, set.Value(4)).Set(Register.ECX, set.Value(4));
                if (name.StartsWith("and", StringComparison.Ordinal) || name.StartsWith("or", StringComparison.Ordinal) ||
                    name.StartsWith("xor", StringComparison.Ordinal) || name.StartsWith("test", StringComparison.Ordinal))
                    c.FlagMask = UndefinedFlags.AF;
            }
        return set;
    }

    private static CaseSet UnaryCases(int scale)
    {
        var set = new CaseSet("alu-unary", 1002, scale);
        foreach (var mn in new[] { "inc", "dec", "neg", "not" })
            foreach (int size in new[] { 1, 2, 4 })
                foreach (bool mem in new[] { false, true })
                    foreach (uint x in set.Values(size, 12))
                        foreach (uint cf in mn is "inc" or "dec" ? new uint[] { 0, 1 } : [2])
                        {
                            int bits = size * 8;
                            SnippetCase c;
                            if (!mem)
                            {
                                var r = set.Pick(AsmOps.Gprs(size));
                                c = set.Add($"{mn} r{bits}", a => AsmOps.Emit(a, mn, AsmOps.Reg(r)));
                                c.Set(r, x);
                            }
                            else
                            {
                                int offset = set.Rng.Next(DiffLayout.DataSize - size + 1);
                                c = set.Add($"{mn} m{bits}");
                                var m = set.MemOperand(c, size, offset);
                                set.Poke(c, offset, x, size);
                                c.Emit = a => AsmOps.Emit(a, mn, m);
                            }
                            if (cf != 2) c.Flags = (c.Flags & ~UndefinedFlags.CF) | cf;
                        }
        return set;
    }

    /// <summary>Chains where one instruction consumes the flags of the previous one (carry chains, flags across blocks).</summary>
    private static CaseSet SequenceCases(int scale)
    {
        var set = new CaseSet("alu-sequences", 1003, scale);
        for (int i = 0; i < 60 * scale; i++)
        {
            uint x = set.Value(4), y = set.Value(4), z = set.Value(4), w = set.Value(4);
            // 64-bit add and subtract: adc/sbb consume the carry of add/sub in the same block.
            set.Add("add/adc 64-bit", a => { a.add(eax, ebx); a.adc(edx, ecx); }).Set(Register.EAX, x).Set(Register.EBX, y).Set(Register.EDX, z).Set(Register.ECX, w);
            set.Add("sub/sbb 64-bit", a => { a.sub(eax, ebx); a.sbb(edx, ecx); }).Set(Register.EAX, x).Set(Register.EBX, y).Set(Register.EDX, z).Set(Register.ECX, w);
            // The same across a block boundary: the consumer sees only the run-time lazy state.
            set.Add("add; jmp; adc", a => { var l = a.CreateLabel(); a.add(eax, ebx); a.jmp(l); a.Label(ref l); a.adc(edx, ecx); })
                .Set(Register.EAX, x).Set(Register.EBX, y).Set(Register.EDX, z).Set(Register.ECX, w);
            set.Add("sub; jmp; sbb", a => { var l = a.CreateLabel(); a.sub(eax, ebx); a.jmp(l); a.Label(ref l); a.sbb(edx, ecx); })
                .Set(Register.EAX, x).Set(Register.EBX, y).Set(Register.EDX, z).Set(Register.ECX, w);
            // inc/dec keep CF from the op before; adc after inc uses that CF.
            set.Add("cmp; inc; adc", a => { a.cmp(eax, ebx); a.inc(ecx); a.adc(edx, 0); })
                .Set(Register.EAX, x).Set(Register.EBX, y).Set(Register.ECX, z);
            set.Add("add; dec; jmp; sbb", a => { var l = a.CreateLabel(); a.add(eax, ebx); a.dec(ecx); a.jmp(l); a.Label(ref l); a.sbb(edx, 0); })
                .Set(Register.EAX, x).Set(Register.EBX, y).Set(Register.ECX, z);
            // adc/sbb with the carry of a logic op (always 0), of neg, of sbb itself, and with byte registers.
            set.Add("and; adc", a => { a.and(eax, ebx); a.adc(ecx, edx); }).Set(Register.EAX, x).Set(Register.EBX, y);
            set.Add("neg; sbb", a => { a.neg(eax); a.sbb(ecx, ecx); }).Set(Register.EAX, i % 4 == 0 ? 0 : x);
            set.Add("sbb; sbb", a => { a.sbb(eax, ebx); a.sbb(ecx, edx); }).Set(Register.EAX, x).Set(Register.EBX, y);
            set.Add("add ah; adc bh", a => { a.add(ah, al); a.adc(bh, bl); }).Set(Register.EAX, x).Set(Register.EBX, y);
            // Flags from popfd consumed directly (the lazy state is the flag word itself).
            set.Add("adc after popfd", a => a.adc(eax, ebx)).Set(Register.EAX, x).Set(Register.EBX, y);
            // Dead-flag elimination: only the last flag writer matters, but each result must be kept.
            set.Add("add; sub; xor; cmp", a => { a.add(eax, ebx); a.sub(ecx, eax); a.xor(edx, ecx); a.cmp(edx, esi); })
                .Set(Register.EAX, x).Set(Register.EBX, y).Set(Register.ECX, z).Set(Register.EDX, w);
            set.Add("xor r,r; sub r,r", a => { a.xor(eax, eax); a.sub(ebx, ebx); a.adc(ecx, ecx); });
        }
        return set;
    }
}
