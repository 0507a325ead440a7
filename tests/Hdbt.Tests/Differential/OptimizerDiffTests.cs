using Iced.Intel;
using Xunit;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Tests.Differential;

/// <summary>
/// Random straight-line sequences mixing the Alu, Mov, FlagOps and Stack families, where flags and
/// values flow between instructions inside one block: the cases that exercise the IR optimizer's
/// constant folding, copy propagation and dead-flag elimination (each run also with --no-opt).
/// </summary>
/// <remarks>
/// The generator tracks which flags are undefined at each point (after and/or/xor/test, AF) so that
/// no instruction reads an undefined flag and the final mask is exact. EDI holds the address of the
/// memory area throughout and serves as a base register.
/// </remarks>
public sealed class OptimizerDiffTests
{
    [Fact]
    public void RandomSequences() => DiffRunner.Run(SequenceCases(1), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void RandomSequencesLong() => DiffRunner.Run(SequenceCases(CaseSet.LongScale), withNoOpt: true);

    private static readonly string[] s_binary = ["add", "or", "adc", "sbb", "and", "sub", "xor", "cmp", "test"];

    /// <summary>Registers a sequence may write: all but ESP (the stack) and EDI (the base of the memory area).</summary>
    private static Register[] Writable(int size) => AsmOps.Gprs(size).Where(r => AsmOps.Full(r) != Register.EDI).ToArray();

    private static CaseSet SequenceCases(int scale)
    {
        var set = new CaseSet("optimizer-sequences", 11001, scale);
        for (int n = 0; n < 400 * scale; n++)
        {
            var steps = new List<Action<Assembler>>();
            var text = new List<string>();
            uint undefined = 0;
            int depth = 0;
            int length = set.Rng.Next(3, 11);
            for (int k = 0; k < length; k++)
                AddStep(set, steps, text, ref undefined, ref depth);
            var c = set.Add(string.Join("; ", text), a => { foreach (var s in steps) s(a); });
            c.Set(Register.EDI, DiffLayout.Mem);
            c.FlagMask = undefined;
            // Small values make equal operands, zero results and carries more frequent.
            foreach (var r in new[] { Register.EAX, Register.ECX, Register.EDX, Register.EBX, Register.EBP, Register.ESI })
                if (set.Rng.Next(3) == 0) c.Set(r, (uint)set.Rng.Next(-2, 3));
        }
        return set;
    }

    private static void AddStep(CaseSet set, List<Action<Assembler>> steps, List<string> text, ref uint undefined, ref int depth)
    {
        var rng = set.Rng;
        int size = set.Pick(new[] { 1, 2, 4, 4 });
        var regs = Writable(size);
        var d = set.Pick(regs);
        var s = set.Pick(regs);
        int off = rng.Next(DiffLayout.DataSize - size + 1);
        var mem = rng.Next(2) == 0 ? AsmOps.MemAbs(size, DiffLayout.Mem + (uint)off) : AsmOps.Mem(size, edi + off);
        uint definedConditionsMask = undefined;
        switch (rng.Next(16))
        {
            case 0:
            case 1:
            case 2:
            {
                // A binary ALU op: register, immediate or memory source; register or memory destination.
                string mn = set.Pick(s_binary);
                uint imm = set.Value(size);
                int form = rng.Next(mn == "test" ? 3 : 4);
                // Forms: 0 r,r; 1 r,imm; 2 m,r; 3 r,m (test has no r,m encoding).
                object dst = form == 2 ? mem : AsmOps.Reg(d);
                object src = form switch { 0 or 2 => AsmOps.Reg(s), 1 => AsmOps.Imm(size, imm), _ => mem };
                steps.Add(a => AsmOps.Emit(a, mn, dst, src));
                text.Add($"{mn} {(form == 2 ? "m" : "r")}{size * 8},{(form == 1 ? "imm" : form == 3 ? "m" : "r")}");
                undefined = UndefinedFlags.For(Enum.Parse<Mnemonic>(mn, ignoreCase: true));
                break;
            }
            case 3:
            {
                string mn = set.Pick(new[] { "inc", "dec", "neg", "not" });
                object dst = rng.Next(3) == 0 ? mem : AsmOps.Reg(d);
                steps.Add(a => AsmOps.Emit(a, mn, dst));
                text.Add($"{mn} {(dst is AssemblerMemoryOperand ? "m" : "r")}{size * 8}");
                // inc/dec keep CF (always defined here); neg defines all; not changes none.
                if (mn == "neg") undefined = 0;
                else if (mn != "not") undefined &= UndefinedFlags.CF;
                break;
            }
            case 4:
            {
                // setcc or cmovcc on a condition whose flags are all defined.
                var cc = set.Pick(UndefinedFlags.DefinedConditions(definedConditionsMask).ToArray());
                if (rng.Next(2) == 0)
                {
                    var r8 = set.Pick(Writable(1));
                    steps.Add(a => AsmOps.Emit(a, AsmOps.WithCondition("set", cc), AsmOps.Reg(r8)));
                    text.Add($"set{cc}");
                }
                else
                {
                    var r32 = set.Pick(Writable(4));
                    var src = rng.Next(2) == 0 ? (object)AsmOps.Reg(set.Pick(Writable(4))) : AsmOps.Mem(4, edi + rng.Next(DiffLayout.DataSize - 3));
                    steps.Add(a => AsmOps.Emit(a, AsmOps.WithCondition("cmov", cc), AsmOps.Reg(r32), src));
                    text.Add($"cmov{cc}");
                }
                break;
            }
            case 5:
            {
                // jcc over one instruction that changes no flags: the flags cross a block boundary.
                var cc = set.Pick(UndefinedFlags.DefinedConditions(definedConditionsMask).ToArray());
                var r32 = set.Pick(Writable(4));
                uint v = set.Value(4);
                steps.Add(a =>
                {
                    var skip = a.CreateLabel();
                    AsmOps.Jcc(a, cc, skip);
                    a.mov(AsmOps.R32(r32), v);
                    a.Label(ref skip);
                    a.nop();
                });
                text.Add($"j{cc} over mov");
                break;
            }
            case 6:
            {
                // Moves that change no flags.
                int kind = rng.Next(5);
                var r32 = set.Pick(Writable(4));
                uint v = set.Value(4);
                var src8 = set.Pick(AsmOps.Gprs(1));
                var src16 = set.Pick(AsmOps.Gprs(2));
                var b = set.Pick(AsmOps.Gprs(4));
                var x = set.Pick(AsmOps.Gprs(4).Where(r => r != Register.ESP).ToArray());
                int scaleFactor = 1 << rng.Next(4);
                int disp = rng.Next(-300, 300);
                steps.Add(kind switch
                {
                    0 => a => AsmOps.Emit(a, "mov", AsmOps.Reg(d), AsmOps.Reg(s)),
                    1 => a => a.mov(AsmOps.R32(r32), v),
                    2 => a => a.movzx(AsmOps.R32(r32), new AssemblerRegister8(src8)),
                    3 => a => a.movsx(AsmOps.R32(r32), new AssemblerRegister16(src16)),
                    _ => a => a.lea(AsmOps.R32(r32), __[AsmOps.R32(b) + AsmOps.R32(x) * scaleFactor + disp]),
                });
                text.Add(new[] { "mov r,r", "mov r,imm", "movzx", "movsx", "lea" }[kind]);
                break;
            }
            case 7:
            {
                var m32 = AsmOps.Mem(4, edi + 4 * rng.Next(DiffLayout.DataSize / 4));
                var r32 = set.Pick(Writable(4));
                if (rng.Next(2) == 0)
                {
                    steps.Add(a => a.mov(m32, AsmOps.R32(r32)));
                    text.Add("mov m32,r32");
                }
                else
                {
                    steps.Add(a => a.mov(AsmOps.R32(r32), m32));
                    text.Add("mov r32,m32");
                }
                break;
            }
            case 8:
            {
                string mn = set.Pick(new[] { "clc", "stc", "cmc" });
                steps.Add(a => AsmOps.Emit(a, mn));
                text.Add(mn);
                break;
            }
            case 9:
                if ((undefined & UndefinedFlags.AF) != 0)
                {
                    // lahf would read the undefined AF: load all five flags with sahf instead.
                    steps.Add(a => a.sahf());
                    text.Add("sahf");
                    undefined = 0;
                }
                else if (rng.Next(2) == 0)
                {
                    steps.Add(a => a.lahf());
                    text.Add("lahf");
                }
                else
                {
                    steps.Add(a => a.sahf());
                    text.Add("sahf");
                    undefined = 0;
                }
                break;
            case 10:
            {
                // Balanced-enough stack traffic within the recorded stack area.
                var r32 = set.Pick(Writable(4));
                if (depth < 6 && (depth == 0 || rng.Next(2) == 0))
                {
                    if (undefined == 0 && rng.Next(3) == 0)
                    {
                        steps.Add(a => a.pushfd());
                        text.Add("pushfd");
                    }
                    else
                    {
                        steps.Add(a => a.push(AsmOps.R32(r32)));
                        text.Add("push r32");
                    }
                    depth++;
                }
                else
                {
                    if (rng.Next(4) == 0)
                    {
                        // Replace the top of the stack with a clean flag word (a random one could set TF).
                        uint flags = DiffValues.RandomArithFlags(rng) | (rng.Next(4) == 0 ? UndefinedFlags.DF : 0) | 0x202;
                        steps.Add(a => { a.mov(__dword_ptr[esp], flags); a.popfd(); });
                        text.Add("popfd");
                        undefined = 0;
                    }
                    else
                    {
                        steps.Add(a => a.pop(AsmOps.R32(r32)));
                        text.Add("pop r32");
                    }
                    depth--;
                }
                break;
            }
            case 11:
            {
                string mn = set.Pick(new[] { "cbw", "cwde", "cwd", "cdq", "bswap" });
                var r32 = set.Pick(Writable(4));
                steps.Add(mn == "bswap" ? a => a.bswap(AsmOps.R32(r32)) : a => AsmOps.Emit(a, mn));
                text.Add(mn);
                break;
            }
            case 12:
            {
                // A carry chain: adc/sbb of registers after an add/sub.
                var r32a = set.Pick(Writable(4));
                var r32b = set.Pick(Writable(4));
                string first = rng.Next(2) == 0 ? "add" : "sub", second = first == "add" ? "adc" : "sbb";
                steps.Add(a => { AsmOps.Emit(a, first, AsmOps.R32(r32a), AsmOps.R32(r32b)); AsmOps.Emit(a, second, AsmOps.R32(r32b), AsmOps.R32(r32a)); });
                text.Add($"{first}; {second}");
                undefined = 0;
                break;
            }
            case 13:
            {
                // Self-referencing idioms the optimizer may simplify: xor r,r / sub r,r / and r,r / or r,r / cmp r,r.
                string mn = set.Pick(new[] { "xor", "sub", "and", "or", "cmp", "test", "adc", "sbb" });
                steps.Add(a => AsmOps.Emit(a, mn, AsmOps.Reg(d), AsmOps.Reg(d)));
                text.Add($"{mn} r,same");
                undefined = UndefinedFlags.For(Enum.Parse<Mnemonic>(mn, ignoreCase: true));
                break;
            }
            case 14:
            {
                // Read-modify-write of memory then a reload (store-to-load through memory).
                string mn = set.Pick(new[] { "add", "sub", "xor", "adc" });
                var r32 = set.Pick(Writable(4));
                var m32 = AsmOps.Mem(4, edi + rng.Next(DiffLayout.DataSize - 3));
                steps.Add(a => { AsmOps.Emit(a, mn, m32, AsmOps.R32(r32)); a.mov(AsmOps.R32(r32), m32); });
                text.Add($"{mn} m32,r32; mov r32,m32");
                undefined = UndefinedFlags.For(Enum.Parse<Mnemonic>(mn, ignoreCase: true));
                break;
            }
            default:
            {
                // Partial register writes followed by full reads.
                var r8 = set.Pick(Writable(1));
                uint v = set.Value(1);
                var r32 = set.Pick(Writable(4));
                steps.Add(a => { a.mov(new AssemblerRegister8(r8), (byte)v); a.add(AsmOps.R32(r32), AsmOps.R32(AsmOps.Full(r8))); });
                text.Add("mov r8,imm; add r32,r32");
                undefined = 0;
                break;
            }
        }
    }
}
