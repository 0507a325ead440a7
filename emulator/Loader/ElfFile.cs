using System.Buffers.Binary;

namespace Hdbt.Loader;

/// <summary>A parsed and validated ELF32 i386 executable image (the whole file in memory).</summary>
public sealed class ElfFile
{
    public const ushort EtExec = 2, EtDyn = 3, EmI386 = 3;
    public const uint PtLoad = 1, PtInterp = 3, PtPhdr = 6, PtGnuStack = 0x6474_e551;
    public const uint PfX = 1, PfW = 2, PfR = 4;

    public required byte[] Data { get; init; }
    public ushort Type { get; init; }
    public uint Entry { get; init; }
    public uint PhOff { get; init; }
    public ushort PhEntSize { get; init; }
    public required ProgramHeader[] ProgramHeaders { get; init; }

    /// <summary>Reads and validates a file; throws <see cref="LoaderException"/> with a one-line reason.</summary>
    public static ElfFile Load(string path)
    {
        byte[] data;
        try
        {
            if (Directory.Exists(path)) throw new LoaderException($"{path}: is a directory", LoaderError.NotFound);
            data = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException) { throw new LoaderException($"{path}: no such file", LoaderError.NotFound); }
        catch (DirectoryNotFoundException) { throw new LoaderException($"{path}: no such file", LoaderError.NotFound); }
        catch (UnauthorizedAccessException) { throw new LoaderException($"{path}: permission denied", LoaderError.NotFound); }
        catch (IOException e) { throw new LoaderException($"{path}: cannot read: {e.Message}", LoaderError.NotFound); }
        return Parse(path, data);
    }

    public static ElfFile Parse(string path, byte[] data)
    {
        LoaderException Bad(string why) => new($"{path}: {why}", LoaderError.BadFormat);
        if (data.Length < 4 || data[0] != 0x7F || data[1] != (byte)'E' || data[2] != (byte)'L' || data[3] != (byte)'F')
            throw Bad("not an ELF file");
        if (data.Length < 52) throw Bad("truncated ELF header");
        if (data[4] == 2) throw Bad("is a 64-bit ELF (ELFCLASS64); hdbt runs 32-bit i386 programs");
        if (data[4] != 1) throw Bad($"unknown ELF class {data[4]}");
        if (data[5] != 1) throw Bad("not a little-endian ELF");
        var span = data.AsSpan();
        ushort type = BinaryPrimitives.ReadUInt16LittleEndian(span[16..]);
        ushort machine = BinaryPrimitives.ReadUInt16LittleEndian(span[18..]);
        if (machine != EmI386) throw Bad($"wrong machine {MachineName(machine)}; hdbt runs i386 (EM_386) programs");
        if (type != EtExec && type != EtDyn) throw Bad(type == 1 ? "is a relocatable object (ET_REL), not an executable" : $"ELF type {type} is not an executable");
        uint entry = BinaryPrimitives.ReadUInt32LittleEndian(span[24..]);
        uint phoff = BinaryPrimitives.ReadUInt32LittleEndian(span[28..]);
        ushort phentsize = BinaryPrimitives.ReadUInt16LittleEndian(span[42..]);
        ushort phnum = BinaryPrimitives.ReadUInt16LittleEndian(span[44..]);
        if (phnum == 0) throw Bad("has no program headers");
        if (phentsize < 32) throw Bad($"bad program header size {phentsize}");
        if ((ulong)phoff + (ulong)phnum * phentsize > (ulong)data.Length) throw Bad("truncated program headers");
        var phdrs = new ProgramHeader[phnum];
        for (int i = 0; i < phnum; i++)
        {
            var p = span[(int)(phoff + i * phentsize)..];
            phdrs[i] = new ProgramHeader(
                BinaryPrimitives.ReadUInt32LittleEndian(p),
                BinaryPrimitives.ReadUInt32LittleEndian(p[4..]),
                BinaryPrimitives.ReadUInt32LittleEndian(p[8..]),
                BinaryPrimitives.ReadUInt32LittleEndian(p[16..]),
                BinaryPrimitives.ReadUInt32LittleEndian(p[20..]),
                BinaryPrimitives.ReadUInt32LittleEndian(p[24..]),
                BinaryPrimitives.ReadUInt32LittleEndian(p[28..]));
            var ph = phdrs[i];
            if (ph.Type == PtLoad)
            {
                if ((ulong)ph.Offset + ph.FileSize > (ulong)data.Length) throw Bad($"segment {i} extends past the end of the file (truncated?)");
                if (ph.FileSize > ph.MemSize) throw Bad($"segment {i} has file size larger than memory size");
                if ((ulong)ph.VAddr + ph.MemSize > 0xFFFF_0000ul) throw Bad($"segment {i} lies outside the 32-bit address space");
            }
        }
        if (!phdrs.Any(p => p.Type == PtLoad)) throw Bad("has no loadable segments");
        foreach (var ph in phdrs)
            if (ph.Type == PtInterp)
            {
                string interp = System.Text.Encoding.ASCII.GetString(data, (int)ph.Offset, (int)Math.Min(ph.FileSize, 256)).TrimEnd('\0');
                throw new LoaderException(
                    $"{path}: dynamic linking is not supported yet (the program asks for {interp}); build it with -static",
                    LoaderError.Unsupported);
            }
        return new ElfFile { Data = data, Type = type, Entry = entry, PhOff = phoff, PhEntSize = phentsize, ProgramHeaders = phdrs };
    }

    private static string MachineName(ushort m) => m switch
    {
        62 => "x86-64 (EM_X86_64)",
        40 => "ARM (EM_ARM)",
        183 => "AArch64 (EM_AARCH64)",
        243 => "RISC-V (EM_RISCV)",
        8 => "MIPS (EM_MIPS)",
        _ => $"e_machine {m}",
    };
}
