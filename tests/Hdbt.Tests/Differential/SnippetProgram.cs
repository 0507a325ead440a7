using System.Buffers.Binary;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Tests.Differential;

/// <summary>
/// A batch of <see cref="SnippetCase"/>s assembled into one static executable. For each case it
/// re-initialises the memory area, loads EFLAGS (popfd) and the registers, runs the case's code,
/// and stores the GPRs, EFLAGS and the memory area into that case's output record; at the end it
/// writes all records to stdout with <c>int 0x80</c> and exits with status 0.
/// </summary>
/// <remarks>
/// The code of a case starts in the same translation block as the register loads (so the emulator
/// sees them as constants) for even case indexes, and after a jump (values unknown) for odd ones.
/// </remarks>
public sealed class SnippetProgram
{
    private readonly byte[] _code;
    private readonly (uint Start, uint End)[] _ranges;

    private SnippetProgram(byte[] elf, byte[] code, (uint, uint)[] ranges, int recordSize)
    {
        Elf = elf;
        _code = code;
        _ranges = ranges;
        RecordSize = recordSize;
    }

    /// <summary>Bytes per case in the output: <see cref="DiffLayout.RecordSize"/>, plus <see cref="FxLayout.Size"/> for FP case sets.</summary>
    public int RecordSize { get; }

    /// <summary>The executable file.</summary>
    public byte[] Elf { get; }

    public int CaseCount => _ranges.Length;

    /// <summary>Size of the complete output of a successful run.</summary>
    public int OutputSize => _ranges.Length * RecordSize;

    /// <summary>
    /// Assembles the cases. With <paramref name="fpu"/> other than None, every case starts with fninit,
    /// fldcw and loads of its x87 stack (plus ldmxcsr and XMM0..7 for <see cref="FpuKind.Sse"/>) from its
    /// <see cref="FpuInit"/> image, and ends with fxsave; the image's first <see cref="FxLayout.Size"/>
    /// bytes follow the memory area in its record.
    /// </summary>
    public static SnippetProgram Build(IReadOnlyList<SnippetCase> cases, byte[] defaultMemory, FpuKind fpu = FpuKind.None)
    {
        var images = new CaseImages(cases, defaultMemory, fpu);
        int recordSize = images.RecordSize;

        var a = new Assembler(32);
        var loadMem = a.CreateLabel("load_mem");
        var saveMem = a.CreateLabel("save_mem");
        var saveFx = a.CreateLabel("save_fx");
        var writeLoop = a.CreateLabel("write_loop");
        var writeFailed = a.CreateLabel("write_failed");
        var bounds = new (int First, int End)[cases.Count];

        for (int i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            uint rec = images.Record(i);
            a.mov(esp, DiffLayout.ScratchTop);
            a.mov(esi, images.Memory[i]);
            a.call(loadMem);
            if (images.Fpu != null) HarnessRoutines.EmitFpuLoad(a, fpu, images.Fpu[i], (c.Fpu ?? new FpuInit()).Stack.Count);
            // push imm32 + popfd: IF and bit 1 as the kernel has them; popfd ignores IF/IOPL in user mode anyway.
            a.push((int)(c.Flags | 0x202));
            a.popfd();
            var regs = new[] { eax, ecx, edx, ebx, esp, ebp, esi, edi };
            for (int r = 0; r < 8; r++)
                if (r != 4) a.mov(regs[r], c.Regs[r]);
            a.mov(esp, DiffLayout.StackTop);
            if (i % 2 == 1)
            {
                // Every other case starts a new translation block, so the translator does not know the
                // register values as constants (the others check constant folding through the case).
                // "jmp $+2" as bytes: a label here would clash with a label the case puts on its first instruction.
                a.db(0xEB, 0x00);
            }
            int first = a.Instructions.Count;
            (c.Emit ?? throw new InvalidOperationException($"case {i} ({c.Form}) has no code"))(a);
            bounds[i] = (first, a.Instructions.Count);
            // Stores with absolute addresses: no register or flag is needed to record the state.
            for (int r = 0; r < 8; r++) a.mov(__dword_ptr[(long)(rec + 4 * r)], regs[r]);
            // fxsave changes neither registers nor flags: taken before pushfd so the harness code below cannot disturb it.
            if (fpu != FpuKind.None) a.fxsave(__[(long)DiffLayout.FxArea]);
            a.mov(esp, DiffLayout.ScratchTop);
            a.pushfd();
            a.pop(__dword_ptr[(long)(rec + 32)]);
            a.mov(edi, rec + 36);
            a.call(saveMem);
            if (fpu != FpuKind.None)
            {
                a.mov(edi, rec + (uint)DiffLayout.RecordSize);
                a.call(saveFx);
            }
        }

        // Write all records (looping over partial writes), then exit(0); a failed write exits with 99.
        a.push(0x202);
        a.popfd();
        a.mov(ecx, images.Records);
        a.mov(edx, (uint)(cases.Count * recordSize));
        a.Label(ref writeLoop);
        a.mov(eax, 4);
        a.mov(ebx, 1);
        a.@int(0x80);
        a.test(eax, eax);
        a.jle(writeFailed);
        a.add(ecx, eax);
        a.sub(edx, eax);
        a.jnz(writeLoop);
        a.mov(eax, 1);
        a.xor(ebx, ebx);
        a.@int(0x80);
        a.Label(ref writeFailed);
        a.mov(eax, 1);
        a.mov(ebx, 99);
        a.@int(0x80);

        HarnessRoutines.EmitCopyRoutines(a, is64: false, ref loadMem, ref saveMem, ref saveFx, fpu);

        var stream = new MemoryStream();
        var result = a.Assemble(new StreamCodeWriter(stream), DiffLayout.CodeAddress, BlockEncoderOptions.ReturnNewInstructionOffsets);
        var offsets = result.Result[0].NewInstructionOffsets;
        byte[] code = stream.ToArray();
        var ranges = new (uint, uint)[cases.Count];
        for (int i = 0; i < cases.Count; i++)
            ranges[i] = (DiffLayout.CodeAddress + offsets[bounds[i].First], DiffLayout.CodeAddress + offsets[bounds[i].End]);

        byte[] elf = SnippetElfWriter.Write(code, DiffLayout.CodeAddress, images.Data(), (uint)(cases.Count * recordSize));
        return new SnippetProgram(elf, code, ranges, recordSize);
    }

