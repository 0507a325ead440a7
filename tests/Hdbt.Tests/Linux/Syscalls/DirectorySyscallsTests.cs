using System.Text;
using Hdbt.Linux;
using Hdbt.Tests.Support;
using Hdbt.Host;

namespace Hdbt.Tests.Linux.Syscalls;

/// <summary>
/// Directory reading and seeking without the host's 32-bit entry (the path every host without
/// int 0x80 takes), driven in-process: every position the guest sees is a small number that
/// lseek and _llseek take back to the right entry, for dup'd and reopened descriptors too.
/// </summary>
public sealed class DirectorySyscallsTests : IDisposable
{
    private const uint ORdonly = 0, ODirectory = 0x1_0000, OLargefile = 0x8000;
    private const uint SeekSet = 0, SeekCur = 1;
    private const int Files = 60, Buffer = 512;
    private readonly KernelHarness _h = new(compatEntry: false);
    private readonly TempDir _dir = new();

    public DirectorySyscallsTests()
    {
        for (int i = 0; i < Files; i++) File.WriteAllText(_dir.File($"entry-{i:D3}"), "");
    }

    public void Dispose()
    {
        _h.Dispose();
        _dir.Dispose();
    }

    private int OpenDir() => _h.Call("open", _h.Str(_dir.Path), ORdonly | ODirectory);

    /// <summary>Reads the rest of a directory with getdents64: (name, d_off) of every record, in order.</summary>
    private List<(string Name, long Off)> ReadAll64(int fd, uint buf)
    {
        var records = new List<(string, long)>();
        int n;
        while ((n = _h.Call("getdents64", (uint)fd, buf, Buffer)) > 0)
            for (int pos = 0; pos < n;)
            {
                var rec = _h.Bytes(buf + (uint)pos, Buffer - pos);
                records.Add((Name(rec[19..]), BitConverter.ToInt64(rec[8..16])));
                pos += BitConverter.ToUInt16(rec[16..18]);
            }
        Assert.Equal(0, n);
        return records;
    }

    /// <summary>The first record's name of the next getdents64 call.</summary>
    private string NextName(int fd, uint buf)
    {
        Assert.True(_h.Call("getdents64", (uint)fd, buf, Buffer) > 0);
        return Name(_h.Bytes(buf + 19, 256));
    }

    private static string Name(ReadOnlySpan<byte> s) => Encoding.UTF8.GetString(s[..s.IndexOf((byte)0)]);

