using System.Runtime.InteropServices;
using Hdbt.Guest;
using static Hdbt.Linux.ArgKind;
using Hdbt.Host;

namespace Hdbt.Linux.Syscalls;

/// <summary>Signals: rt_sigaction, rt_sigprocmask, sigaltstack, sigpending, sigtimedwait, kill/tgkill/tkill.</summary>
/// <remarks>
/// hdbt records dispositions, masks and the alternate stack as the kernel would, but does not
/// run guest signal handlers yet. A signal the guest sends to itself is kept pending while
/// blocked and otherwise takes its default action (end the process with 128 + signal, stop it,
/// or nothing); if the guest installed a handler, a warning says that it cannot run and the
/// default action is taken instead. Signals from outside reach hdbt itself, not the guest.
/// </remarks>
public static unsafe class SignalSyscalls
{
    private const int SigBlock = 0, SigUnblock = 1, SigSetmask = 2;
    private const int SiUser = 0, SiTkill = -6;
    private const int SsOnstack = 1, SsDisable = 2;
    private const uint SsAutodisarm = 1u << 31;
    private const uint MinSigStackSize = 2048;
    private const int SigsetSize = 8;

    /// <summary>sa_flags bits the kernel keeps (others are cleared so programs can probe for support).</summary>
    private const uint UapiSaFlags = 0xDC00_0807;

    /// <summary>SA_RESETHAND | SA_NODEFER: what the old signal() call installs.</summary>
    private const uint SaOneShotNoMask = 0xC000_0000;

    private const ulong Unblockable = (1ul << (Signals.SIGKILL - 1)) | (1ul << (Signals.SIGSTOP - 1));

    /// <summary>Signals caused by an instruction, which the kernel hands out before the others.</summary>
    private const ulong Synchronous = (1ul << (Signals.SIGSEGV - 1)) | (1ul << (Signals.SIGBUS - 1)) | (1ul << (Signals.SIGILL - 1)) |
        (1ul << (Signals.SIGTRAP - 1)) | (1ul << (Signals.SIGFPE - 1)) | (1ul << (Signals.SIGSYS - 1));

    /// <summary>x86-64 syscall numbers used only here.</summary>
    private const int HostTkill = 200, HostTgkill = 234;

    public static void Register(SyscallTable t)
    {
        t.Add("rt_sigaction", RtSigaction, Sig, Ptr, Ptr, Int);
        t.Add("sigaction", OldSigaction, Sig, Ptr, Ptr);
        t.Add("signal", SignalCall, Hex, Sig, Hex);
        t.Add("rt_sigprocmask", RtSigprocmask, Int, Ptr, Ptr, Int);
        t.Add("sigprocmask", OldSigprocmask, Int, Ptr, Ptr);
        t.Add("sgetmask", (LinuxKernel k, in SyscallArgs a) => (int)(uint)k.SignalMask);
        t.Add("ssetmask", SSetMask, Hex);
        t.Add("rt_sigpending", RtSigpending, Ptr, Int);
        t.Add("sigpending", (LinuxKernel k, in SyscallArgs a) =>
            k.CopyOut(a.A1, (uint)(k.SignalPending.All & k.SignalMask)) ? 0 : -Errno.EFAULT, Ptr);
        t.Add("rt_sigsuspend", RtSigsuspend, Ptr, Int);
        t.Add("sigsuspend", (LinuxKernel k, in SyscallArgs a) => Suspend(k, (k.SignalMask & ~0xFFFF_FFFFul) | a.A3), Int, Int, Hex);
        t.Add("pause", (LinuxKernel k, in SyscallArgs a) => Suspend(k, k.SignalMask));
        t.Add("rt_sigtimedwait", (LinuxKernel k, in SyscallArgs a) => SigTimedWait(k, a, false), Ptr, Ptr, Ptr, Int);
        t.Add("rt_sigtimedwait_time64", (LinuxKernel k, in SyscallArgs a) => SigTimedWait(k, a, true), Ptr, Ptr, Ptr, Int);
        t.Add("sigaltstack", SigAltStack, Ptr, Ptr);
        t.Add("kill", Kill, Int, Sig);
        t.Add("tkill", Tkill, Int, Sig);
        t.Add("tgkill", Tgkill, Int, Int, Sig);
    }

