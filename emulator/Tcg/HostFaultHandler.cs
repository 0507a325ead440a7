using System.Runtime.InteropServices;
using Hdbt.Linux;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Tcg;

/// <summary>
/// Host SIGSEGV/SIGBUS handler for generated code: a wild guest pointer dereferenced by translated code
/// becomes a recorded fault and a jump to a recovery stub (which turns it into a guest SIGSEGV), instead
/// of a crash of the .NET runtime.
/// </summary>
/// <remarks>
/// <para><b>Why native code.</b> A signal handler runs at an arbitrary instruction of the interrupted thread;
/// managed code there is unsafe (the GC may be in the middle of anything, and the runtime treats a fault
/// outside managed code as fatal). So the handler is ~40 bytes of x86-64 emitted with Iced into its own
/// small mapping (RW while written, then RX), next to a RW data page that holds the code range, the
/// recovery address, the <see cref="FaultRecord"/> and the previous handlers.</para>
/// <para><b>What it does.</b> It reads the interrupted RIP from the ucontext
/// (<c>uc_mcontext.gregs[REG_RIP]</c>, REG_RIP = 16, at byte offset 168 of <c>ucontext_t</c>). If RIP is in
/// [rangeStart, rangeEnd) it stores {RIP, <c>siginfo.si_addr</c> (offset 16), signal} into the record,
/// increments its count, sets the context's RIP to the recovery address and returns: the kernel's
/// sigreturn resumes the thread at the recovery stub with every other register as it was at the fault
/// (the stub knows the generated code's register conventions, e.g. which one holds the CpuState).
/// Otherwise it chains to the previous handler exactly as the kernel would have called it: a tail jump
/// with (sig, info, ucontext) still in rdi/rsi/rdx and the kernel's signal frame untouched, so the previous
/// handler's return goes to the restorer and rt_sigreturn as usual. If the previous disposition was
/// SIG_DFL or SIG_IGN it restores SIG_DFL (raw rt_sigaction) and returns: the faulting instruction runs
/// again and the kernel kills the process the normal way (a synchronous fault cannot be ignored).</para>
/// <para><b>.NET interplay.</b> The runtime installs its own SIGSEGV/SIGBUS handlers at start-up: they turn
/// faults in managed code into NullReferenceException (the JIT relies on implicit null checks) and detect
/// stack overflow on an alternate signal stack; faults elsewhere are fatal for it. Installing over them
/// keeps all of that because every fault outside the code range reaches the runtime's handler with the
/// same arguments, the same stack (our flags carry SA_ONSTACK as the runtime's do) and the same blocked
/// signals: our <c>sa_mask</c> is a copy of the runtime's and SA_NODEFER/SA_RESTART are copied from its
/// flags, so when we jump to it the thread's signal mask is what the kernel would have set for it. The
/// runtime's handler may not return (it unwinds into the managed exception) — that is fine for a tail
/// jump, and it restores the mask from the ucontext itself. SA_RESETHAND of a previous handler is not
/// copied (it would drop this handler after one fault).</para>
/// <para><b>One per process.</b> There is one native handler; <see cref="Install"/> while installed just
/// sets the new range and recovery address and returns the same instance. <see cref="Dispose"/> puts the
/// previous handlers back; the native pages stay mapped (a few KiB) so that a handler chained on top of
/// ours by someone else never jumps into unmapped memory. The record is shared by all threads: hdbt runs
/// generated code on one guest thread, and a fault there is handled before that thread goes on.</para>
/// <para><b>Limits.</b> A fault in generated code caused by host stack overflow also lands at the recovery
/// stub (on the overflowed stack); the stub must reset rsp from a saved frame before calling anything.</para>
/// </remarks>
public sealed unsafe partial class HostFaultHandler : IDisposable
{
    private const int Sigbus = 7, Sigsegv = 11;
    private const int RegRipOffset = 40 + 16 * 8;   // ucontext_t: uc_flags 8, uc_link 8, uc_stack 24, then gregs[23]
    private const int SiAddrOffset = 16;            // siginfo_t: si_signo, si_errno, si_code, padding, then the union

    // Data page layout (offsets used by the emitted handler).
    private const int RangeStartOffset = 0, RangeEndOffset = 8, RecoveryOffset = 16, RecordOffset = 24;
    private const int OldSegvOffset = 64, OldBusOffset = 256, KernelDefaultActionOffset = 448;
    private const int PageSize = 4096;

    private static readonly Lock s_lock = new();
    private static byte* s_data;
    private static nint s_code;
    private static HostFaultHandler? s_current;

