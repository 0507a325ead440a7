using System.Buffers.Binary;

namespace Hdbt.Tests.Support;

/// <summary>Writes minimal ELF files from raw bytes: for loader and bad-input tests (header fields can be corrupted on purpose).</summary>
public static class TinyElf
{
    public const uint Base = 0x0804_8000;

    /// <summary>An ELF32 i386 executable whose one RX segment holds <paramref name="code"/> at the entry point.</summary>
    public static byte[] I386(byte[] code, ushort machine = 3, byte elfClass = 1, ushort type = 2)
    {
        const int ehsize = 52, phsize = 32;
        var image = new byte[ehsize + phsize + code.Length];
        var s = image.AsSpan();
        s[0] = 0x7F; s[1] = (byte)'E'; s[2] = (byte)'L'; s[3] = (byte)'F';
        s[4] = elfClass; s[5] = 1; s[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(s[16..], type);
        BinaryPrimitives.WriteUInt16LittleEndian(s[18..], machine);
        BinaryPrimitives.WriteUInt32LittleEndian(s[20..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(s[24..], Base + ehsize + phsize);
        BinaryPrimitives.WriteUInt32LittleEndian(s[28..], ehsize);
        BinaryPrimitives.WriteUInt16LittleEndian(s[40..], ehsize);
        BinaryPrimitives.WriteUInt16LittleEndian(s[42..], phsize);
        BinaryPrimitives.WriteUInt16LittleEndian(s[44..], 1);
        var ph = s[ehsize..];
        BinaryPrimitives.WriteUInt32LittleEndian(ph, 1); // PT_LOAD
        BinaryPrimitives.WriteUInt32LittleEndian(ph[4..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(ph[8..], Base);
        BinaryPrimitives.WriteUInt32LittleEndian(ph[12..], Base);
        BinaryPrimitives.WriteUInt32LittleEndian(ph[16..], (uint)image.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(ph[20..], (uint)image.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(ph[24..], 5); // R+X
        BinaryPrimitives.WriteUInt32LittleEndian(ph[28..], 0x1000);
        code.CopyTo(s[(ehsize + phsize)..]);
        return image;
    }

    /// <summary>Code that exits with a status: mov ebx, status; mov eax, 1; int 0x80.</summary>
    public static byte[] ExitCode(byte status) => [0xBB, status, 0, 0, 0, 0xB8, 1, 0, 0, 0, 0xCD, 0x80];

    /// <summary>Writes the file and makes it executable.</summary>
    public static string Save(string path, byte[] image)
    {
        File.WriteAllBytes(path, image);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