    // ---- delivery to the guest itself ----

    private static ulong Bit(int sig) => 1ul << (sig - 1);

    /// <summary>
    /// Sends <paramref name="sig"/> to the guest process from itself (kill, tgkill, raise, or the
    /// SIGPIPE of a write to a broken pipe) with si_code <paramref name="code"/>, to the thread's
    /// own queue or the process's (which matters while it is blocked: each queue holds one).
    /// Throws <see cref="GuestExitException"/> when the signal ends the process.
    /// </summary>
    public static void SendToSelf(LinuxKernel k, int sig, int code, bool toThread)
    {
        if (sig == 0) return;
        if ((k.SignalMask & Bit(sig) & ~Unblockable) != 0)
        {
            // Blocked signals are kept even when ignored now: the disposition may change before they are unblocked.
            k.SignalPending.Add(sig, code, toThread);
            return;
        }
        Deliver(k, sig);
    }

    /// <summary>Delivers the pending signals that the current mask lets through, instruction-caused ones first.</summary>
    public static void DeliverPending(LinuxKernel k)
    {
        while (Next(k.SignalPending.All & ~k.SignalMask) is int sig and > 0)
        {
            k.SignalPending.Take(sig);
            Deliver(k, sig);
        }
    }

    /// <summary>
    /// For calls that wait with a temporary signal mask (ppoll, pselect6, sigsuspend): delivers
    /// the pending signals that mask lets through, then restores the guest's own mask.
    /// </summary>
    public static void DeliverPendingUnder(LinuxKernel k, ulong mask)
    {
        ulong saved = k.SignalMask;
        k.SignalMask = mask & ~Unblockable;
        try
        {
            DeliverPending(k);
        }
        finally
        {
            k.SignalMask = saved;
        }
    }

    /// <summary>A write-like call's result: EPIPE also sends SIGPIPE to the writing thread, as the kernel does.</summary>
    public static long AfterWrite(LinuxKernel k, long result)
    {
        if (result == -Errno.EPIPE) SendToSelf(k, Signals.SIGPIPE, SiUser, toThread: true);
        return result;
    }

    /// <summary>The signal the kernel would hand out first from a set, or 0.</summary>
    private static int Next(ulong set)
    {
        if (set == 0) return 0;
        ulong first = (set & Synchronous) != 0 ? set & Synchronous : set;
        return System.Numerics.BitOperations.TrailingZeroCount(first) + 1;
    }

    private static void Deliver(LinuxKernel k, int sig)
    {
        uint handler = k.SignalActions[sig].Handler;
        if (sig != Signals.SIGKILL && sig != Signals.SIGSTOP)
        {
            if (handler == SignalAction.Ignore) return;
            if (handler != SignalAction.Default)
                k.Warn($"the guest's handler for {Signals.Name(sig)} cannot run (hdbt does not run guest signal handlers yet); taking the default action");
        }
        if (Signals.DefaultIgnores(sig)) return;
        if (sig is Signals.SIGSTOP or Signals.SIGTSTP or Signals.SIGTTIN or Signals.SIGTTOU)
        {
            // Stopping hdbt stops the guest: the shell sees it stopped, and SIGCONT resumes it.
            HostKernel.Syscall(HostKernel.Nr.Kill, k.Pid, Signals.SIGSTOP);
            return;
        }
        throw GuestExitException.Killed(sig);
    }

    /// <summary>A disposition that discards the signal (SIG_IGN, or SIG_DFL for a signal ignored by default).</summary>
    private static bool Discards(int sig, uint handler) =>
        handler == SignalAction.Ignore || handler == SignalAction.Default && Signals.DefaultIgnores(sig);