    /// <summary>The index of the case whose code contains <paramref name="pc"/>, or -1.</summary>
    public int CaseAt(uint pc)
    {
        for (int i = 0; i < _ranges.Length; i++)
            if (pc >= _ranges[i].Start && pc < _ranges[i].End) return i;
        return -1;
    }

    /// <summary>The machine code of case <paramref name="i"/> as it lies in the program.</summary>
    public ReadOnlySpan<byte> CaseCode(int i)
    {
        var (start, end) = _ranges[i];
        return _code.AsSpan((int)(start - DiffLayout.CodeAddress), (int)(end - start));
    }

    /// <summary>The instructions of case <paramref name="i"/>, decoded at their addresses in the program.</summary>
    public Instruction[] CaseInstructions(int i)
    {
        var (start, end) = _ranges[i];
        var decoder = Decoder.Create(32, new ByteArrayCodeReader(_code, (int)(start - DiffLayout.CodeAddress), (int)(end - start)), start);
        var list = new List<Instruction>();
        while (decoder.IP < end)
        {
            decoder.Decode(out var insn);
            list.Add(insn);
        }
        return [.. list];
    }

    /// <summary>The code of case <paramref name="i"/> as assembly text, one instruction per "; "-separated item.</summary>
    public string Disassemble(int i)
    {
        var (start, end) = _ranges[i];
        var reader = new ByteArrayCodeReader(_code, (int)(start - DiffLayout.CodeAddress), (int)(end - start));
        var decoder = Decoder.Create(32, reader, start);
        var formatter = new NasmFormatter();
        formatter.Options.FirstOperandCharIndex = 0;
        var output = new StringOutput();
        var parts = new List<string>();
        while (decoder.IP < end)
        {
            decoder.Decode(out var insn);
            formatter.Format(insn, output);
            parts.Add(output.ToStringAndReset());
        }
        return string.Join("; ", parts);
    }

    /// <summary>Splits a run's output into records.</summary>
    public CaseRecord[] ParseOutput(ReadOnlySpan<byte> output) => HarnessRoutines.ParseRecords(output, CaseCount, RecordSize);
}
