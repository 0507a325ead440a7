using Hdbt.Linux.Syscalls;

namespace Hdbt.Linux;

/// <summary>
/// The guest process's <see cref="DirectoryPositions"/>, one per directory (st_dev, st_ino), so that
/// duplicated descriptors and the same directory opened again share their positions.
/// </summary>
/// <remarks>
/// A table lives while a guest descriptor is bound to it (<see cref="FdTable"/> binds a descriptor on
/// its first getdents or lseek and releases it when the descriptor closes). After the last one closes,
/// the table is kept among the <see cref="RetiredLimit"/> most recently released ones, so a program that
/// closes a directory and opens it again finds its old positions; older ones are dropped, which bounds
/// the memory of a walk over a large tree (a position is only promised to the open directory stream
/// that produced it, so nothing correct relies on more).
/// </remarks>
public sealed class DirectoryPositionTable
{
    /// <summary>Released tables kept for a later open of the same directory.</summary>
    public const int RetiredLimit = 64;

    /// <summary>What a descriptor that is not a directory is bound to (so it is asked only once).</summary>
    internal static readonly DirectoryPositions NotDirectory = new(ulong.MaxValue, ulong.MaxValue);

    private readonly Dictionary<(ulong Device, ulong Inode), DirectoryPositions> _tables = [];
    private readonly Queue<(DirectoryPositions Table, long Stamp)> _retired = new();
    private long _stamp;

    /// <summary>Tables held, bound or retired.</summary>
    public int Count => _tables.Count;

    /// <summary>
    /// The table for the directory open on <paramref name="hostFd"/>, counted as one more reference;
    /// <see cref="NotDirectory"/> if it is not a directory; null if fstat failed (nothing is counted).
    /// </summary>
    public DirectoryPositions? Acquire(int hostFd)
    {
        int r = StatSyscalls.DirectoryIdentity(hostFd, out ulong device, out ulong inode);
        if (r < 0) return null;
        if (r == 0) return NotDirectory;
        return Acquire(device, inode);
    }

    /// <summary>The table for a directory identity (made if new), counted as one more reference.</summary>
    public DirectoryPositions Acquire(ulong device, ulong inode)
    {
        if (!_tables.TryGetValue((device, inode), out var t))
        {
            t = new DirectoryPositions(device, inode);
            _tables.Add((device, inode), t);
        }
        t.References++;
        return t;
    }

    /// <summary>Drops one reference; a table nobody references is retired (see the remarks).</summary>
    public void Release(DirectoryPositions table)
    {
        if (ReferenceEquals(table, NotDirectory)) return;
        if (table.References <= 0) throw new InvalidOperationException("directory position table released more often than acquired");
        if (--table.References > 0) return;
        table.RetiredAt = ++_stamp;
        _retired.Enqueue((table, table.RetiredAt));
        while (_retired.Count > RetiredLimit)
        {
            var (old, stamp) = _retired.Dequeue();
            // Skip entries of tables acquired again since (or retired again later: a newer entry stands for them).
            if (old.References == 0 && old.RetiredAt == stamp) _tables.Remove((old.Device, old.Inode));
        }
    }
}