    // ---- dispositions ----

    /// <summary>i386 kernel struct sigaction of rt_sigaction.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct KernelSigaction
    {
        public uint Handler, Flags, Restorer;
        public ulong Mask;
    }

    /// <summary>i386 struct old_sigaction of sigaction (32-bit mask, fields in another order).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct OldSigactionStruct
    {
        public uint Handler, Mask, Flags, Restorer;
    }

    /// <summary>Installs a disposition, returning the previous one (the kernel's do_sigaction).</summary>
    private static long SetAction(LinuxKernel k, int sig, SignalAction? act, out SignalAction old)
    {
        old = default;
        if (sig < 1 || sig > 64 || act != null && (sig == Signals.SIGKILL || sig == Signals.SIGSTOP)) return -Errno.EINVAL;
        old = k.SignalActions[sig];
        if (act is { } a)
        {
            var stored = a with { Flags = a.Flags & UapiSaFlags, Mask = a.Mask & ~Unblockable };
            k.SignalActions[sig] = stored;
            // POSIX: making a pending signal ignored discards it.
            if (Discards(sig, stored.Handler)) k.SignalPending.Discard(sig);
        }
        return 0;
    }

    private static long RtSigaction(LinuxKernel k, in SyscallArgs a)
    {
        if (a.A4 != SigsetSize) return -Errno.EINVAL;
        SignalAction? act = null;
        if (a.A2 != 0)
        {
            if (!k.CopyIn(a.A2, out KernelSigaction s)) return -Errno.EFAULT;
            act = new SignalAction(s.Handler, s.Flags, s.Restorer, s.Mask);
        }
        long r = SetAction(k, (int)a.A1, act, out var old);
        if (r < 0) return r;
        if (a.A3 != 0 && !k.CopyOut(a.A3, new KernelSigaction { Handler = old.Handler, Flags = old.Flags, Restorer = old.Restorer, Mask = old.Mask }))
            return -Errno.EFAULT;
        return 0;
    }

    private static long OldSigaction(LinuxKernel k, in SyscallArgs a)
    {
        SignalAction? act = null;
        if (a.A2 != 0)
        {
            if (!k.CopyIn(a.A2, out OldSigactionStruct s)) return -Errno.EFAULT;
            act = new SignalAction(s.Handler, s.Flags, s.Restorer, s.Mask);
        }
        long r = SetAction(k, (int)a.A1, act, out var old);
        if (r < 0) return r;
        if (a.A3 != 0 && !k.CopyOut(a.A3, new OldSigactionStruct { Handler = old.Handler, Mask = (uint)old.Mask, Flags = old.Flags, Restorer = old.Restorer }))
            return -Errno.EFAULT;
        return 0;
    }

    /// <summary>The old signal(2) call: a one-shot handler that does not block its signal; returns the previous handler.</summary>
    private static long SignalCall(LinuxKernel k, in SyscallArgs a)
    {
        long r = SetAction(k, (int)a.A1, new SignalAction(a.A2, SaOneShotNoMask, 0, 0), out var old);
        return r < 0 ? r : old.Handler;
    }

    // ---- masks ----

    private static long ChangeMask(LinuxKernel k, int how, ulong set)
    {
        set &= ~Unblockable;
        switch (how)
        {
            case SigBlock: k.SignalMask |= set; break;
            case SigUnblock: k.SignalMask &= ~set; break;
            case SigSetmask: k.SignalMask = set; break;
            default: return -Errno.EINVAL;
        }
        return 0;
    }

    private static long RtSigprocmask(LinuxKernel k, in SyscallArgs a)
    {
        if (a.A4 != SigsetSize) return -Errno.EINVAL;
        ulong old = k.SignalMask;
        if (a.A2 != 0)
        {
            if (!k.CopyIn(a.A2, out ulong set)) return -Errno.EFAULT;
            long r = ChangeMask(k, (int)a.A1, set);
            if (r < 0) return r;
        }
        if (a.A3 != 0 && !k.CopyOut(a.A3, old)) return -Errno.EFAULT;
        DeliverPending(k);
        return 0;
    }

