using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Hdbt.Tests.Distribution;

/// <summary>
/// The files the busybox tests work on, made the same way in every directory: text, CSV, binary
/// data, a small tree with a symbolic link, a tar archive, a gzip file, a zip archive, a checksum
/// list, a bc program. Every file and directory gets a fixed modification time
/// (<see cref="File.SetLastWriteTimeUtc"/>), so that listings, archives and <c>find -newer</c> print
/// the same in every run, and far in the past, so that <c>ls -l</c> prints years rather than times of day.
/// </summary>
public static class BusyboxTree
{
    /// <summary>2001-09-09 01:46:40 UTC (Unix time 1e9): the files at the top.</summary>
    public static readonly DateTime Old = DateTime.UnixEpoch.AddSeconds(1_000_000_000);

    /// <summary>2004-11-09 11:33:20 UTC (Unix time 1.1e9): the files under sub/, newer than the others.</summary>
    public static readonly DateTime Newer = DateTime.UnixEpoch.AddSeconds(1_100_000_000);

    /// <summary>Writes the tree into <paramref name="dir"/> (which exists and is empty).</summary>
    public static void Create(string dir)
    {
        string P(string name) => Path.Combine(dir, name);
        File.WriteAllText(P("words.txt"), string.Join('\n', Enumerable.Range(0, 500).Select(i => $"w{i * 7919 % 263} {i}")) + "\n");
        File.WriteAllText(P("data.csv"), "name,qty,price\napple,3,120\npear,10,45\nfig,7,300\n");
        File.WriteAllBytes(P("bytes.bin"), Enumerable.Range(0, 4096).Select(i => (byte)(i * 31 % 251)).ToArray());
        Directory.CreateDirectory(P("sub/deep"));
        File.WriteAllText(P("sub/a"), "a\n");
        File.WriteAllText(P("sub/b"), "bb\n");
        File.WriteAllText(P("sub/deep/c"), string.Concat(Enumerable.Repeat("ccc\n", 100)) + "d\nd\n");
        File.SetUnixFileMode(P("sub/b"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        File.CreateSymbolicLink(P("link"), "sub/a");
        File.WriteAllText(P("list.txt"), "sub/a\nsub/b\nsub/deep/c\n");
        File.WriteAllText(P("calc.bc"), "scale=40\nsqrt(2)\n4*a(1)\ne(1)\n2^100 % 1000003\n");
        File.WriteAllText(P("sums.md5"), $"{Md5(P("words.txt"))}  words.txt\n{Md5(P("bytes.bin"))}  bytes.bin\n");
        WriteTar(P("archive.tar"));
        using (var gz = new GZipStream(File.Create(P("data.gz")), CompressionLevel.Optimal))
            gz.Write(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 300).Select(i => $"line {i} {i * i}\n"))));
        using (var zip = new ZipArchive(File.Create(P("archive.zip")), ZipArchiveMode.Create))
        {
            foreach (var (name, text) in new[] { ("zip/one.txt", "one\n"), ("zip/two.txt", string.Concat(Enumerable.Repeat("two ", 200)) + "\n") })
            {
                var e = zip.CreateEntry(name, CompressionLevel.Optimal);
                e.LastWriteTime = new DateTimeOffset(2003, 4, 5, 6, 7, 8, TimeSpan.Zero);
                using var s = e.Open();
                s.Write(Encoding.ASCII.GetBytes(text));
            }
        }
        // Last, deepest first: writing a file changes its directory's time.
        foreach (var f in Directory.EnumerateFiles(P("sub"), "*", SearchOption.AllDirectories)) File.SetLastWriteTimeUtc(f, Newer);
        File.SetLastWriteTimeUtc(P("sub/deep"), Newer);
        File.SetLastWriteTimeUtc(P("sub"), Newer);
        foreach (var f in Directory.EnumerateFiles(dir)) if (new FileInfo(f).LinkTarget == null) File.SetLastWriteTimeUtc(f, Old);
        File.SetLastWriteTimeUtc(dir, Old);
    }

    /// <summary>A ustar archive: a directory, a text file, an executable, a symbolic link, fixed times and owners.</summary>
    private static void WriteTar(string path)
    {
        var when = new DateTimeOffset(2002, 2, 3, 4, 5, 6, TimeSpan.Zero);
        using var tar = new TarWriter(File.Create(path), TarEntryFormat.Ustar, leaveOpen: false);
        void Add(UstarTarEntry e, UnixFileMode mode, string? text = null)
        {
            e.ModificationTime = when;
            e.Mode = mode;
            e.Uid = 1000;
            e.Gid = 1000;
            e.UserName = "builder";
            e.GroupName = "staff";
            if (text != null) e.DataStream = new MemoryStream(Encoding.ASCII.GetBytes(text));
            tar.WriteEntry(e);
        }
        const UnixFileMode Rw = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        const UnixFileMode Rwx = Rw | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        Add(new UstarTarEntry(TarEntryType.Directory, "pkg/"), Rwx);
        Add(new UstarTarEntry(TarEntryType.RegularFile, "pkg/readme.txt"), Rw, "read me\n" + string.Concat(Enumerable.Repeat("0123456789", 80)) + "\n");
        Add(new UstarTarEntry(TarEntryType.Directory, "pkg/bin/"), Rwx);
        Add(new UstarTarEntry(TarEntryType.RegularFile, "pkg/bin/tool"), Rwx, "#!/bin/sh\necho tool\n");
        Add(new UstarTarEntry(TarEntryType.SymbolicLink, "pkg/latest") { LinkName = "readme.txt" }, Rwx);
    }

    private static string Md5(string path) => Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(path)));
}
