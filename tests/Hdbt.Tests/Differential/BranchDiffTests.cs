using Iced.Intel;
using Xunit;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Tests.Differential;

/// <summary>
/// Differential tests of the Branch family (jmp, jcc, call, ret, loop/loope/loopne, jecxz/jcxz) and
/// of condition evaluation (jcc/setcc/cmovcc) after each flag-setting kind of the Alu family.
/// </summary>
public sealed class BranchDiffTests
{
    [Fact]
    public void ConditionsAfterAlu() => DiffRunner.Run(ConditionCasesAfterAlu(1), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void ConditionsAfterAluLong() => DiffRunner.Run(ConditionCasesAfterAlu(CaseSet.LongScale), withNoOpt: true);

    [Fact]
    public void JumpsCallsLoops() => DiffRunner.Run(ControlCases(1), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void JumpsCallsLoopsLong() => DiffRunner.Run(ControlCases(CaseSet.LongScale), withNoOpt: true);

    private static CaseSet ConditionCasesAfterAlu(int scale)
    {
        var set = new CaseSet("branch-conditions", 2001, scale);
        // Flags straight from popfd: the condition is evaluated from the flag word.
        ConditionCases.Add(set, "popfd", _ => { }, _ => { }, 0, 64);
        // Every flag-setting Alu kind at every size; "op r, r" with equal values appears among the edges.
        foreach (var mn in new[] { "add", "adc", "sub", "sbb", "cmp", "and", "or", "xor", "test" })
            foreach (int size in new[] { 1, 2, 4 })
            {
                var (x, y) = Regs(size);
                uint mask = UndefinedFlags.For(Enum.Parse<Mnemonic>(mn, ignoreCase: true));
                ConditionCases.Add(set, $"{mn} r{size * 8},r{size * 8}", a => AsmOps.Emit(a, mn, AsmOps.Reg(x), AsmOps.Reg(y)),
                    c => InitPair(set, c, x, y, size), mask, 24);
            }
        foreach (var mn in new[] { "cmp", "sub" })
        {
            ConditionCases.Add(set, $"{mn} r32,imm", a => AsmOps.Emit(a, mn, eax, 0x8000_0000u), c => c.Set(Register.EAX, set.Value(4)), 0, 16);
            ConditionCases.Add(set, $"{mn} m32,r32", a => AsmOps.Emit(a, mn, AsmOps.MemAbs(4, DiffLayout.Mem + 4), ebx),
                c => { set.Poke(c, 4, set.Value(4), 4); c.Set(Register.EBX, set.Value(4)); }, 0, 16);
            ConditionCases.Add(set, $"{mn} r8,m8", a => AsmOps.Emit(a, mn, bh, AsmOps.MemAbs(1, DiffLayout.Mem + 9)),
                c => { set.Poke(c, 9, set.Value(1), 1); c.Set(Register.BH, set.Value(1)); }, 0, 16);
        }
        foreach (var mn in new[] { "inc", "dec", "neg", "not" })
            foreach (int size in new[] { 1, 2, 4 })
            {
                var r = size == 1 ? Register.CH : size == 2 ? Register.CX : Register.ECX;
                ConditionCases.Add(set, $"{mn} r{size * 8}", a => AsmOps.Emit(a, mn, AsmOps.Reg(r)), c => c.Set(r, set.Value(size)), 0, 16);
            }
        // not leaves the flags of the op before it; a logic op's flags must survive a non-flag instruction.
        ConditionCases.Add(set, "sub r32,r32; not", a => { a.sub(eax, ebx); a.not(eax); },
            c => c.Set(Register.EAX, set.Value(4)).Set(Register.EBX, set.Value(4)), 0, 16);
        ConditionCases.Add(set, "and r32,r32; lea", a => { a.and(eax, ebx); a.lea(ecx, __[eax + ebx * 2 + 3]); },
            c => c.Set(Register.EAX, set.Value(4)).Set(Register.EBX, set.Value(4)), UndefinedFlags.AF, 16);
        return set;
    }

    /// <summary>Two setter registers of a size among EAX, EBX, ECX (and their high bytes), possibly the same one.</summary>
    private static (Register X, Register Y) Regs(int size) => size switch
    {
        1 => (Register.AH, Register.BL),
        2 => (Register.AX, Register.CX),
        _ => (Register.EAX, Register.EBX),
    };

    private static void InitPair(CaseSet set, SnippetCase c, Register x, Register y, int size)
    {
        // A quarter of the cases compare equal operands: the boundary of every condition.
        uint vx = set.Value(size), vy = set.Rng.Next(4) == 0 ? vx : set.Value(size);
        c.Set(x, vx).Set(y, vy);
    }

    /// <summary>
    /// Loads into <paramref name="reg"/> the address of a stub that jumps to <paramref name="target"/>
    /// (the assembler cannot put a label's absolute address in an operand in 32-bit mode): call/pop
    /// yields the stub's address, so indirect branches get a real, deterministic target.
    /// </summary>
    private static void StubAddress(Assembler a, AssemblerRegister32 reg, Label target)
    {
        var over = a.CreateLabel();
        a.call(over);
        a.jmp(target);
        a.Label(ref over);
        a.pop(reg);
    }

    /// <summary>The 12 bytes after a conditional branch with displacement 7: "mov edx,1; jmp +5; mov edx,2".</summary>
    private static void EmitTwoWayTail(Assembler a)
    {
        a.db(0xBA, 0x01, 0x00, 0x00, 0x00);
        a.db(0xEB, 0x05);
        a.db(0xBA, 0x02, 0x00, 0x00, 0x00);
    }

    private static CaseSet ControlCases(int scale)
    {
        var set = new CaseSet("branch-control", 2002, scale);
        for (int i = 0; i < scale; i++)
        {
            // Direct, register-indirect and memory-indirect jumps.
            set.Add("jmp rel", a => { var l = a.CreateLabel(); a.jmp(l); a.mov(edx, 1); a.Label(ref l); a.mov(esi, 2); });
            set.Add("jmp r32", a =>
            {
                var l = a.CreateLabel();
                StubAddress(a, eax, l);
                a.jmp(eax);
                a.mov(edx, 1);
                a.Label(ref l);
                a.mov(esi, 2);
            });
            set.Add("jmp m32", a =>
            {
                var l = a.CreateLabel();
                StubAddress(a, eax, l);
                a.mov(__dword_ptr[(long)DiffLayout.Mem + 12], eax);
                a.jmp(__dword_ptr[(long)DiffLayout.Mem + 12]);
                a.mov(edx, 1);
                a.Label(ref l);
                a.mov(esi, 2);
            });
            // Calls: direct, through a register, through memory, and through [esp] (the target is read before the push).
            foreach (var kind in new[] { "rel", "r32", "m32", "[esp]" })
                foreach (ushort pop in new ushort[] { 0, 4, 12 })
                    set.Add($"call {kind}; ret {pop}", a =>
                    {
                        var f = a.CreateLabel();
                        var done = a.CreateLabel();
                        switch (kind)
                        {
                            case "rel": a.call(f); break;
                            case "r32": StubAddress(a, ecx, f); a.call(ecx); break;
                            case "m32": StubAddress(a, ecx, f); a.mov(__dword_ptr[(long)DiffLayout.Mem], ecx); a.call(__dword_ptr[(long)DiffLayout.Mem]); break;
                            default: StubAddress(a, ecx, f); a.push(ecx); a.call(__dword_ptr[esp]); break;
                        }
                        a.jmp(done);
                        a.Label(ref f);
                        // The return address and the stack pointer inside the callee are recorded.
                        a.mov(edx, __dword_ptr[esp]);
                        a.mov(edi, esp);
                        if (pop == 0) a.ret();
                        else a.ret(pop);
                        a.Label(ref done);
                        a.mov(esi, esp);
                    });
            // Nested calls and a recursive call chain.
            set.Add("recursive call", a =>
            {
                var f = a.CreateLabel();
                var leaf = a.CreateLabel();
                var done = a.CreateLabel();
                a.mov(ecx, 4);
                a.call(f);
                a.jmp(done);
                a.Label(ref f);
                a.add(edx, ecx);
                a.dec(ecx);
                a.jz(leaf);
                a.call(f);
                a.Label(ref leaf);
                a.ret();
                a.Label(ref done);
                a.nop();
            });
        }

        // loop, loope, loopne, jecxz as forward branches: ECX = 0 wraps to 0xffffffff and is taken.
        foreach (var mn in new[] { "loop", "loope", "loopne", "jecxz" })
            foreach (uint ecxValue in new uint[] { 0, 1, 2, 0x1_0000, 0x1_0001, 0xFFFF_FFFF })
                for (int k = 0; k < 2 * scale; k++)
                {
                    var c = set.Add($"{mn} (forward)", a => AsmOps.BranchMarker(a, taken => AsmOps.Emit(a, mn, taken)));
                    c.Set(Register.ECX, ecxValue);
                }
        // Counted backward loops; loope/loopne stop early on the ZF a cmp sets in the body.
        foreach (var mn in new[] { "loop", "loope", "loopne" })
            for (int k = 0; k < 8 * scale; k++)
            {
                var c = set.Add($"{mn} (backward)", a =>
                {
                    var top = a.CreateLabel();
                    a.Label(ref top);
                    a.add(edx, ecx);
                    a.cmp(ecx, ebx);
                    AsmOps.Emit(a, mn, top);
                });
                c.Set(Register.ECX, (uint)set.Rng.Next(1, 9)).Set(Register.EBX, (uint)set.Rng.Next(0, 9));
            }
        // Tight loops: a block that branches to itself many times (block chaining to itself).
        foreach (uint n in new uint[] { 1, 2, 1000, 65537 })
        {
            set.Add("l: add; loop l", a => { var l = a.CreateLabel(); a.Label(ref l); a.add(eax, ecx); a.loop(l); }).Set(Register.ECX, n);
            set.Add("l: adc; dec; jnz l", a => { var l = a.CreateLabel(); a.Label(ref l); a.adc(eax, ebx); a.dec(ecx); a.jnz(l); })
                .Set(Register.ECX, n).Set(Register.EBX, set.Value(4));
        }
        // Encodings: near (0f 8x rel32) jcc, branch-hint prefixes (2e/3e), "rep ret" as AMD-tuned code ends functions.
        for (int k = 0; k < 2 * scale; k++)
            foreach (var cc in UndefinedFlags.AllConditions)
            {
                byte n = (byte)Array.IndexOf(UndefinedFlags.AllConditions, cc);
                // jcc over "mov edx,1; jmp +5" to "mov edx,2", then the same with a hint prefix.
                set.Add($"j{cc} rel32", a => { a.db(0x0F, (byte)(0x80 + n), 0x07, 0x00, 0x00, 0x00); EmitTwoWayTail(a); });
                set.Add($"j{cc} rel8 with {(k % 2 == 0 ? "2e" : "3e")} hint", a => { a.db(k % 2 == 0 ? (byte)0x2E : (byte)0x3E, (byte)(0x70 + n), 0x07); EmitTwoWayTail(a); });
            }
        set.Add("call; rep ret", a =>
        {
            var f = a.CreateLabel();
            var done = a.CreateLabel();
            a.call(f);
            a.jmp(done);
            a.Label(ref f);
            a.db(0xF3, 0xC3);
            a.Label(ref done);
            a.mov(esi, esp);
        });
        set.Add("jmp rel32", a => { a.db(0xE9, 0x05, 0x00, 0x00, 0x00); a.db(0xBA, 0x01, 0x00, 0x00, 0x00); a.mov(esi, 3); });
        // Address-size prefixed forms count in CX (raw bytes: 67 e2 = loop with CX, 67 e3 = jcxz).
        foreach (var (name, opcode) in new[] { ("loop cx", (byte)0xE2), ("loope cx", (byte)0xE1), ("loopne cx", (byte)0xE0), ("jcxz", (byte)0xE3) })
            foreach (uint ecxValue in new uint[] { 0, 1, 2, 0x1_0000, 0x1_0001, 0xABCD_0000 })
                for (int k = 0; k < scale; k++)
                {
                    // 67 xx 07: branch over "mov edx,1; jmp +5" (5 + 2 bytes) to "mov edx,2".
                    var c = set.Add($"{name} (forward)", a =>
                    {
                        a.db(0x67, opcode, 0x07);
                        EmitTwoWayTail(a);
                    });
                    c.Set(Register.ECX, ecxValue);
                }
        return set;
    }
}