    [Fact]
    public void Getdents64OffsetsAreOneTwoThreeInReadingOrder()
    {
        int fd = OpenDir();
        var records = ReadAll64(fd, _h.Alloc(Buffer));
        Assert.Equal(Files + 2, records.Count);
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Off));
        Assert.Equal(records.Count, _h.Call("lseek", (uint)fd, 0, SeekCur));
    }

    [Fact]
    public void LseekAndLlseekTakePositionsBackToTheirEntries()
    {
        int fd = OpenDir();
        uint buf = _h.Alloc(Buffer), result = _h.Alloc(8);
        var records = ReadAll64(fd, buf);
        foreach (int k in new[] { 17, 3, 40, 0, 58 })
        {
            long pos = records[k].Off;
            Assert.Equal(pos, _h.Call("lseek", (uint)fd, (uint)pos, SeekSet));
            Assert.Equal(pos, _h.Call("lseek", (uint)fd, 0, SeekCur));
            Assert.Equal(records[k + 1].Name, NextName(fd, buf));
            Assert.Equal(0, _h.Call("_llseek", (uint)fd, 0, (uint)pos, result, SeekSet));
            Assert.Equal((ulong)pos, _h.U64(result));
            Assert.Equal(records[k + 1].Name, NextName(fd, buf));
        }
        // SEEK_CUR moves by positions: from entry 10's position, +5 is entry 15's.
        Assert.Equal(records[10].Off, _h.Call("lseek", (uint)fd, (uint)records[10].Off, SeekSet));
        Assert.Equal(records[15].Off, _h.Call("lseek", (uint)fd, 5, SeekCur));
        Assert.Equal(records[16].Name, NextName(fd, buf));
        // Position 0 is the start (rewinddir).
        Assert.Equal(0, _h.Call("lseek", (uint)fd, 0, SeekSet));
        Assert.Equal(records[0].Name, NextName(fd, buf));
    }

    [Fact]
    public void UnknownPositionsAreEinval()
    {
        int fd = OpenDir();
        uint buf = _h.Alloc(Buffer), result = _h.Alloc(8);
        var records = ReadAll64(fd, buf);
        Assert.Equal(-Errno.EINVAL, _h.Call("lseek", (uint)fd, (uint)records.Count + 1, SeekSet));
        Assert.Equal(-Errno.EINVAL, _h.Call("lseek", (uint)fd, unchecked((uint)-1), SeekSet));
        Assert.Equal(-Errno.EINVAL, _h.Call("_llseek", (uint)fd, 1, 0, result, SeekSet));
        Assert.Equal(-Errno.EINVAL, _h.Call("lseek", (uint)fd, 1000, SeekCur));
    }

    [Fact]
    public void DupAndReopenShareTheDirectorysPositions()
    {
        int fd = OpenDir();
        uint buf = _h.Alloc(Buffer);
        var records = ReadAll64(fd, buf);
        int dup = _h.Call("dup", (uint)fd);
        Assert.Equal(records[20].Off, _h.Call("lseek", (uint)dup, (uint)records[20].Off, SeekSet));
        Assert.Equal(records[21].Name, NextName(fd, buf));
        // A second open of the directory (its own file position) uses the same numbers.
        Assert.Equal(0, _h.Call("close", (uint)fd));
        int again = OpenDir();
        Assert.Equal(records[30].Off, _h.Call("lseek", (uint)again, (uint)records[30].Off, SeekSet));
        Assert.Equal(records[31].Name, NextName(again, buf));
        Assert.Equal(0, _h.Call("close", (uint)dup));
        Assert.Equal(0, _h.Call("close", (uint)again));
        // Closed and opened again: the retired table is found again.
        int third = OpenDir();
        Assert.Equal(records[40].Off, _h.Call("lseek", (uint)third, (uint)records[40].Off, SeekSet));
        Assert.Equal(records[41].Name, NextName(third, buf));
        Assert.Equal(records.Select(r => r.Off), ReadAll64(_h.Call("open", _h.Str(_dir.Path), ORdonly | ODirectory), buf)
            .Select(r => r.Off));
    }

    [Fact]
    public void OldGetdentsNumbersLikeGetdents64()
    {
        int fd = OpenDir();
        uint buf = _h.Alloc(Buffer);
        var records = ReadAll64(fd, buf);
        int old = OpenDir();
        var offs = new List<long>();
        int n;
        while ((n = _h.Call("getdents", (uint)old, buf, 100)) > 0)
            for (int pos = 0; pos < n;)
            {
                var rec = _h.Bytes(buf + (uint)pos, Buffer - pos);
                offs.Add(BitConverter.ToUInt32(rec[4..8]));
                pos += BitConverter.ToUInt16(rec[8..10]);
            }
        Assert.Equal(0, n);
        Assert.Equal(records.Select(r => r.Off), offs);
    }

    [Fact]
    public void RegularFilesKeepByteOffsets()
    {
        string path = _dir.File("data");
        File.WriteAllText(path, "0123456789");
        int fd = _h.Call("open", _h.Str(path), ORdonly | OLargefile);
        uint result = _h.Alloc(8);
        Assert.Equal(7, _h.Call("lseek", (uint)fd, 7, SeekSet));
        Assert.Equal(9, _h.Call("lseek", (uint)fd, 2, SeekCur));
        Assert.Equal(0, _h.Call("_llseek", (uint)fd, 2, 5, result, SeekSet));
        Assert.Equal((2ul << 32) + 5, _h.U64(result));
        // The position moved beyond what the 32-bit result holds.
        Assert.Equal(-Errno.EOVERFLOW, _h.Call("lseek", (uint)fd, 0, SeekCur));
        Assert.Equal(-Errno.ENOTDIR, _h.Call("getdents64", (uint)fd, _h.Alloc(Buffer), Buffer));
    }
}
