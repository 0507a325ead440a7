namespace Hdbt.Linux;

/// <summary>The host process's user and group ids, which the guest sees as its own.</summary>
public static class HostIds
{
    public static int Uid => (int)Host.Syscall(Host.Nr.Getuid);
    public static int Euid => (int)Host.Syscall(Host.Nr.Geteuid);
    public static int Gid => (int)Host.Syscall(Host.Nr.Getgid);
    public static int Egid => (int)Host.Syscall(Host.Nr.Getegid);
}
