using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Tests.Differential;

/// <summary>
/// Re-encodes the i386 code of one case as 64-bit code with the same effect on the eight 32-bit
/// registers, EFLAGS, the x87/SSE state and memory, so that the real CPU can run it on a host whose
/// kernel executes no i386 code (<see cref="X64Program"/>). The CPU executes x87, MMX, SSE and
/// 32-bit-operand integer instructions in 64-bit mode with i386's semantics; memory operands keep
/// 32-bit addressing through the 0x67 prefix (Iced adds it for 32-bit base and index registers, and
/// encodes an absolute address as SIB + disp32, never RIP-relative), so addresses wrap at 4 GiB as
/// in i386 code. Every 32-bit register write zero-extends into its 64-bit register, so RSP and the
/// other registers keep zero upper halves and 64-bit forms (pushfq, an indirect jump) see the
/// 32-bit values.
/// </summary>
/// <remarks>
/// <para>What has no 64-bit encoding is expressed with instructions that do not touch the flags
/// (mov, lea) and the scratch registers R8/R9 that i386 code cannot name:</para>
/// <list type="bullet">
/// <item>inc/dec r16/r32 (0x40–0x4F, REX prefixes in 64-bit mode) as the FF /0, /1 forms, and
/// the 0x82 aliases of the 0x80 ALU group as 0x80;
/// near jcc/jmp/loop/jecxz as their 64-bit forms (targets relocated by the block encoder).</item>
/// <item>push of a general register (not ESP), an immediate or a memory operand not addressed
/// through ESP: <c>mov [esp-N], value; lea esp, [esp-N]</c> (N = 4, or 2 for 16-bit pushes); pop
/// likewise. The CPU still decides pushfd/popfd: <c>pushfq</c>/<c>popfq</c> (and <c>popfw</c>) on a
/// scratch stack, their low 32 bits moved to or from the guest stack (CPL 3 has the same rules for
/// which bits popf may change in both modes; pushf clears RF and VM in both).</item>
/// <item>call pushes the i386 return address (so records hold the same values as natively); ret,
/// indirect jmp and indirect call map an i386 address to 64-bit code through a table:
/// <c>jmp qword [r8*8 + table - low*8]</c>, with an entry for each instruction start of the
/// translated cases (others exit with <see cref="X64Program.BadTargetStatus"/>).</item>
/// <item>leave (32-bit): <c>mov esp, ebp; mov ebp, [esp]; lea esp, [esp+4]</c>.</item>
/// </list>
/// <para>Not translated, because 64-bit mode cannot express them or because their only content is
/// what the stack pointer itself does (the CPU must decide that, not a rewrite): BCD and ASCII
/// adjust, bound, into, arpl, salc, pusha/popa, enter, 16-bit leave, push/pop with ESP/SP as the
/// operand or the address base, segment register loads, reads and pushes, fs/gs overrides, 16-bit
/// addressing and CX-counted loops, far transfers, 16-bit near branches, and <c>int 0x80</c>. Such
/// cases compare with recorded truth (<see cref="RecordedTruth"/>).</para>
/// </remarks>
public static class X64Translator
{
    /// <summary>Why a case cannot be translated (the first such instruction), or null when it can.</summary>
    public static string? Untranslatable(IReadOnlyList<Instruction> code)
    {
        foreach (var insn in code)
            if (WhyNot(insn) is { } reason) return $"{Format(insn)}: {reason}";
        return null;
    }

    /// <summary>Whether the case transfers control to an address it computes (ret, indirect jmp/call): it then needs table entries.</summary>
    public static bool NeedsTargetTable(IReadOnlyList<Instruction> code) =>
        code.Any(i => i.Code is Code.Retnd or Code.Retnd_imm16 or Code.Jmp_rm32 or Code.Call_rm32);

    /// <summary>
    /// Emits the translation of <paramref name="code"/> (which must be translatable). A label is
    /// defined at each i386 instruction start (<paramref name="labels"/>, keyed by i386 address,
    /// created by the caller and updated here once defined) and
    /// <paramref name="end"/> must be defined by the caller right after, where the case's code ends.
    /// </summary>
    public static void Emit(Assembler a, IReadOnlyList<Instruction> code, Dictionary<ulong, Label> labels, Label end, X64Layout layout)
    {
        Label Target(ulong ip) => labels.TryGetValue(ip, out var l) ? l
            : ip == code[^1].NextIP ? end
            : throw new InvalidOperationException($"branch to 0x{ip:x8}, outside the case");

        foreach (var insn in code)
        {
            var here = labels[insn.IP];
            a.Label(ref here);
            labels[insn.IP] = here;     // now with its instruction index, for the assembler's result
            Translate(a, insn, Target, layout);
        }
    }