    private HostFaultHandler() { }

    /// <summary>The installed handler, or null.</summary>
    public static HostFaultHandler? Current => s_current;

    /// <summary>The record of the last fault in the code range (native memory, valid for the process's life).</summary>
    public FaultRecord* Record => (FaultRecord*)(s_data + RecordOffset);

    /// <summary>Address of the native handler (what <c>sigaction</c> reports for SIGSEGV/SIGBUS while installed).</summary>
    public nint HandlerAddress => s_code;

    /// <summary>Start of the host code range whose faults are recovered.</summary>
    public nint RangeStart => *(nint*)(s_data + RangeStartOffset);

    /// <summary>End (exclusive) of the host code range.</summary>
    public nint RangeEnd => *(nint*)(s_data + RangeEndOffset);

    /// <summary>Where a recovered fault resumes.</summary>
    public nint RecoveryAddress => *(nint*)(s_data + RecoveryOffset);

    /// <summary>
    /// Installs the handler for SIGSEGV and SIGBUS (or, if already installed, only sets the range and the
    /// recovery address) and returns the process's one instance.
    /// </summary>
    /// <param name="rangeStart">First byte of generated code whose faults are recovered.</param>
    /// <param name="rangeEnd">End (exclusive) of that code.</param>
    /// <param name="recoveryAddress">Where execution resumes after a recovered fault (registers as at the fault).</param>
    public static HostFaultHandler Install(nint rangeStart, nint rangeEnd, nint recoveryAddress)
    {
        lock (s_lock)
        {
            if (s_data == null) CreateNativeCode();
            var h = s_current ?? new HostFaultHandler();
            h.SetRange(rangeStart, rangeEnd);
            h.SetRecoveryAddress(recoveryAddress);
            if (s_current == null)
            {
                h.Record->Count = 0;
                InstallFor(Sigsegv, (SigAction*)(s_data + OldSegvOffset));
                try { InstallFor(Sigbus, (SigAction*)(s_data + OldBusOffset)); }
                catch { Restore(Sigsegv, (SigAction*)(s_data + OldSegvOffset)); throw; }
                s_current = h;
            }
            return h;
        }
    }

    /// <summary>
    /// Sets the code range (e.g. after the code cache was re-created). The handler reads start and end as
    /// two separate words; change it only while no generated code runs on another thread.
    /// </summary>
    public void SetRange(nint rangeStart, nint rangeEnd)
    {
        if (rangeEnd < rangeStart) throw new ArgumentException("range end below its start");
        *(nint*)(s_data + RangeStartOffset) = rangeStart;
        *(nint*)(s_data + RangeEndOffset) = rangeEnd;
    }

    /// <summary>Sets where a recovered fault resumes.</summary>
    public void SetRecoveryAddress(nint recoveryAddress) => *(nint*)(s_data + RecoveryOffset) = recoveryAddress;

    /// <summary>Puts the handlers that were there before <see cref="Install"/> back. Idempotent.</summary>
    public void Uninstall()
    {
        lock (s_lock)
        {
            if (s_current != this) return;
            Restore(Sigbus, (SigAction*)(s_data + OldBusOffset));
            Restore(Sigsegv, (SigAction*)(s_data + OldSegvOffset));
            SetRange(0, 0);
            s_current = null;
        }
    }

    /// <summary>Same as <see cref="Uninstall"/>.</summary>
    public void Dispose() => Uninstall();

    /// <summary>Reads a signal's current disposition (for tests and diagnostics): handler address and flags.</summary>
    public static (nint Handler, int Flags) CurrentAction(int signal)
    {
        SigAction cur;
        if (SigactionNative(signal, null, &cur) != 0) throw new InvalidOperationException($"sigaction({signal}) failed (errno {Marshal.GetLastPInvokeError()})");
        return (cur.Handler, cur.Flags);
    }

    private static void InstallFor(int signal, SigAction* old)
    {
        if (SigactionNative(signal, null, old) != 0)
            throw new InvalidOperationException($"sigaction({signal}) read failed (errno {Marshal.GetLastPInvokeError()})");
        SigAction act = default;
        act.Handler = s_code;
        // Same mask and the same deferral/restart behaviour as the handler we chain to: see the remarks.
        for (int i = 0; i < 16; i++) act.Mask[i] = old->Mask[i];
        act.Flags = SigAction.SaSigInfo | SigAction.SaOnStack | (old->Flags & (SigAction.SaNoDefer | SigAction.SaRestart));
        if (SigactionNative(signal, &act, null) != 0)
            throw new InvalidOperationException($"sigaction({signal}) install failed (errno {Marshal.GetLastPInvokeError()})");
    }

