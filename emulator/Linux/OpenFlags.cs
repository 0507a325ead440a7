using System.Text;

namespace Hdbt.Linux;

/// <summary>open(2) flag bits (the same on i386 and x86-64) and their names for --strace.</summary>
public static class OpenFlags
{
    public const int AccessMode = 3, Creat = 0x40, Excl = 0x80, Noctty = 0x100, Trunc = 0x200, Append = 0x400,
        Nonblock = 0x800, Dsync = 0x1000, Async = 0x2000, Direct = 0x4000, LargeFile = 0x8000, Directory = 0x1_0000,
        Nofollow = 0x2_0000, Noatime = 0x4_0000, Cloexec = 0x8_0000, SyncBit = 0x10_0000, Path = 0x20_0000,
        TmpfileBit = 0x40_0000;

    private static readonly (int Bit, string Name)[] s_bits =
    [
        (Creat, "O_CREAT"), (Excl, "O_EXCL"), (Noctty, "O_NOCTTY"), (Trunc, "O_TRUNC"), (Append, "O_APPEND"),
        (Nonblock, "O_NONBLOCK"), (Dsync, "O_DSYNC"), (Async, "O_ASYNC"), (Direct, "O_DIRECT"), (LargeFile, "O_LARGEFILE"),
        (Directory, "O_DIRECTORY"), (Nofollow, "O_NOFOLLOW"), (Noatime, "O_NOATIME"), (Cloexec, "O_CLOEXEC"),
        (SyncBit, "__O_SYNC"), (Path, "O_PATH"), (TmpfileBit, "__O_TMPFILE"),
    ];

    /// <summary>Flags as <c>O_WRONLY|O_CREAT|O_TRUNC</c>, with unknown bits in hex.</summary>
    public static string Format(uint flags)
    {
        var sb = new StringBuilder((flags & AccessMode) switch { 0 => "O_RDONLY", 1 => "O_WRONLY", 2 => "O_RDWR", _ => "O_ACCMODE" });
        uint rest = flags & ~(uint)AccessMode;
        foreach (var (bit, name) in s_bits)
        {
            if ((rest & bit) == 0) continue;
            sb.Append('|').Append(name);
            rest &= ~(uint)bit;
        }
        if (rest != 0) sb.Append("|0x").Append(rest.ToString("x"));
        return sb.ToString();
    }
}