    private static long OldSigprocmask(LinuxKernel k, in SyscallArgs a)
    {
        ulong old = k.SignalMask;
        if (a.A2 != 0)
        {
            if (!k.CopyIn(a.A2, out uint set)) return -Errno.EFAULT;
            // The old call's SIG_SETMASK replaces only the first 32 signals.
            long r = (int)a.A1 == SigSetmask
                ? ChangeMask(k, SigSetmask, (old & ~0xFFFF_FFFFul) | set)
                : ChangeMask(k, (int)a.A1, set);
            if (r < 0) return r;
        }
        if (a.A3 != 0 && !k.CopyOut(a.A3, (uint)old)) return -Errno.EFAULT;
        DeliverPending(k);
        return 0;
    }

    private static long SSetMask(LinuxKernel k, in SyscallArgs a)
    {
        ulong old = k.SignalMask;
        ChangeMask(k, SigSetmask, (old & ~0xFFFF_FFFFul) | a.A1);
        DeliverPending(k);
        return (int)(uint)old;
    }

    private static long RtSigpending(LinuxKernel k, in SyscallArgs a)
    {
        if (a.A2 > SigsetSize) return -Errno.EINVAL;
        ulong pending = k.SignalPending.All & k.SignalMask;
        byte* p = k.Buffer(a.A1, a.A2, PageFlags.Write);
        if (p == null) return -Errno.EFAULT;
        new ReadOnlySpan<byte>(&pending, (int)a.A2).CopyTo(new Span<byte>(p, (int)a.A2));
        return 0;
    }

    // ---- waiting for signals ----

    private static long RtSigsuspend(LinuxKernel k, in SyscallArgs a)
    {
        if (a.A2 != SigsetSize) return -Errno.EINVAL;
        if (!k.CopyIn(a.A1, out ulong mask)) return -Errno.EFAULT;
        return Suspend(k, mask);
    }

    /// <summary>
    /// sigsuspend and pause: a pending signal that the temporary mask lets through is delivered
    /// (its default action ends or stops the process). Nothing else can ever arrive: signals
    /// from outside are not passed to the guest, and guest handlers do not run, so the wait
    /// that would follow is reported as not implemented rather than hanging forever.
    /// </summary>
    private static long Suspend(LinuxKernel k, ulong mask)
    {
        DeliverPendingUnder(k, mask);
        k.Warn("waiting for a signal (pause, sigsuspend) is not supported: hdbt does not deliver signals from outside to the guest yet");
        return -Errno.ENOSYS;
    }

    /// <summary>rt_sigtimedwait: takes a pending signal of the set, or waits out the timeout (nothing else can arrive).</summary>
    private static long SigTimedWait(LinuxKernel k, in SyscallArgs a, bool time64)
    {
        if (a.A4 != SigsetSize) return -Errno.EINVAL;
        if (!k.CopyIn(a.A1, out ulong set)) return -Errno.EFAULT;
        long sec = 0, nsec = 0;
        if (a.A3 != 0)
        {
            if (!TimeSyscalls.ReadTimespec(k, a.A3, time64, out sec, out nsec)) return -Errno.EFAULT;
            if (sec < 0 || (ulong)nsec >= 1_000_000_000) return -Errno.EINVAL;
        }
        set &= ~Unblockable;
        int sig = Next(k.SignalPending.All & set);
        if (sig > 0)
        {
            byte* p = null;
            if (a.A2 != 0 && (p = k.Buffer(a.A2, 128, PageFlags.Write)) == null) return -Errno.EFAULT;
            int code = k.SignalPending.Take(sig);
            if (p != null)
            {
                // i386 siginfo_t: 128 bytes; signo, errno, code, then the sender's pid and uid for kill/tkill.
                new Span<byte>(p, 128).Clear();
                int* info = (int*)p;
                info[0] = sig;
                info[2] = code;
                info[3] = k.Pid;
                info[4] = HostIds.Uid;
            }
            return sig;
        }
        if (a.A3 == 0)
        {
            k.Warn("waiting for a signal (sigwait) is not supported: hdbt does not deliver signals from outside to the guest yet");
            return -Errno.ENOSYS;
        }
        long* ts = stackalloc long[2] { sec, nsec };
        long r = HostKernel.Syscall(HostKernel.Nr.Nanosleep, (nint)ts, 0);
        return r < 0 ? r : -Errno.EAGAIN;
    }

