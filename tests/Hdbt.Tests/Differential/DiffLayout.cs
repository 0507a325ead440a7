namespace Hdbt.Tests.Differential;

/// <summary>
/// Fixed guest addresses of a differential-test executable. Everything a case can observe
/// (its memory area, its stack, code addresses pushed by calls) lives at these constant
/// addresses, so native and emulated runs produce byte-identical records.
/// </summary>
public static class DiffLayout
{
    /// <summary>Start of the read-execute segment (file offset 0: the ELF and program headers come first).</summary>
    public const uint TextBase = 0x0804_8000;

    /// <summary>Where the generated code starts (after the headers).</summary>
    public const uint CodeAddress = TextBase + 0x100;

    /// <summary>Start of the read-write segment.</summary>
    public const uint DataBase = 0x1000_0000;

    /// <summary>
    /// The memory a case may read and write; re-initialised before and recorded after every case. It
    /// starts 32 bytes before a page boundary, so the data area straddles two pages and unaligned
    /// accesses around offset 32 cross pages.
    /// </summary>
    public const uint Mem = DataBase + 0x1000 - 32;

    /// <summary>Size of the recorded memory: a 64-byte data area followed by the case's stack.</summary>
    public const int MemSize = 256;

    /// <summary>Size of the data area at the start of <see cref="Mem"/> that memory operands use.</summary>
    public const int DataSize = 64;

    /// <summary>ESP when a case's code starts: 160 bytes of stack below (pusha, enter with levels), 32 above (pops).</summary>
    public const uint StackTop = Mem + 0xE0;

    /// <summary>Top of the harness's own stack (calls to the copy routines, pushfd), outside the recorded memory.</summary>
    public const uint ScratchTop = DataBase + 0x3000;

    /// <summary>Initial memory images of the cases (deduplicated), then the output records (bss).</summary>
    public const uint ImagesBase = ScratchTop;

    /// <summary>Bytes per output record: 8 GPRs, EFLAGS, then the memory area (FP case sets append <see cref="FxLayout.Size"/> bytes).</summary>
    public const int RecordSize = 9 * 4 + MemSize;

    /// <summary>The 16-byte aligned 512-byte area each FP case's fxsave writes to before the harness copies it into the record.</summary>
    public const uint FxArea = DataBase + 0x2000;
}