    private static void Translate(Assembler a, Instruction insn, Func<ulong, Label> target, X64Layout layout)
    {
        switch (insn.Code)
        {
            case Code.Inc_r16 or Code.Inc_r32 or Code.Dec_r16 or Code.Dec_r32:
            {
                bool inc = insn.Mnemonic == Mnemonic.Inc, word = insn.Op0Register.GetSize() == 2;
                var code = inc ? (word ? Code.Inc_rm16 : Code.Inc_rm32) : (word ? Code.Dec_rm16 : Code.Dec_rm32);
                a.AddInstruction(Instruction.Create(code, insn.Op0Register));
                return;
            }
            case Code.Push_r32 or Code.Push_r16 or Code.Push_rm32 or Code.Push_rm16:
            {
                int size = insn.Code is Code.Push_r32 or Code.Push_rm32 ? 4 : 2;
                Register value;
                if (insn.Op0Kind == OpKind.Register) value = insn.Op0Register;
                else
                {
                    value = Scratch(size);
                    a.AddInstruction(Instruction.Create(size == 4 ? Code.Mov_r32_rm32 : Code.Mov_r16_rm16, value, MemoryOf(insn)));
                }
                a.AddInstruction(Instruction.Create(size == 4 ? Code.Mov_rm32_r32 : Code.Mov_rm16_r16, StackSlot(-size), value));
                MoveEsp(a, -size);
                return;
            }
            case Code.Pushd_imm8 or Code.Pushd_imm32 or Code.Push_imm16 or Code.Pushw_imm8:
            {
                int size = insn.Code is Code.Pushd_imm8 or Code.Pushd_imm32 ? 4 : 2;
                uint v = (uint)insn.GetImmediate(0);
                a.AddInstruction(size == 4 ? Instruction.Create(Code.Mov_rm32_imm32, StackSlot(-4), v) : Instruction.Create(Code.Mov_rm16_imm16, StackSlot(-2), v & 0xFFFF));
                MoveEsp(a, -size);
                return;
            }
            case Code.Pop_r32 or Code.Pop_r16 or Code.Pop_rm32 or Code.Pop_rm16:
            {
                int size = insn.Code is Code.Pop_r32 or Code.Pop_rm32 ? 4 : 2;
                var load = size == 4 ? Code.Mov_r32_rm32 : Code.Mov_r16_rm16;
                if (insn.Op0Kind == OpKind.Register)
                {
                    a.AddInstruction(Instruction.Create(load, insn.Op0Register, StackSlot(0)));
                    MoveEsp(a, size);
                    return;
                }
                // The destination's address is computed after the pop (it is not ESP-based here, so that is moot).
                a.AddInstruction(Instruction.Create(load, Scratch(size), StackSlot(0)));
                MoveEsp(a, size);
                a.AddInstruction(Instruction.Create(size == 4 ? Code.Mov_rm32_r32 : Code.Mov_rm16_r16, MemoryOf(insn), Scratch(size)));
                return;
            }
            case Code.Pushfd or Code.Pushfw:
            {
                int size = insn.Code == Code.Pushfd ? 4 : 2;
                OnScratchStack(a, layout, () => { a.pushfq(); a.pop(r8); });
                a.AddInstruction(Instruction.Create(size == 4 ? Code.Mov_rm32_r32 : Code.Mov_rm16_r16, StackSlot(-size), Scratch(size)));
                MoveEsp(a, -size);
                return;
            }
            case Code.Popfd:
                a.AddInstruction(Instruction.Create(Code.Mov_r32_rm32, Register.R8D, StackSlot(0)));
                MoveEsp(a, 4);
                OnScratchStack(a, layout, () => { a.push(r8); a.popfq(); });
                return;
            case Code.Popfw:
                a.AddInstruction(Instruction.Create(Code.Mov_r16_rm16, Register.R8W, StackSlot(0)));
                MoveEsp(a, 2);
                OnScratchStack(a, layout, () => { a.lea(rsp, __[rsp - 2]); a.mov(__word_ptr[rsp], r8w); a.AddInstruction(Instruction.Create(Code.Popfw)); });
                return;
            case Code.Call_rel32_32:
                PushReturnAddress(a, insn);
                a.jmp(target(insn.NearBranchTarget));
                return;
            case Code.Call_rm32:
                // The target is read before the return address is pushed (an ESP-based operand sees the old ESP).
                LoadTarget(a, insn);
                PushReturnAddress(a, insn);
                JumpThroughTable(a, layout);
                return;
            case Code.Jmp_rm32:
                LoadTarget(a, insn);
                JumpThroughTable(a, layout);
                return;
            case Code.Retnd or Code.Retnd_imm16:
                a.AddInstruction(Instruction.Create(Code.Mov_r32_rm32, Register.R8D, StackSlot(0)));
                MoveEsp(a, 4 + (insn.Code == Code.Retnd_imm16 ? insn.Immediate16 : 0));
                JumpThroughTable(a, layout);
                return;
            case Code.Leaved:
                a.AddInstruction(Instruction.Create(Code.Mov_r32_rm32, Register.ESP, Register.EBP));
                a.AddInstruction(Instruction.Create(Code.Mov_r32_rm32, Register.EBP, StackSlot(0)));
                MoveEsp(a, 4);
                return;
        }
        if (insn.IsJccShortOrNear || insn.IsJmpShortOrNear || insn.IsLoop || insn.IsLoopcc || insn.IsJcxShort)
        {
            a.AddInstruction(Instruction.CreateBranch(Branch64(insn.Code)!.Value, target(insn.NearBranchTarget).Id));
            return;
        }
        var copy = insn;
        copy.IP = 0;     // the assembler gives it the label of this i386 instruction
        if (Alias80(insn.Code) is { } same) copy.Code = same;
        a.AddInstruction(copy);
    }

