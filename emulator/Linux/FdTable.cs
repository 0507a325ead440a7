namespace Hdbt.Linux;

/// <summary>
/// Guest file descriptors mapped to host ones. Guest numbers follow Linux's rule (lowest free
/// number first) independently of the host, whose own descriptors the .NET runtime also uses.
/// </summary>
public sealed class FdTable
{
    /// <summary>The per-process descriptor limit the guest sees (RLIMIT_NOFILE).</summary>
    public const int MaxFds = 1024;

    private readonly int[] _host = new int[MaxFds];

    public FdTable()
    {
        Array.Fill(_host, -1);
        for (int i = 0; i < 3; i++) _host[i] = i;
    }

    /// <summary>The host fd of a guest fd, or -1 if it is not open.</summary>
    public int Host(uint guestFd) => guestFd < MaxFds ? _host[guestFd] : -1;

    public bool IsOpen(uint guestFd) => Host(guestFd) >= 0;

    /// <summary>Installs a host fd at the lowest free guest number ≥ <paramref name="min"/>; returns it or -EMFILE (closing the host fd).</summary>
    public int Install(int hostFd, int min = 0)
    {
        for (int g = Math.Max(0, min); g < MaxFds; g++)
            if (_host[g] < 0)
            {
                _host[g] = hostFd;
                return g;
            }
        Linux.Host.Close(hostFd);
        return -Errno.EMFILE;
    }

    /// <summary>Installs a host fd at an exact guest number (dup2), closing what was there.</summary>
    public void InstallAt(uint guestFd, int hostFd)
    {
        int old = _host[guestFd];
        _host[guestFd] = hostFd;
        if (old >= 0 && old != hostFd) Linux.Host.Close(old);
    }

    /// <summary>Forgets a guest fd and returns its host fd (or -1).</summary>
    public int Remove(uint guestFd)
    {
        if (guestFd >= MaxFds) return -1;
        int h = _host[guestFd];
        _host[guestFd] = -1;
        return h;
    }
}
