using System.Buffers.Binary;

namespace Hdbt.Tests.Differential;

/// <summary>
/// Writes a minimal static ELF32 i386 executable without any library: a read-execute segment
/// holding the headers and the code, a read-write segment holding initialised data plus
/// zero-filled bss, and a PT_GNU_STACK header asking for a non-executable stack.
/// </summary>
public static class SnippetElfWriter
{
    private const int EhdrSize = 52, PhdrSize = 32, PhdrCount = 3, PageSize = 0x1000;
    private const uint PtLoad = 1, PtGnuStack = 0x6474_e551;
    private const uint PfX = 1, PfW = 2, PfR = 4;

    /// <summary>Builds the file image.</summary>
    /// <param name="code">Code that must have been assembled for address <see cref="DiffLayout.CodeAddress"/>.</param>
    /// <param name="entry">Entry point (an address inside the code).</param>
    /// <param name="data">Initial contents of the data segment at <see cref="DiffLayout.DataBase"/>.</param>
    /// <param name="bssSize">Zero-filled bytes after the data.</param>
    public static byte[] Write(ReadOnlySpan<byte> code, uint entry, ReadOnlySpan<byte> data, uint bssSize)
    {
        const int codeOffset = (int)(DiffLayout.CodeAddress - DiffLayout.TextBase);
        if (EhdrSize + PhdrCount * PhdrSize > codeOffset) throw new InvalidOperationException("headers overlap the code");
        int textEnd = codeOffset + code.Length;
        // The data segment's file offset must be congruent to its (page-aligned) address modulo the page size.
        int dataOffset = (textEnd + PageSize - 1) & ~(PageSize - 1);
        var file = new byte[dataOffset + data.Length];
        var s = file.AsSpan();

        // ELF header.
        s[0] = 0x7F; s[1] = (byte)'E'; s[2] = (byte)'L'; s[3] = (byte)'F';
        s[4] = 1; // ELFCLASS32
        s[5] = 1; // little-endian
        s[6] = 1; // EV_CURRENT
        U16(s, 16, 2); // ET_EXEC
        U16(s, 18, 3); // EM_386
        U32(s, 20, 1);
        U32(s, 24, entry);
        U32(s, 28, EhdrSize); // e_phoff
        U32(s, 32, 0); // e_shoff: no section headers
        U32(s, 36, 0);
        U16(s, 40, EhdrSize);
        U16(s, 42, PhdrSize);
        U16(s, 44, PhdrCount);
        U16(s, 46, 40); // e_shentsize (unused)
        U16(s, 48, 0);
        U16(s, 50, 0);

        Phdr(s, 0, PtLoad, 0, DiffLayout.TextBase, (uint)textEnd, (uint)textEnd, PfR | PfX, PageSize);
        Phdr(s, 1, PtLoad, (uint)dataOffset, DiffLayout.DataBase, (uint)data.Length, (uint)data.Length + bssSize, PfR | PfW, PageSize);
        Phdr(s, 2, PtGnuStack, 0, 0, 0, 0, PfR | PfW, 16);

        code.CopyTo(s[codeOffset..]);
        data.CopyTo(s[dataOffset..]);
        return file;
    }

    private static void Phdr(Span<byte> s, int index, uint type, uint offset, uint vaddr, uint fileSize, uint memSize, uint flags, uint align)
    {
        int o = EhdrSize + index * PhdrSize;
        U32(s, o, type);
        U32(s, o + 4, offset);
        U32(s, o + 8, vaddr);
        U32(s, o + 12, vaddr); // p_paddr
        U32(s, o + 16, fileSize);
        U32(s, o + 20, memSize);
        U32(s, o + 24, flags);
        U32(s, o + 28, align);
    }

    private static void U16(Span<byte> s, int o, ushort v) => BinaryPrimitives.WriteUInt16LittleEndian(s[o..], v);

    private static void U32(Span<byte> s, int o, uint v) => BinaryPrimitives.WriteUInt32LittleEndian(s[o..], v);
}