    /// <summary>The reason an instruction cannot be translated, or null.</summary>
    private static string? WhyNot(in Instruction insn)
    {
        switch (insn.Code)
        {
            case Code.Inc_r16 or Code.Inc_r32 or Code.Dec_r16 or Code.Dec_r32:
            case Code.Pushd_imm8 or Code.Pushd_imm32 or Code.Push_imm16 or Code.Pushw_imm8:
            case Code.Pushfd or Code.Pushfw or Code.Popfd or Code.Popfw:
            case Code.Call_rel32_32 or Code.Retnd or Code.Retnd_imm16 or Code.Leaved:
                return null;
            case Code.Push_r32 or Code.Push_r16 or Code.Push_rm32 or Code.Push_rm16:
            case Code.Pop_r32 or Code.Pop_r16 or Code.Pop_rm32 or Code.Pop_rm16:
                if (InvolvesEsp(insn)) return "push/pop with ESP as its operand or address base: what the stack pointer does is the CPU's to say";
                return AddressingProblem(insn);
            case Code.Call_rm32 or Code.Jmp_rm32:
                return insn.Op0Kind == OpKind.Register ? null : AddressingProblem(insn);
            case Code.Int_imm8 when insn.Immediate8 == 0x80:
                return "int 0x80 (i386 system call)";
        }
        if (insn.IsJccShortOrNear || insn.IsJmpShortOrNear || insn.IsLoop || insn.IsLoopcc || insn.IsJcxShort)
            return Branch64(insn.Code) == null ? "16-bit branch or CX-counted loop" : null;
        if (Alias80(insn.Code) != null) return AddressingProblem(insn);
        if (insn.IsCallFar || insn.IsJmpFar || insn.IsCallFarIndirect || insn.IsJmpFarIndirect || insn.Mnemonic is Mnemonic.Retf or Mnemonic.Iret or Mnemonic.Iretd)
            return "far transfer";
        if (insn.Mnemonic is Mnemonic.Push or Mnemonic.Pop or Mnemonic.Pusha or Mnemonic.Pushad or Mnemonic.Popa or Mnemonic.Popad or Mnemonic.Enter or Mnemonic.Leave
            or Mnemonic.Call or Mnemonic.Ret)
            return "stack operation whose 64-bit form differs (pusha/popa, enter, 16-bit leave, segment push/pop, 16-bit call/ret)";
        for (int i = 0; i < insn.OpCount; i++)
            if (insn.GetOpKind(i) == OpKind.Register && insn.GetOpRegister(i).IsSegmentRegister())
                return "segment register operand (selector values differ between the modes)";
        if (!insn.Code.ToOpCode().Mode64) return "no 64-bit encoding";
        return AddressingProblem(insn);
    }