    // ---- alternate stack ----

    /// <summary>i386 stack_t.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct StackT
    {
        public uint Sp;
        public int Flags;
        public uint Size;
    }

    private static long SigAltStack(LinuxKernel k, in SyscallArgs a)
    {
        var cur = k.AltStack;
        var old = new StackT { Sp = cur.Sp, Size = cur.Size, Flags = (cur.Size == 0 ? SsDisable : 0) | (int)(cur.Flags & SsAutodisarm) };
        if (a.A1 != 0)
        {
            if (!k.CopyIn(a.A1, out StackT s)) return -Errno.EFAULT;
            // Handlers never run, so the guest is never on the alternate stack (no EPERM case).
            uint mode = (uint)s.Flags & ~SsAutodisarm;
            if (mode != 0 && mode != SsOnstack && mode != SsDisable) return -Errno.EINVAL;
            if (mode == SsDisable) k.AltStack = default;
            else if (s.Size < MinSigStackSize) return -Errno.ENOMEM;
            else k.AltStack = new SignalStack(s.Sp, (uint)s.Flags & SsAutodisarm, s.Size);
        }
        if (a.A2 != 0 && !k.CopyOut(a.A2, old)) return -Errno.EFAULT;
        return 0;
    }

    // ---- sending ----

    private static bool ValidSignal(uint sig) => sig <= 64;

    /// <summary>
    /// kill: to ourselves it is emulated; to another process it goes to the host, as the same
    /// program would do natively, with the host's permission rules. Process groups and
    /// broadcast (pid ≤ 0) would also reach hdbt itself through the host, bypassing the guest's
    /// dispositions, so they are refused (EPERM) with a warning.
    /// </summary>
    private static long Kill(LinuxKernel k, in SyscallArgs a)
    {
        int pid = (int)a.A1;
        if (!ValidSignal(a.A2)) return -Errno.EINVAL;
        if (pid == k.Pid)
        {
            SendToSelf(k, (int)a.A2, SiUser, toThread: false);
            return 0;
        }
        if (pid > 0) return HostKernel.Syscall(HostKernel.Nr.Kill, pid, a.A2);
        k.Warn($"kill({pid}, ...) to a process group or to every process is not supported; it fails with EPERM");
        return -Errno.EPERM;
    }

    private static long Tkill(LinuxKernel k, in SyscallArgs a)
    {
        int tid = (int)a.A1;
        if (tid <= 0 || !ValidSignal(a.A2)) return -Errno.EINVAL;
        if (tid != k.Pid) return HostKernel.Syscall(HostTkill, tid, a.A2);
        SendToSelf(k, (int)a.A2, SiTkill, toThread: true);
        return 0;
    }

    private static long Tgkill(LinuxKernel k, in SyscallArgs a)
    {
        int tgid = (int)a.A1, tid = (int)a.A2;
        if (tgid <= 0 || tid <= 0 || !ValidSignal(a.A3)) return -Errno.EINVAL;
        if (tgid != k.Pid) return HostKernel.Syscall(HostTgkill, tgid, tid, a.A3);
        // One thread: its tid is the pid.
        if (tid != k.Pid) return -Errno.ESRCH;
        SendToSelf(k, (int)a.A3, SiTkill, toThread: true);
        return 0;
    }
}
