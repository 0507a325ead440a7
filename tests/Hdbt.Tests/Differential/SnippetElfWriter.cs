using System.Buffers.Binary;

namespace Hdbt.Tests.Differential;

/// <summary>
/// Writes a minimal static executable without any library: a read-execute segment holding the
/// headers and the code, a read-write segment holding initialised data plus zero-filled bss, an
/// optional read-only segment, and a PT_GNU_STACK header asking for a non-executable stack. ELF32
/// for i386 (<see cref="Write"/>, the program hdbt runs) or ELF64 for x86-64 (<see cref="Write64"/>,
/// the same cases re-encoded for a CPU whose kernel runs no i386 code), with the same addresses.
/// </summary>
public static class SnippetElfWriter
{
    private const int PageSize = 0x1000;
    private const uint PtLoad = 1, PtGnuStack = 0x6474_e551;
    private const uint PfX = 1, PfW = 2, PfR = 4;

    private readonly record struct Segment(uint Address, byte[] Bytes, uint MemSize, uint Flags);

    /// <summary>Builds an ELF32 i386 executable.</summary>
    /// <param name="code">Code that must have been assembled for address <see cref="DiffLayout.CodeAddress"/>.</param>
    /// <param name="entry">Entry point (an address inside the code).</param>
    /// <param name="data">Initial contents of the data segment at <see cref="DiffLayout.DataBase"/>.</param>
    /// <param name="bssSize">Zero-filled bytes after the data.</param>
    public static byte[] Write(ReadOnlySpan<byte> code, uint entry, ReadOnlySpan<byte> data, uint bssSize) =>
        Build(false, code, DiffLayout.CodeAddress, entry, [new(DiffLayout.DataBase, data.ToArray(), (uint)data.Length + bssSize, PfR | PfW)]);

    /// <summary>
    /// Builds an ELF64 x86-64 executable with the same layout (its larger headers need the code at
    /// <see cref="X64Layout.CodeAddress"/>), plus a read-only segment at <paramref name="roAddress"/>
    /// when <paramref name="ro"/> is not empty.
    /// </summary>
    public static byte[] Write64(ReadOnlySpan<byte> code, uint entry, ReadOnlySpan<byte> data, uint bssSize, uint roAddress, ReadOnlySpan<byte> ro)
    {
        var segments = new List<Segment> { new(DiffLayout.DataBase, data.ToArray(), (uint)data.Length + bssSize, PfR | PfW) };
        if (!ro.IsEmpty) segments.Add(new(roAddress, ro.ToArray(), (uint)ro.Length, PfR));
        return Build(true, code, X64Layout.CodeAddress, entry, segments);
    }

    private static byte[] Build(bool is64, ReadOnlySpan<byte> code, uint codeAddress, uint entry, List<Segment> segments)
    {
        int ehsize = is64 ? 64 : 52, phsize = is64 ? 56 : 32, phnum = 2 + segments.Count;
        int codeOffset = (int)(codeAddress - DiffLayout.TextBase);
        if (ehsize + phnum * phsize > codeOffset) throw new InvalidOperationException("headers overlap the code");
        int textEnd = codeOffset + code.Length;
        // A segment's file offset must be congruent to its (page-aligned) address modulo the page size.
        var offsets = new int[segments.Count];
        int end = textEnd;
        for (int i = 0; i < segments.Count; i++)
        {
            offsets[i] = (end + PageSize - 1) & ~(PageSize - 1);
            end = offsets[i] + segments[i].Bytes.Length;
        }
        var file = new byte[end];
        var s = file.AsSpan();

        s[0] = 0x7F; s[1] = (byte)'E'; s[2] = (byte)'L'; s[3] = (byte)'F';
        s[4] = (byte)(is64 ? 2 : 1); // ELFCLASS64 / ELFCLASS32
        s[5] = 1; // little-endian
        s[6] = 1; // EV_CURRENT
        U16(s, 16, 2); // ET_EXEC
        U16(s, 18, (ushort)(is64 ? 62 : 3)); // EM_X86_64 / EM_386
        U32(s, 20, 1);
        if (is64)
        {
            U64(s, 24, entry);
            U64(s, 32, (ulong)ehsize); // e_phoff; e_shoff 0: no section headers
            U16(s, 52, (ushort)ehsize);
            U16(s, 54, (ushort)phsize);
            U16(s, 56, (ushort)phnum);
            U16(s, 58, 64); // e_shentsize (unused)
        }
        else
        {
            U32(s, 24, entry);
            U32(s, 28, (uint)ehsize);
            U16(s, 40, (ushort)ehsize);
            U16(s, 42, (ushort)phsize);
            U16(s, 44, (ushort)phnum);
            U16(s, 46, 40);
        }

        Phdr(s, is64, ehsize + 0 * phsize, PtLoad, 0, DiffLayout.TextBase, (uint)textEnd, (uint)textEnd, PfR | PfX, PageSize);
        for (int i = 0; i < segments.Count; i++)
        {
            var seg = segments[i];
            Phdr(s, is64, ehsize + (1 + i) * phsize, PtLoad, (uint)offsets[i], seg.Address, (uint)seg.Bytes.Length, seg.MemSize, seg.Flags, PageSize);
            seg.Bytes.CopyTo(s[offsets[i]..]);
        }
        Phdr(s, is64, ehsize + (1 + segments.Count) * phsize, PtGnuStack, 0, 0, 0, 0, PfR | PfW, 16);
        code.CopyTo(s[codeOffset..]);
        return file;
    }

    private static void Phdr(Span<byte> s, bool is64, int o, uint type, uint offset, uint vaddr, uint fileSize, uint memSize, uint flags, uint align)
    {
        if (is64)
        {
            // Elf64_Phdr: p_type, p_flags, then 64-bit offset, vaddr, paddr, filesz, memsz, align.
            U32(s, o, type);
            U32(s, o + 4, flags);
            U64(s, o + 8, offset);
            U64(s, o + 16, vaddr);
            U64(s, o + 24, vaddr);
            U64(s, o + 32, fileSize);
            U64(s, o + 40, memSize);
            U64(s, o + 48, align);
            return;
        }
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

    private static void U64(Span<byte> s, int o, ulong v) => BinaryPrimitives.WriteUInt64LittleEndian(s[o..], v);
}