    /// <summary>Memory operands 64-bit code cannot address like i386 code: fs/gs (other bases), 16-bit addressing.</summary>
    private static string? AddressingProblem(in Instruction insn)
    {
        for (int i = 0; i < insn.OpCount; i++)
        {
            var kind = insn.GetOpKind(i);
            if (kind is OpKind.MemorySegSI or OpKind.MemorySegDI or OpKind.MemoryESDI) return "16-bit addressing";
            if (kind is not (OpKind.Memory or OpKind.MemorySegESI or OpKind.MemorySegEDI or OpKind.MemoryESEDI)) continue;
            if (insn.MemorySegment is Register.FS or Register.GS) return "fs/gs segment";
            if (kind == OpKind.Memory && (insn.MemoryBase.GetSize() == 2 || insn.MemoryIndex.GetSize() == 2 || insn.MemoryDisplSize == 2))
                return "16-bit addressing";
        }
        return null;
    }

    private static bool InvolvesEsp(in Instruction insn) =>
        insn.Op0Kind == OpKind.Register ? insn.Op0Register is Register.ESP or Register.SP
        : insn.MemoryBase == Register.ESP || insn.MemoryIndex == Register.ESP;

    /// <summary>The 64-bit form of a near branch (the same name with _64 for _32), or null if 64-bit mode has none (16-bit forms, CX counters).</summary>
    private static Code? Branch64(Code code)
    {
        string name = code.ToString();
        if (!name.Contains("_32", StringComparison.Ordinal)) return null;
        return Enum.TryParse<Code>(name.Replace("_32", "_64", StringComparison.Ordinal), out var c) && c.ToOpCode().Mode64 ? c : null;
    }

    /// <summary>The 0x80 form of a 0x82 alias (ALU r/m8, imm8), which 64-bit mode does not decode; null for other codes.</summary>
    private static Code? Alias80(Code code)
    {
        string name = code.ToString();
        return name.EndsWith("_82", StringComparison.Ordinal) && Enum.TryParse<Code>(name[..^3], out var c) ? c : null;
    }

    /// <summary>The instruction's memory operand, unchanged (32-bit base/index: the encoder adds 0x67).</summary>
    private static MemoryOperand MemoryOf(in Instruction insn) =>
        new(insn.MemoryBase, insn.MemoryIndex, insn.MemoryIndexScale, (int)insn.MemoryDisplacement32, insn.MemoryDisplSize, false, insn.SegmentPrefix);

    /// <summary>[esp + disp] with 32-bit addressing.</summary>
    private static MemoryOperand StackSlot(int disp) => new(Register.ESP, disp, disp == 0 ? 0 : 1);

    private static Register Scratch(int size) => size == 4 ? Register.R8D : Register.R8W;

    /// <summary>lea esp, [esp + delta]: moves the 32-bit stack pointer without touching the flags.</summary>
    private static void MoveEsp(Assembler a, int delta) =>
        a.AddInstruction(Instruction.Create(Code.Lea_r32_m, Register.ESP, new MemoryOperand(Register.ESP, delta, delta is >= -128 and < 128 ? 1 : 4)));

    private static void PushReturnAddress(Assembler a, in Instruction insn)
    {
        a.AddInstruction(Instruction.Create(Code.Mov_rm32_imm32, StackSlot(-4), (uint)insn.NextIP));
        MoveEsp(a, -4);
    }

    private static void LoadTarget(Assembler a, in Instruction insn) =>
        a.AddInstruction(insn.Op0Kind == OpKind.Register
            ? Instruction.Create(Code.Mov_r32_rm32, Register.R8D, insn.Op0Register)
            : Instruction.Create(Code.Mov_r32_rm32, Register.R8D, MemoryOf(insn)));

    /// <summary>jmp qword [r8*8 + disp]: the table entry of the i386 address in R8 (zero-extended).</summary>
    private static void JumpThroughTable(Assembler a, X64Layout layout) =>
        a.jmp(__qword_ptr[r8 * 8 + layout.TableDisplacement]);

    /// <summary>Runs <paramref name="body"/> with RSP on the scratch stack (saved in R9), away from the case's stack.</summary>
    private static void OnScratchStack(Assembler a, X64Layout layout, Action body)
    {
        a.mov(r9, rsp);
        a.mov(rsp, X64Layout.FlagStackTop);
        body();
        a.mov(rsp, r9);
    }

    private static string Format(in Instruction insn)
    {
        var f = new NasmFormatter();
        var o = new StringOutput();
        f.Format(insn, o);
        return o.ToStringAndReset();
    }
}
