using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Tests.Differential;

/// <summary>
/// The cases of an i386 <see cref="SnippetProgram"/> as a static x86-64 program that the real CPU
/// runs where the kernel executes no i386 code: the same start states (registers, EFLAGS, memory,
/// x87/SSE state) at the same addresses, each case's code re-encoded by <see cref="X64Translator"/>,
/// and the same output records, written to stdout with the 64-bit <c>write</c> system call.
/// </summary>
/// <remarks>
/// Only cases <see cref="X64Translator.Untranslatable"/> accepts go in; <see cref="Cases"/> lists
/// them by their index in the i386 program. The harness code around them is the i386 harness's,
/// written for 64-bit mode: its own stack at <see cref="DiffLayout.ScratchTop"/>, <c>popfq</c> to
/// load the flags, <c>pushfq</c> to record them (the low 32 bits are EFLAGS).
/// </remarks>
public sealed class X64Program
{
    /// <summary>Exit status when a ret or indirect branch reaches an i386 address that is not an instruction start of a case (a harness bug).</summary>
    public const int BadTargetStatus = 97;

    /// <summary>Exit status when writing the records fails.</summary>
    public const int WriteFailedStatus = 99;

    private X64Program(byte[] elf, int[] cases, int recordSize)
    {
        Elf = elf;
        Cases = cases;
        RecordSize = recordSize;
    }

    /// <summary>The executable file (ELF64).</summary>
    public byte[] Elf { get; }

    /// <summary>The i386 program's index of each case in this program, in order.</summary>
    public int[] Cases { get; }

    /// <summary>Bytes per output record (as in the i386 program).</summary>
    public int RecordSize { get; }

    /// <summary>Size of the complete output of a successful run.</summary>
    public int OutputSize => Cases.Length * RecordSize;

    /// <summary>Builds the program from the cases of <paramref name="program"/> listed in <paramref name="include"/> (all must be translatable).</summary>
    public static X64Program Build(SnippetProgram program, IReadOnlyList<SnippetCase> batch, IReadOnlyList<int> include, byte[] defaultMemory, FpuKind fpu)
    {
        var cases = include.Select(i => batch[i]).ToList();
        var code = include.Select(program.CaseInstructions).ToList();
        var images = new CaseImages(cases, defaultMemory, fpu);

        // The indirect-target table covers the cases that compute branch targets (ret, jmp/call r/m32).
        var tabled = Enumerable.Range(0, cases.Count).Where(k => code[k].Length > 0 && X64Translator.NeedsTargetTable(code[k])).ToList();
        uint low = tabled.Count == 0 ? DiffLayout.CodeAddress : tabled.Min(k => (uint)code[k][0].IP);
        uint high = tabled.Count == 0 ? low : tabled.Max(k => (uint)code[k][^1].NextIP) + 1;
        var layout = new X64Layout(low);

        var a = new Assembler(64);
        var loadMem = a.CreateLabel("load_mem");
        var saveMem = a.CreateLabel("save_mem");
        var saveFx = a.CreateLabel("save_fx");
        var writeLoop = a.CreateLabel("write_loop");
        var writeFailed = a.CreateLabel("write_failed");
        var badTarget = a.CreateLabel("bad_target");
        var caseLabels = new Dictionary<ulong, Label>[cases.Count];
        var caseEnds = new Label[cases.Count];
        var regs = new[] { eax, ecx, edx, ebx, esp, ebp, esi, edi };

        for (int k = 0; k < cases.Count; k++)
        {
            var c = cases[k];
            uint rec = images.Record(k);
            a.mov(esp, DiffLayout.ScratchTop);
            a.mov(esi, images.Memory[k]);
            a.call(loadMem);
            if (images.Fpu != null) HarnessRoutines.EmitFpuLoad(a, fpu, images.Fpu[k], (c.Fpu ?? new FpuInit()).Stack.Count);
            a.push((int)(c.Flags | 0x202));
            a.popfq();
            for (int r = 0; r < 8; r++)
                if (r != 4) a.mov(regs[r], c.Regs[r]);
            a.mov(esp, DiffLayout.StackTop);

            caseLabels[k] = code[k].ToDictionary(i => i.IP, _ => a.CreateLabel());
            caseEnds[k] = a.CreateLabel();
            if (code[k].Length > 0) X64Translator.Emit(a, code[k], caseLabels[k], caseEnds[k], layout);
            a.Label(ref caseEnds[k]);

            for (int r = 0; r < 8; r++) a.mov(__dword_ptr[(long)(rec + 4 * r)], regs[r]);
            if (fpu != FpuKind.None) a.fxsave(__[(long)DiffLayout.FxArea]);
            a.mov(esp, DiffLayout.ScratchTop);
            a.pushfq();
            a.pop(rax);
            a.mov(__dword_ptr[(long)(rec + 32)], eax);
            a.mov(edi, rec + 36);
            a.call(saveMem);
            if (fpu != FpuKind.None)
            {
                a.mov(edi, rec + (uint)DiffLayout.RecordSize);
                a.call(saveFx);
            }
        }

        // Write all records (looping over partial writes), then exit(0).
        a.push(0x202);
        a.popfq();
        a.mov(esi, images.Records);
        a.mov(edx, (uint)(cases.Count * images.RecordSize));
        a.Label(ref writeLoop);
        a.mov(eax, 1);
        a.mov(edi, 1);
        a.syscall();
        a.test(rax, rax);
        a.jle(writeFailed);
        a.add(rsi, rax);
        a.sub(rdx, rax);
        a.jnz(writeLoop);
        Exit(a, 0);
        a.Label(ref writeFailed);
        Exit(a, WriteFailedStatus);
        a.Label(ref badTarget);
        Exit(a, BadTargetStatus);

        HarnessRoutines.EmitCopyRoutines(a, is64: true, ref loadMem, ref saveMem, ref saveFx, fpu);

        var stream = new MemoryStream();
        var result = a.Assemble(new StreamCodeWriter(stream), X64Layout.CodeAddress, BlockEncoderOptions.ReturnNewInstructionOffsets);

        // Table entries: each instruction start (and the end) of a tabled case; everything else leads to bad_target.
        byte[] table = [];
        if (tabled.Count > 0)
        {
            table = new byte[8 * (high - low)];
            ulong bad = result.GetLabelRIP(badTarget);
            for (long o = 0; o < table.Length; o += 8) BitConverter.TryWriteBytes(table.AsSpan((int)o), bad);
            foreach (int k in tabled)
            {
                foreach (var (ip, label) in caseLabels[k])
                    BitConverter.TryWriteBytes(table.AsSpan((int)X64Layout.EntryOffset(low, ip)), result.GetLabelRIP(label));
                BitConverter.TryWriteBytes(table.AsSpan((int)X64Layout.EntryOffset(low, code[k][^1].NextIP)), result.GetLabelRIP(caseEnds[k]));
            }
        }
        byte[] elf = SnippetElfWriter.Write64(stream.ToArray(), X64Layout.CodeAddress, images.Data(), (uint)(cases.Count * images.RecordSize),
            X64Layout.TableBase, table);
        return new X64Program(elf, [.. include], images.RecordSize);
    }

    /// <summary>Splits a run's output into records, in the order of <see cref="Cases"/>.</summary>
    public CaseRecord[] ParseOutput(ReadOnlySpan<byte> output) => HarnessRoutines.ParseRecords(output, Cases.Length, RecordSize);

    private static void Exit(Assembler a, int status)
    {
        a.mov(eax, 231);    // exit_group
        a.mov(edi, status);
        a.syscall();
    }

}
