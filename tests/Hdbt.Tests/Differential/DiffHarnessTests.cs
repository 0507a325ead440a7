using System.Buffers.Binary;
using Hdbt.Tests.Support;
using System.Text;
using Iced.Intel;
using Xunit;
using Xunit.Sdk;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Tests.Differential;

/// <summary>Tests of the differential harness itself: it records what the code did, and its comparer catches differences.</summary>
public sealed class DiffHarnessTests
{
    private static (SnippetProgram Program, CaseSet Set, CaseRecord[] Records) RunOnTheCpu(CaseSet set)
    {
        var program = SnippetProgram.Build(set.Cases, set.DefaultMemory, set.Fpu);
        string path = DiffRunner.WriteExecutable(program.Elf, set.Name);
        try
        {
            var r = CpuOracle.RunWhole(program, set.Cases, path, set.DefaultMemory, set.Fpu);
            Assert.Equal(0, r.ExitCode);
            return (program, set, program.ParseOutput(r.Stdout));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void RecordsRegistersFlagsAndMemory()
    {
        var set = new CaseSet("harness-record", 1);
        set.Add("add", a =>
        {
            a.mov(eax, 5);
            a.add(eax, 7);
            a.mov(__dword_ptr[(long)DiffLayout.Mem + 8], 0x1122_3344u);
            a.push(ebx);
        }).Set(Register.EBX, 0xCAFE_F00D);
        // Flags go in through popfd and come back unchanged when the code does not touch them.
        var keep = set.Add("nop", a => a.nop());
        keep.Flags = UndefinedFlags.CF | UndefinedFlags.ZF | UndefinedFlags.DF | UndefinedFlags.OF;
        var (_, _, records) = RunOnTheCpu(set);

        var r0 = records[0];
        Assert.Equal(12u, r0.Regs[0]);
        Assert.Equal(0xCAFE_F00Du, r0.Regs[3]);
        Assert.Equal(DiffLayout.StackTop - 4, r0.Regs[4]);
        for (int r = 1; r < 8; r++)
            if (r != 3 && r != 4) Assert.Equal(set.Cases[0].Regs[r], r0.Regs[r]);
        // 5 + 7 = 12: even parity, no carry out of bit 3.
        Assert.Equal(0x202u | UndefinedFlags.PF, r0.Eflags & ~(UndefinedFlags.AC | UndefinedFlags.ID));
        var mem = (byte[])set.DefaultMemory.Clone();
        mem[8] = 0x44; mem[9] = 0x33; mem[10] = 0x22; mem[11] = 0x11;
        int sp = (int)(DiffLayout.StackTop - 4 - DiffLayout.Mem);
        mem[sp] = 0x0D; mem[sp + 1] = 0xF0; mem[sp + 2] = 0xFE; mem[sp + 3] = 0xCA;
        Assert.Equal(mem, r0.Memory);

        Assert.Equal(0x202u | keep.Flags, records[1].Eflags);
        Assert.Equal(set.DefaultMemory, records[1].Memory);
    }

    [Fact]
    public void ComparerReportsCorruptedResults()
    {
        var set = new CaseSet("harness-corrupt", 2);
        set.Add("add r32,r32", a => a.add(eax, ebx)).Set(Register.EAX, 1).Set(Register.EBX, 2);
        set.Add("mov m32,r32", a => a.mov(__dword_ptr[(long)DiffLayout.Mem + 4], ecx));
        set.Add("sub r32,r32", a => a.sub(edx, edx));
        var and = set.Add("and r32,r32", a => a.and(esi, edi));
        and.FlagMask = UndefinedFlags.For(Mnemonic.And);
        var (program, _, expected) = RunOnTheCpu(set);

        var report = new StringBuilder();
        Assert.Equal(0, DiffRunner.CompareBatch(program, set.Cases, 0, expected, expected, "self", report, 20));
        Assert.Equal("", report.ToString());

        // Corrupt a register, a memory byte and a defined flag; flip only an undefined flag in the last case.
        var actual = program.ParseOutput(expected.SelectMany(r => r.ToBytes()).ToArray());
        actual[0].Regs[0] ^= 0x100;
        actual[1].Memory[5] ^= 0xFF;
        actual[2] = new CaseRecord(actual[2].Regs, actual[2].Eflags ^ UndefinedFlags.ZF, actual[2].Memory);
        actual[3] = new CaseRecord(actual[3].Regs, actual[3].Eflags ^ UndefinedFlags.AF, actual[3].Memory);

        Assert.Equal(3, DiffRunner.CompareBatch(program, set.Cases, 0, expected, actual, "self", report, 20));
        string text = report.ToString();
        Assert.Contains("#0 add r32,r32: add eax,ebx", text);
        Assert.Contains("differs:  eax", text);
        Assert.Contains("#1 mov m32,r32", text);
        Assert.Contains("mem[Mem+0x05..0x05]", text);
        Assert.Contains("#2 sub r32,r32: sub edx,edx", text);
        Assert.Contains("eflags ZF", text);
        Assert.DoesNotContain("#3", text);

        // A defined flag of the and case is still compared.
        actual[3] = new CaseRecord(actual[3].Regs, actual[3].Eflags ^ UndefinedFlags.SF, actual[3].Memory);
        Assert.Equal(4, DiffRunner.CompareBatch(program, set.Cases, 0, expected, actual, "self", new StringBuilder(), 20));
    }

    [Fact]
    public void FailingCaseIsLocatedFromTheEmulatorsPc()
    {
        // ud2 kills both runs with SIGILL; the harness must name the case the pc belongs to.
        var set = new CaseSet("harness-locate", 3);
        set.Add("nop", a => a.nop());
        set.Add("ud2", a => { a.nop(); a.ud2(); });
        var program = SnippetProgram.Build(set.Cases, set.DefaultMemory);
        string path = DiffRunner.WriteExecutable(program.Elf, set.Name);
        try
        {
            var native = CpuOracle.RunWhole(program, set.Cases, path, set.DefaultMemory, set.Fpu);
            Assert.Equal(128 + 4, native.ExitCode);
            var emulated = DiffRunner.RunHdbt(DiffRunner.Variants(false)[0], path);
            Assert.Equal(128 + 4, emulated.ExitCode);
            var m = System.Text.RegularExpressions.Regex.Match(emulated.Stderr, "at pc 0x([0-9a-f]+)");
            Assert.True(m.Success, emulated.Stderr);
            Assert.Equal(1, program.CaseAt(Convert.ToUInt32(m.Groups[1].Value, 16)));
            Assert.Equal("nop; ud2", program.Disassemble(1));
        }
        finally
        {
            File.Delete(path);
        }
    }
    [Fact]
    public void RecordsFpuState()
    {
        var set = new CaseSet("harness-fpu", 4) { Fpu = FpuKind.Sse };
        var c = set.Add("fld1; faddp; addps", a =>
        {
            a.fld1();
            a.faddp(st1, st0);
            a.addps(xmm1, xmm1);
        });
        c.Fpu = new FpuInit { Fcw = 0x0F7F, Mxcsr = 0x7F80 }.Push(Ext80.FromDouble(2.5));
        BitConverter.TryWriteBytes(c.Fpu.Xmm[1], 1.5f);
        // The next case starts from its own state: nothing leaks from the first.
        set.Add("nop", a => a.nop());
        var (_, _, records) = RunOnTheCpu(set);

        var fx = records[0].Fx!;
        Assert.Equal(0x0F7F, BinaryPrimitives.ReadUInt16LittleEndian(fx.AsSpan(FxLayout.Fcw)));
        // One value left on the stack: TOP = 7, only physical register 7 valid; 2.5 + 1 is exact (no PE).
        Assert.Equal(0x3800, BinaryPrimitives.ReadUInt16LittleEndian(fx.AsSpan(FxLayout.Fsw)) & ~0x4500);
        Assert.Equal(0x80, fx[FxLayout.Ftw]);
        Assert.Equal(Ext80.FromDouble(3.5), fx[FxLayout.St..(FxLayout.St + 10)]);
        Assert.Equal(0x7F80u, BinaryPrimitives.ReadUInt32LittleEndian(fx.AsSpan(FxLayout.Mxcsr)));
        Assert.Equal(3.0f, BitConverter.ToSingle(fx, FxLayout.Xmm + 16));
        var fx1 = records[1].Fx!;
        Assert.Equal(0x037F, BinaryPrimitives.ReadUInt16LittleEndian(fx1.AsSpan(FxLayout.Fcw)));
        Assert.Equal(0, fx1[FxLayout.Ftw]);
        Assert.Equal(0x1F80u, BinaryPrimitives.ReadUInt32LittleEndian(fx1.AsSpan(FxLayout.Mxcsr)));
    }

    [Fact]
    public void ComparerChecksFpuStateUnderItsMasks()
    {
        var set = new CaseSet("harness-fpu-corrupt", 5) { Fpu = FpuKind.Sse };
        var c = set.Add("fldpi", a => a.fldpi());
        c.Fpu = new FpuInit().Push(Ext80.FromDouble(1.0));
        var (_, _, expected) = RunOnTheCpu(set);
        var e = expected[0];

        bool Matches(Action<byte[]> corrupt)
        {
            var fx = (byte[])e.Fx!.Clone();
            corrupt(fx);
            return ResultComparer.Matches(c, e, new CaseRecord(e.Regs, e.Eflags, e.Memory, fx));
        }

        Assert.True(Matches(_ => { }));
        // Compared: ST(0)'s last mantissa bit, an XMM byte, MXCSR, FCW, the tags, C1.
        Assert.False(Matches(fx => fx[FxLayout.St] ^= 1));
        Assert.False(Matches(fx => fx[FxLayout.Xmm + 16 * 5 + 7] ^= 0x10));
        Assert.False(Matches(fx => fx[FxLayout.Mxcsr] ^= 0x01));
        Assert.False(Matches(fx => fx[FxLayout.Fcw + 1] ^= 0x04));
        Assert.False(Matches(fx => fx[FxLayout.Ftw] ^= 0x01));
        Assert.False(Matches(fx => fx[FxLayout.Fsw + 1] ^= 0x02));
        // Not compared: FOP/FIP/FDP, MXCSR_MASK, reserved bytes of an ST slot, an empty register's contents.
        Assert.True(Matches(fx => fx[FxLayout.Fop] ^= 0xFF));
        Assert.True(Matches(fx => fx[FxLayout.Fip + 2] ^= 0xFF));
        Assert.True(Matches(fx => fx[FxLayout.Fdp] ^= 0xFF));
        Assert.True(Matches(fx => fx[FxLayout.MxcsrMask] ^= 0xFF));
        Assert.True(Matches(fx => fx[FxLayout.St + 12] ^= 0xFF));
        Assert.True(Matches(fx => fx[FxLayout.St + 16 * 5] ^= 0xFF));
        // C0/C2/C3 only when the case masks them; ST values within the ulp tolerance only when it has one.
        Assert.False(Matches(fx => fx[FxLayout.Fsw + 1] ^= 0x01));
        c.FswMask = 0x4500;
        Assert.True(Matches(fx => fx[FxLayout.Fsw + 1] ^= 0x01));
        Assert.False(Matches(fx => fx[FxLayout.St] ^= 2));
        c.StUlps = 4;
        Assert.True(Matches(fx => fx[FxLayout.St] ^= 2));
        Assert.False(Matches(fx => fx[FxLayout.St] ^= 0x40));
    }

    [Fact]
    public void TranslatorNamesWhatSixtyFourBitCodeCannotExpress()
    {
        string? Why(Action<Assembler> emit)
        {
            var set = new CaseSet("harness-why", 6);
            set.Add("x", emit);
            return X64Translator.Untranslatable(SnippetProgram.Build(set.Cases, set.DefaultMemory).CaseInstructions(0));
        }
        // Translated: plain stack use, calls and returns, indirect jumps, the one-byte inc/dec and the 0x82 alias.
        Assert.Null(Why(a => { a.push(eax); a.pop(ebx); a.pushfd(); a.popfd(); a.push(0x1234); }));
        Assert.Null(Why(a => { var f = a.CreateLabel(); var d = a.CreateLabel(); a.call(f); a.jmp(d); a.Label(ref f); a.ret(4); a.Label(ref d); a.jmp(eax); }));
        Assert.Null(Why(a => { var l = a.CreateLabel(); a.db(0x40); a.db(0x4F); a.db(0x82, 0xC3, 0x7F); a.loop(l); a.Label(ref l); a.nop(); }));
        // Recorded instead: each kind of what 64-bit mode cannot express, with its reason.
        Assert.Contains("no 64-bit encoding", Why(a => a.daa()));
        Assert.Contains("stack operation", Why(a => a.pushad()));
        Assert.Contains("stack operation", Why(a => a.enter(8, 1)));
        Assert.Contains("ESP", Why(a => a.push(esp)));
        Assert.Contains("ESP", Why(a => a.pop(__dword_ptr[esp + 4])));
        Assert.Contains("segment register", Why(a => a.mov(ax, ds)));
        Assert.Contains("fs/gs", Why(a => a.db(0x64, 0xA1, 0, 0, 0, 0)));
        Assert.Contains("16-bit addressing", Why(a => a.db(0x67, 0x8D, 0x40, 0x0E)));
        Assert.Contains("int 0x80", Why(a => a.@int(0x80)));
        Assert.Contains("far transfer", Why(a => a.db(0xEA, 0, 0, 0, 0, 0x23, 0)));
        Assert.Contains("CX-counted", Why(a => a.db(0x67, 0xE2, 0x00)));
    }

    /// <summary>
    /// A case 64-bit code cannot express (pushad) is compared with recorded truth where the host runs no
    /// i386 code: the right outcome passes, a wrong one fails the test, and a missing one fails it too
    /// (it never passes unchecked). Where the host runs i386 code the CPU runs it, and the wrong recorded
    /// outcome is reported as disagreeing with the CPU.
    /// </summary>
    [Fact]
    public void RecordedTruthIsComparedAndAWrongOneFails()
    {
        var set = new CaseSet("harness-truth", 7);
        var c = set.Add("pushad", a => a.pushad());
        var program = SnippetProgram.Build(set.Cases, set.DefaultMemory);
        Assert.NotNull(X64Translator.Untranslatable(program.CaseInstructions(0)));

        // The outcome pushad must have: EAX..EDI stored below the stack top in that order (ESP as it was), ESP - 32, flags kept.
        var memory = (byte[])set.DefaultMemory.Clone();
        int top = (int)(DiffLayout.StackTop - DiffLayout.Mem);
        for (int r = 0; r < 8; r++)
            BinaryPrimitives.WriteUInt32LittleEndian(memory.AsSpan(top - 4 * (r + 1)), r == 4 ? DiffLayout.StackTop : c.Regs[r]);
        var regs = (uint[])c.Regs.Clone();
        regs[4] = DiffLayout.StackTop - 32;
        var right = new CaseRecord(regs, c.Flags | 0x202, memory);
        string key = RecordedTruth.Key(set.Name, 0, program.CaseCode(0), c, set.DefaultMemory, set.Fpu);

        RecordedTruth.UseInMemory(set.Name, "this test", []);
        if (!CpuOracle.RunsI386)
            Assert.Contains("no recorded truth for 1 case(s)", Assert.ThrowsAny<XunitException>(() => DiffRunner.Run(set)).Message);

        RecordedTruth.UseInMemory(set.Name, "this test", [(key, right.ToBytes())]);
        DiffRunner.Run(set);

        var wrong = right.ToBytes();
        wrong[36 + top - 8] ^= 0x01;    // one bit of the stored EBP
        RecordedTruth.UseInMemory(set.Name, "this test", [(key, wrong)]);
        string message = Assert.ThrowsAny<XunitException>(() => DiffRunner.Run(set)).Message;
        Assert.Contains(CpuOracle.RunsI386 ? "recorded truth (this test) disagrees with the CPU" : "#0 pushad:", message);
    }
}
