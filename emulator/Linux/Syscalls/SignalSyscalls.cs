using static Hdbt.Linux.ArgKind;

namespace Hdbt.Linux.Syscalls;

/// <summary>Signals: rt_sigaction, rt_sigprocmask, sigaltstack, kill/tgkill/tkill to self.</summary>
/// <remarks>
/// hdbt records dispositions but does not run guest signal handlers: a signal sent to itself
/// takes its default action (terminate, or nothing for signals ignored by default or by SIG_IGN).
/// </remarks>
public static unsafe class SignalSyscalls
{
    public static void Register(SyscallTable t)
    {
        t.Add("rt_sigprocmask", (LinuxKernel k, in SyscallArgs a) => 0, Int, Ptr, Ptr, Int);
    }
}
