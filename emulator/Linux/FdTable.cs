using Hdbt.Host;
namespace Hdbt.Linux;

/// <summary>
/// Guest file descriptors mapped to host ones. Guest numbers follow Linux's rule (lowest free
/// number first) independently of the host, whose own descriptors the .NET runtime also uses.
/// </summary>
/// <remarks>
/// Host descriptors 0, 1 and 2 are hdbt's own standard streams as well as (at first) the
/// guest's. When the guest gives one of them up, the host descriptor is pointed at /dev/null
/// instead of being closed: the file behind it is still released (a reader of the pipe sees
/// end of file), but the host never reuses the number for a guest file, which hdbt's own
/// messages would then land in.
/// <para>
/// The table grows as the kernel's does (64 slots, then the next power of two that holds the
/// new number), which matters to select: it ignores fd_set bits beyond the table's size.
/// </para>
/// </remarks>
public sealed class FdTable
{
    /// <summary>The "current directory" value of the *at calls' directory fd.</summary>
    public const int AtFdCwd = -100;

    private const int InitialSize = 64;
    private const int MaxLimit = 1 << 24;
    private const int OpenRdwr = 2, Dup3 = 292, RlimitNofile = 7;

    private int[] _host = new int[InitialSize];

    // Descriptors the guest opened without O_LARGEFILE: the host kernel forces O_LARGEFILE on
    // every 64-bit open, so F_GETFL must hide it again for these (dup copies the mark, as the
    // duplicate shares the open file description).
    private bool[] _notLargeFile = new bool[InitialSize];

    // The directory position table each guest fd is bound to, once a getdents or lseek asked for it
    // (DirectoryPositionTable.NotDirectory for other files): one fstat per descriptor, not per call.
    private DirectoryPositions?[] _positions = new DirectoryPositions?[InitialSize];

    public unsafe FdTable()
    {
        Array.Fill(_host, -1);
        for (int i = 0; i < 3; i++) _host[i] = i;
        // The guest's RLIMIT_NOFILE is hdbt's (what getrlimit reports to it).
        ulong* lim = stackalloc ulong[2];
        long r = HostKernel.Syscall(HostKernel.Nr.Prlimit64, 0, RlimitNofile, 0, (nint)lim);
        Limit = r < 0 ? 1024 : (int)Math.Min(lim[0], MaxLimit);
    }

    /// <summary>Guest fd numbers are below this limit (RLIMIT_NOFILE).</summary>
    public int Limit { get; }

    /// <summary>Size of the table: no guest fd at or above it is open.</summary>
    public int Size => _host.Length;

    /// <summary>The host fd of a guest fd, or -1 if it is not open (the host then answers EBADF).</summary>
    public int Host(uint guestFd) => guestFd < (uint)_host.Length ? _host[guestFd] : -1;

    public bool IsOpen(uint guestFd) => Host(guestFd) >= 0;

    /// <summary>
    /// The host fd for a directory fd of the *at calls: AT_FDCWD as is, else as <see cref="Host"/>
    /// (-1 for a guest fd that is not open: the host then fails with EBADF unless the path is
    /// absolute, when Linux ignores the directory fd).
    /// </summary>
    public int HostDirFd(uint guestFd) => (int)guestFd == AtFdCwd ? AtFdCwd : Host(guestFd);

    /// <summary>The position tables of the guest's directories (used when the host's 32-bit entry is not).</summary>
    public DirectoryPositionTable Directories { get; } = new();

    /// <summary>
    /// The position table of the directory open on a guest fd, or null if the fd is not open or not
    /// a directory. The first call per descriptor binds it (one fstat); closing the fd releases it.
    /// </summary>
    public DirectoryPositions? Positions(uint guestFd)
    {
        int host = Host(guestFd);
        if (host < 0) return null;
        var p = _positions[guestFd];
        if (p == null)
        {
            p = Directories.Acquire(host);
            if (p == null) return null;
            _positions[guestFd] = p;
        }
        return ReferenceEquals(p, DirectoryPositionTable.NotDirectory) ? null : p;
    }

    /// <summary>Whether the guest opened this descriptor's file without O_LARGEFILE.</summary>
    public bool NotLargeFile(uint guestFd) => guestFd < (uint)_host.Length && _notLargeFile[guestFd];

    /// <summary>Installs a host fd at the lowest free guest number ≥ <paramref name="min"/>; returns it or -EMFILE (closing the host fd).</summary>
    public int Install(int hostFd, int min = 0, bool notLargeFile = false)
    {
        for (int g = Math.Max(0, min); g < Limit; g++)
        {
            if (g < _host.Length && _host[g] >= 0) continue;
            Grow(g);
            _host[g] = hostFd;
            _notLargeFile[g] = notLargeFile;
            Unbind((uint)g);
            return g;
        }
        Release(hostFd);
        return -Errno.EMFILE;
    }

    /// <summary>Installs a host fd at an exact guest number below <see cref="Limit"/> (dup2), closing what was there.</summary>
    public void InstallAt(uint guestFd, int hostFd, bool notLargeFile = false)
    {
        Grow((int)guestFd);
        int old = _host[guestFd];
        _host[guestFd] = hostFd;
        _notLargeFile[guestFd] = notLargeFile;
        Unbind(guestFd);
        if (old >= 0 && old != hostFd) Release(old);
    }

    /// <summary>Forgets a guest fd and returns its host fd (or -1); the caller closes it with <see cref="Release"/>.</summary>
    public int Remove(uint guestFd)
    {
        if (guestFd >= (uint)_host.Length) return -1;
        int h = _host[guestFd];
        _host[guestFd] = -1;
        _notLargeFile[guestFd] = false;
        Unbind(guestFd);
        return h;
    }

    /// <summary>Releases the position table a guest fd slot was bound to (its file changed or closed).</summary>
    private void Unbind(uint guestFd)
    {
        var p = _positions[guestFd];
        if (p == null) return;
        _positions[guestFd] = null;
        Directories.Release(p);
    }

    /// <summary>Makes room for guest fd <paramref name="g"/>: the next power of two above it, as Linux sizes its table.</summary>
    private void Grow(int g)
    {
        if (g < _host.Length) return;
        int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)g + 1);
        int old = _host.Length;
        Array.Resize(ref _host, size);
        Array.Resize(ref _notLargeFile, size);
        Array.Resize(ref _positions, size);
        Array.Fill(_host, -1, old, size - old);
    }

    /// <summary>Closes a host fd that the guest no longer uses; returns 0 or -errno as close does.</summary>
    public static int Release(int hostFd)
    {
        if (hostFd > 2) return HostKernel.Close(hostFd);
        int devNull = OpenDevNull();
        if (devNull < 0) return HostKernel.Close(hostFd);
        // dup3 closes the old file silently, as close would (errors of a final close are rare on stdio).
        long r = HostKernel.Syscall(Dup3, devNull, hostFd, 0);
        HostKernel.Close(devNull);
        return r < 0 ? (int)r : 0;
    }

    private static unsafe int OpenDevNull()
    {
        ReadOnlySpan<byte> path = "/dev/null\0"u8;
        fixed (byte* p = path) return (int)HostKernel.Syscall(HostKernel.Nr.Open, (nint)p, OpenRdwr | OpenFlags.Cloexec);
    }
}