    private static void Restore(int signal, SigAction* old)
    {
        if (SigactionNative(signal, old, null) != 0)
            throw new InvalidOperationException($"sigaction({signal}) restore failed (errno {Marshal.GetLastPInvokeError()})");
    }

    /// <summary>Maps the data page and the code page and emits the handler (once per process).</summary>
    private static void CreateNativeCode()
    {
        nint data = Host.Mmap(0, PageSize, Host.ProtRead | Host.ProtWrite, Host.MapPrivate | Host.MapAnonymous, -1, 0);
        if (data < 0 && data > -4096) throw new InvalidOperationException($"mmap for the fault handler failed (errno {-data})");
        nint code = Host.Mmap(0, PageSize, Host.ProtRead | Host.ProtWrite, Host.MapPrivate | Host.MapAnonymous, -1, 0);
        if (code < 0 && code > -4096) throw new InvalidOperationException($"mmap for the fault handler failed (errno {-code})");

        byte[] bytes = Emit(data, code);
        if (bytes.Length > PageSize) throw new InvalidOperationException("fault handler larger than a page");
        bytes.CopyTo(new Span<byte>((void*)code, bytes.Length));
        int r = Host.Mprotect(code, PageSize, Host.ProtRead | Host.ProtExec);
        if (r != 0) throw new InvalidOperationException($"mprotect for the fault handler failed (errno {-r})");
        s_data = (byte*)data;
        s_code = code;
    }

    /// <summary>The handler: <c>void handler(int sig /*edi*/, siginfo_t* info /*rsi*/, ucontext_t* uc /*rdx*/)</c>.</summary>
    private static byte[] Emit(nint data, nint code)
    {
        var a = new Assembler(64);
        var chain = a.CreateLabel();
        var toDefault = a.CreateLabel();

        a.mov(r8, (ulong)data);
        a.mov(rax, __qword_ptr[rdx + RegRipOffset]);
        a.cmp(rax, __qword_ptr[r8 + RangeStartOffset]);
        a.jb(chain);
        a.cmp(rax, __qword_ptr[r8 + RangeEndOffset]);
        a.jae(chain);
        // In range: record, redirect, return through the kernel's restorer.
        a.mov(__qword_ptr[r8 + RecordOffset + FaultRecord.HostRipOffset], rax);
        a.mov(rcx, __qword_ptr[rsi + SiAddrOffset]);
        a.mov(__qword_ptr[r8 + RecordOffset + FaultRecord.FaultAddressOffset], rcx);
        a.mov(__dword_ptr[r8 + RecordOffset + FaultRecord.SignalOffset], edi);
        a.inc(__dword_ptr[r8 + RecordOffset + FaultRecord.CountOffset]);
        a.mov(rcx, __qword_ptr[r8 + RecoveryOffset]);
        a.mov(__qword_ptr[rdx + RegRipOffset], rcx);
        a.ret();

        // Not ours: the previous action for this signal.
        a.Label(ref chain);
        a.lea(r9, __[r8 + OldSegvOffset]);
        a.lea(rcx, __[r8 + OldBusOffset]);
        a.cmp(edi, Sigbus);
        a.cmove(r9, rcx);
        a.mov(rax, __qword_ptr[r9 + SigAction.HandlerOffset]);
        a.cmp(rax, 1);                      // SIG_DFL = 0, SIG_IGN = 1
        a.jbe(toDefault);
        // sa_handler(sig) or sa_sigaction(sig, info, uc): the arguments are already in rdi, rsi, rdx, and a
        // one-argument handler ignores the other two; a tail jump keeps the kernel's frame and return address.
        a.jmp(rax);

        a.Label(ref toDefault);
        // rt_sigaction(sig, &{SIG_DFL, 0, 0, 0}, NULL, 8), then return: the instruction faults again and the
        // kernel applies the default action (termination with a core dump), as it would have without us.
        a.lea(rsi, __[r8 + KernelDefaultActionOffset]);
        a.xor(edx, edx);
        a.mov(r10d, 8);
        a.mov(eax, 13);
        a.syscall();
        a.ret();

        using var ms = new MemoryStream();
        a.Assemble(new StreamCodeWriter(ms), (ulong)code);
        return ms.ToArray();
    }

    [LibraryImport("libc", EntryPoint = "sigaction", SetLastError = true)]
    private static partial int SigactionNative(int signal, SigAction* act, SigAction* oldAct);
}
