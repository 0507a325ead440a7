using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Tests.Differential;

/// <summary>
/// The pieces of harness code the i386 program (<see cref="SnippetProgram"/>) and its 64-bit
/// re-encoding (<see cref="X64Program"/>) share: the memory copy routines and the FP start state.
/// The same Iced calls assemble for either mode; only the pointer register differs.
/// </summary>
public static class HarnessRoutines
{
    /// <summary>
    /// Defines <paramref name="loadMem"/> (copy the image at ESI/RSI into the memory area),
    /// <paramref name="saveMem"/> (copy the memory area to EDI/RDI) and, for FP case sets,
    /// <paramref name="saveFx"/> (copy the kept part of the fxsave area to EDI/RDI). They use only
    /// mov, call and ret, so they work whatever instruction families the emulator lacks.
    /// </summary>
    public static void EmitCopyRoutines(Assembler a, bool is64, ref Label loadMem, ref Label saveMem, ref Label saveFx, FpuKind fpu)
    {
        AssemblerMemoryOperand Src(int k) => is64 ? __dword_ptr[rsi + k] : __dword_ptr[esi + k];
        AssemblerMemoryOperand Dst(int k) => is64 ? __dword_ptr[rdi + k] : __dword_ptr[edi + k];
        a.Label(ref loadMem);
        for (int k = 0; k < DiffLayout.MemSize; k += 4)
        {
            a.mov(eax, Src(k));
            a.mov(__dword_ptr[(long)(DiffLayout.Mem + (uint)k)], eax);
        }
        a.ret();
        a.Label(ref saveMem);
        for (int k = 0; k < DiffLayout.MemSize; k += 4)
        {
            a.mov(eax, __dword_ptr[(long)(DiffLayout.Mem + (uint)k)]);
            a.mov(Dst(k), eax);
        }
        a.ret();
        if (fpu == FpuKind.None) return;
        a.Label(ref saveFx);
        for (int k = 0; k < FxLayout.Size; k += 4)
        {
            a.mov(eax, __dword_ptr[(long)(DiffLayout.FxArea + (uint)k)]);
            a.mov(Dst(k), eax);
        }
        a.ret();
    }

    /// <summary>
    /// A case's FP start state from its image: fninit (empty stack, exceptions clear), fldcw, then the stack
    /// values pushed deepest first with fld m80 (exact, raises nothing even for signalling NaNs); for SSE
    /// sets ldmxcsr and movups of XMM0..XMM7. Absolute addresses only: no register or flag is touched.
    /// </summary>
    public static void EmitFpuLoad(Assembler a, FpuKind fpu, uint image, int stackCount)
    {
        a.fninit();
        a.fldcw(__word_ptr[(long)image]);
        for (int k = stackCount - 1; k >= 0; k--)
            a.fld(__tword_ptr[(long)(image + FpuInit.StackOffset + 10 * (uint)k)]);
        if (fpu != FpuKind.Sse) return;
        a.ldmxcsr(__dword_ptr[(long)(image + 4)]);
        var xmms = new[] { xmm0, xmm1, xmm2, xmm3, xmm4, xmm5, xmm6, xmm7 };
        for (int k = 0; k < 8; k++)
            a.movups(xmms[k], __xmmword_ptr[(long)(image + FpuInit.XmmOffset + 16 * (uint)k)]);
    }

    /// <summary>Splits a run's output into <paramref name="count"/> records of <paramref name="recordSize"/> bytes.</summary>
    public static CaseRecord[] ParseRecords(ReadOnlySpan<byte> output, int count, int recordSize)
    {
        if (output.Length != count * recordSize)
            throw new InvalidDataException($"output is {output.Length} bytes, expected {count * recordSize}");
        var records = new CaseRecord[count];
        for (int i = 0; i < records.Length; i++)
            records[i] = CaseRecord.Parse(output.Slice(i * recordSize, recordSize));
        return records;
    }
}
