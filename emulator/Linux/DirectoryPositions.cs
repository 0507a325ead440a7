using System.Runtime.InteropServices;

namespace Hdbt.Linux;

/// <summary>
/// The directory positions of one directory as the guest sees them: the host's 64-bit cookies
/// (<c>d_off</c>, <c>lseek</c> on a directory) numbered 1, 2, 3, ... in order of first appearance,
/// with 0 (the start) kept as 0.
/// </summary>
/// <remarks>
/// Needed when hdbt serves a guest's directory calls from the host's 64-bit entry (no
/// <see cref="Host.CompatHost"/>): ext4 then hands out 63-bit hashes, overlayfs and others their own
/// 64-bit values, and an i386 program must see positions that fit 32 bits: glibc's non-LFS
/// <c>readdir</c> fails with EOVERFLOW otherwise, and <c>telldir</c>/<c>seekdir</c> store them in a
/// <c>long</c>. A position is only meaningful for the directory that produced it, so there is one
/// table per directory (identified by device and inode, see <see cref="DirectoryPositionTable"/>),
/// shared by every descriptor open on it. Cookies are opaque: nothing here does arithmetic on them.
/// </remarks>
public sealed class DirectoryPositions
{
    /// <summary>Largest position handed out: <c>lseek</c>'s 32-bit result must stay non-negative.</summary>
    public const uint MaxPosition = int.MaxValue;

    private readonly Dictionary<long, uint> _byCookie = [];
    // Cookie of position p at index p - 1.
    private long[] _cookies = new long[16];
    private uint _count;

    /// <summary>A table for the directory with this device and inode number.</summary>
    public DirectoryPositions(ulong device, ulong inode)
    {
        Device = device;
        Inode = inode;
    }

    /// <summary>st_dev of the directory.</summary>
    public ulong Device { get; }

    /// <summary>st_ino of the directory.</summary>
    public ulong Inode { get; }

    /// <summary>Positions handed out so far (the largest one).</summary>
    public uint Count => _count;

    /// <summary>Guest descriptors bound to this table (kept by <see cref="DirectoryPositionTable"/>).</summary>
    internal int References { get; set; }

    /// <summary>Retirement stamp (kept by <see cref="DirectoryPositionTable"/>): which retirement of this table a queue entry is.</summary>
    internal long RetiredAt { get; set; }

    /// <summary>The guest position for a host cookie: 0 for 0, else the number given to it when first seen.</summary>
    public uint ToGuest(long cookie)
    {
        if (cookie == 0) return 0;
        ref uint slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_byCookie, cookie, out bool exists);
        if (exists) return slot;
        if (_count == MaxPosition)
        {
            _byCookie.Remove(cookie);
            throw new InvalidOperationException($"more than {MaxPosition} positions in one directory");
        }
        if (_count == _cookies.Length) Array.Resize(ref _cookies, _cookies.Length * 2);
        _cookies[_count++] = cookie;
        slot = _count;
        return slot;
    }

    /// <summary>The host cookie of a guest position; false for a position this table never handed out.</summary>
    public bool TryToHost(long position, out long cookie)
    {
        if (position == 0) { cookie = 0; return true; }
        if (position < 0 || position > _count) { cookie = 0; return false; }
        cookie = _cookies[position - 1];
        return true;
    }
}
