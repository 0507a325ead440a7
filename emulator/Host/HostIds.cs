namespace Hdbt.Host;

/// <summary>The host process's user and group ids, which the guest sees as its own.</summary>
public static class HostIds
{
    public static int Uid => (int)HostKernel.Syscall(HostKernel.Nr.Getuid);
    public static int Euid => (int)HostKernel.Syscall(HostKernel.Nr.Geteuid);
    public static int Gid => (int)HostKernel.Syscall(HostKernel.Nr.Getgid);
    public static int Egid => (int)HostKernel.Syscall(HostKernel.Nr.Getegid);
}
