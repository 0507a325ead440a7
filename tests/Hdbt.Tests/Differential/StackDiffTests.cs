using Iced.Intel;
using Xunit;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Tests.Differential;

/// <summary>Differential tests of the Stack family: push, pop, pusha/popa, pushf/popf, enter, leave.</summary>
public sealed class StackDiffTests
{
    [Fact]
    public void PushPop() => DiffRunner.Run(PushPopCases(1), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void PushPopLong() => DiffRunner.Run(PushPopCases(CaseSet.LongScale), withNoOpt: true);

    [Fact]
    public void Flags() => DiffRunner.Run(FlagCases(1), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void FlagsLong() => DiffRunner.Run(FlagCases(CaseSet.LongScale), withNoOpt: true);

    [Fact]
    public void Frames() => DiffRunner.Run(FrameCases(1), withNoOpt: true);

    [Fact]
    [Trait("Category", "Long")]
    public void FramesLong() => DiffRunner.Run(FrameCases(CaseSet.LongScale), withNoOpt: true);

    private static CaseSet PushPopCases(int scale)
    {
        var set = new CaseSet("stack-pushpop", 4001, scale);
        for (int k = 0; k < 2 * scale; k++)
        {
            foreach (var r in AsmOps.Gpr32)
            {
                var r32 = AsmOps.R32(r);
                set.Add($"push {r}", a => a.push(r32));
                set.Add($"pop {r}", a => a.pop(r32));
                // push then pop into another register through the stack.
                var other = set.Pick(AsmOps.Gprs(4));
                set.Add($"push {r}; pop r32", a => { a.push(r32); a.pop(AsmOps.R32(other)); });
            }
            foreach (var r in AsmOps.Gpr16)
            {
                var r16 = new AssemblerRegister16(r);
                set.Add($"push {r}", a => a.push(r16));
                set.Add($"pop {r}", a => a.pop(r16));
            }
            // Immediates: imm8 (sign-extended) and imm32; 16-bit pushes with 0x66 (66 6a ib, 66 68 iw).
            foreach (uint v in new uint[] { 0, 1, 0x7F, 0xFFFF_FF80, 0xFFFF_FFFF, 0x1234_5678, set.Value(4) })
                set.Add("push imm", a => a.push((int)v));
            foreach (ushort v in new ushort[] { 0x7F, 0xFF80, 0x1234, (ushort)set.Value(2) })
            {
                set.Add("push imm16", a => a.db(0x66, 0x68, (byte)v, (byte)(v >> 8)));
                set.Add("push imm8 (16-bit)", a => a.db(0x66, 0x6A, (byte)v));
            }
            // Memory operands, including ones addressed through ESP: push [esp+x] reads before the push,
            // pop [esp+x] computes the address after the pop.
            foreach (int off in new[] { 0, 4, 8, 12 })
            {
                set.Add($"push dword [esp+{off}]", a => a.push(__dword_ptr[esp + off]));
                set.Add($"pop dword [esp+{off}]", a => a.pop(__dword_ptr[esp + off]));
                set.Add($"push word [esp+{off}]", a => a.push(__word_ptr[esp + off]));
                set.Add($"pop word [esp+{off}]", a => a.pop(__word_ptr[esp + off]));
            }
            int o = set.Rng.Next(DiffLayout.DataSize - 3);
            var c = set.Add("push m32");
            var m = set.MemOperand(c, 4, o);
            c.Emit = a => a.push(m);
            c = set.Add("pop m32");
            var m2 = set.MemOperand(c, 4, o);
            // The memory operand's registers were chosen for ESP at the start; ESP-relative forms would shift.
            c.Emit = a => a.pop(m2);
        }
        // push esp pushes the value before the decrement; pop esp loads the popped value.
        set.Add("push esp", a => a.push(esp));
        set.Add("push sp", a => a.push(sp));
        set.Add("pop esp", a => a.pop(esp));
        set.Add("pop sp", a => a.pop(sp));
        set.Add("push esp; pop esp", a => { a.push(esp); a.pop(esp); });
        // pusha/popa, 32- and 16-bit; popa skips the stored ESP.
        for (int k = 0; k < 4 * scale; k++)
        {
            set.Add("pushad", a => a.pushad());
            set.Add("popad", a => a.popad());
            set.Add("pusha (16-bit)", a => a.pusha());
            set.Add("popa (16-bit)", a => a.popa());
            set.Add("pushad; xor; popad", a => { a.pushad(); a.xor(eax, eax); a.mov(esi, 7); a.popad(); });
        }
        return set;
    }

    private static CaseSet FlagCases(int scale)
    {
        var set = new CaseSet("stack-flags", 4002, scale);
        uint[] interesting =
        [
            0, UndefinedFlags.Arith, UndefinedFlags.DF, UndefinedFlags.AC, UndefinedFlags.ID,
            UndefinedFlags.Arith | UndefinedFlags.DF | UndefinedFlags.AC | UndefinedFlags.ID,
        ];
        for (int k = 0; k < 8 * scale; k++)
        {
            uint flags = k < interesting.Length ? interesting[k] : DiffValues.RandomArithFlags(set.Rng) | RandomControl(set);
            // pushfd: the flags loaded by the harness as the code sees them (AC, ID, DF included).
            var c = set.Add("pushfd", a => a.pushfd());
            c.Flags = flags;
            c = set.Add("pushf (16-bit)", a => a.pushf());
            c.Flags = flags;
            // popf from a pushed value, then read back with pushf and also through conditions.
            set.Add("push imm; popfd; pushfd", a => { a.push((int)(flags | 0x202)); a.popfd(); a.pushfd(); a.pop(eax); });
            set.Add("push imm; popfd; setcc", a => { a.push((int)(flags | 0x202)); a.popfd(); a.setb(dl); a.setle(dh); a.setp(bl); a.seta(bh); });
            set.Add("push imm; popfd; adc", a => { a.push((int)(flags | 0x202)); a.popfd(); a.adc(eax, ebx); });
            // 16-bit popf keeps the upper half of EFLAGS (AC, ID).
            var c2 = set.Add("popf (16-bit)", a => { a.db(0x66, 0x68, (byte)(flags | 0x202), (byte)((flags | 0x202) >> 8)); a.popf(); a.pushfd(); a.pop(ecx); });
            c2.Flags = RandomControl(set);
            // The lazy flags of an ALU op, materialised by pushf in the same block and across a jump.
            set.Add("add; pushfd", a => { a.add(eax, ebx); a.pushfd(); }).Set(Register.EAX, set.Value(4)).Set(Register.EBX, set.Value(4));
            set.Add("sub; jmp; pushfd", a => { var l = a.CreateLabel(); a.sub(eax, ebx); a.jmp(l); a.Label(ref l); a.pushfd(); })
                .Set(Register.EAX, set.Value(4)).Set(Register.EBX, set.Value(4));
            set.Add("inc; pushf", a => { a.inc(cl); a.pushf(); }).Set(Register.ECX, set.Value(4));
            // popfd that sets DF, then std/cld are not needed: pushfd shows it.
            set.Add("popfd DF; pushfd", a => { a.push(0x602); a.popfd(); a.pushfd(); a.push(0x202); a.popfd(); a.pushfd(); });
        }
        return set;
    }

    /// <summary>A random combination of DF, AC and ID (AC only with this harness's aligned accesses).</summary>
    private static uint RandomControl(CaseSet set)
    {
        int b = set.Rng.Next(8);
        return ((b & 1) != 0 ? UndefinedFlags.DF : 0) | ((b & 2) != 0 ? UndefinedFlags.AC : 0) | ((b & 4) != 0 ? UndefinedFlags.ID : 0);
    }

    private static CaseSet FrameCases(int scale)
    {
        var set = new CaseSet("stack-frames", 4003, scale);
        for (int k = 0; k < 2 * scale; k++)
        {
            // EBP points into the recorded stack area so that enter's nesting levels copy recorded slots.
            uint frame = DiffLayout.StackTop + 16 + 4 * (uint)set.Rng.Next(4);
            foreach (ushort size in new ushort[] { 0, 8, 0x24 })
                foreach (byte level in new byte[] { 0, 1, 2, 3 })
                {
                    set.Add($"enter {size},{level}", a => a.enter(size, level)).Set(Register.EBP, frame);
                    set.Add($"enter {size},{level}; leave", a => { a.enter(size, level); a.mov(__dword_ptr[ebp - 4], ecx); a.leave(); }).Set(Register.EBP, frame);
                }
            // 16-bit enter (66 c8 iw ib) and leave (66 c9).
            set.Add("enter 8,1 (16-bit)", a => a.db(0x66, 0xC8, 0x08, 0x00, 0x01)).Set(Register.EBP, frame);
            set.Add("leave (16-bit)", a => a.db(0x66, 0xC9)).Set(Register.EBP, frame);
            set.Add("leave", a => a.leave()).Set(Register.EBP, frame);
            // A typical prologue and epilogue.
            set.Add("push ebp; mov ebp,esp; sub esp; leave", a =>
            {
                a.push(ebp);
                a.mov(ebp, esp);
                a.sub(esp, 0x10);
                a.mov(__dword_ptr[ebp - 8], ebx);
                a.leave();
            });
        }
        return set;
    }
}
