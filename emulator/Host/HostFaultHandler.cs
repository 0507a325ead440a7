using System.Runtime.InteropServices;
using System.Text;

namespace Hdbt.Host;

/// <summary>
/// hdbt's native handler for the host's synchronous fault signals (SIGSEGV, SIGBUS, SIGILL, SIGFPE):
/// a wild guest pointer dereferenced by generated code becomes a recorded fault and a jump to a
/// recovery stub (which turns it into a guest SIGSEGV); a fault that is an hdbt bug prints one line,
/// <c>hdbt: internal error: host SIGSEGV at 0x... (fault address 0x...) ...</c>, and exits with status
/// <see cref="InternalErrorStatus"/>; every other fault goes to the .NET runtime as before.
/// </summary>
/// <remarks>
/// <para><b>Why native code.</b> A signal handler runs at an arbitrary instruction of the interrupted thread;
/// managed code there is unsafe (the GC may be in the middle of anything, and the runtime treats a fault
/// outside managed code as fatal). So the handler is a few hundred bytes of position-independent x86-64
/// (<see cref="FaultHandlerCode"/>: written with Iced, committed as bytes) copied into a page of its own
/// (RW while written, then RX), followed by a RW data page that holds the ranges, the
/// <see cref="FaultRecord"/>, the previous handlers and the message's pieces.</para>
/// <para><b>What it does</b>, from the interrupted RIP (<c>uc_mcontext.gregs[REG_RIP]</c>, byte 168 of
/// <c>ucontext_t</c>) and <c>siginfo.si_addr</c> (byte 16):</para>
/// <list type="number">
/// <item>RIP in the generated-code range [<see cref="RangeStart"/>, <see cref="RangeEnd"/>): a SIGSEGV or
/// SIGBUS is a guest fault: it stores {RIP, si_addr, signal} into the record, increments its count, sets
/// the context's RIP to the recovery address and returns, so the kernel's sigreturn resumes the thread at
/// the recovery stub with every other register as it was. SIGILL or SIGFPE there is a translator bug: fatal.</item>
/// <item>RIP in one of hdbt's own native thunks (<see cref="RegisterNativeCode"/>: CompatHost's int 0x80
/// thunk, HostAbi's probes): fatal.</item>
/// <item>A SIGSEGV/SIGBUS whose address lies in the guest memory reservation (<see cref="SetGuestRange"/>)
/// while RIP is outside generated code: C# touched an unmapped guest page, always an hdbt bug: fatal.</item>
/// <item>Anything else goes to the previous handler (the runtime's), called with the kernel's
/// (sig, info, ucontext) on the same stack. If it comes back and the signal's disposition is still this
/// handler, it handled the fault (a managed NullReferenceException, DivideByZeroException or
/// OverflowException: it rewrote the context) and this handler returns. If it reset the disposition to
/// SIG_DFL (what .NET does for a fault outside managed code, just before the faulting instruction runs
/// again and the kernel kills the process without a word), or there was no handler before: fatal.</item>
/// </list>
/// <para>Fatal means: the line is assembled on the signal stack, written to fd 2 with the raw
/// <c>write</c> syscall, and the process ends with <c>exit_group(70)</c>, all without leaving native code.</para>
/// <para><b>.NET interplay.</b> The runtime installs its handlers at start-up: they turn faults in managed
/// code into exceptions (the JIT relies on implicit null checks) and detect stack overflow on an
/// alternate signal stack. Installing over them keeps all of that: the runtime's handler runs with the
/// same arguments, on the same stack (our SA_ONSTACK is the runtime's, per signal), with the same
/// blocked signals (our <c>sa_mask</c> is a copy of the runtime's and SA_NODEFER/SA_RESTART are copied
/// from its flags). It may not return (stack overflow: it prints "Stack overflow." and aborts, which is
/// kept), and when it does, it has restored the mask and context itself through the ucontext. SA_RESETHAND
/// of a previous handler is not copied (it would drop this handler after one fault).</para>
/// <para><b>One per process.</b> There is one native handler; <see cref="Install()"/> while installed
/// returns the same instance. The hdbt command installs it before it runs a program, in every mode;
/// <see cref="Dispose"/> puts the previous handlers back (tests); the native pages stay mapped (a few KiB)
/// so that a handler chained on top of ours by someone else never jumps into unmapped memory. The record
/// is shared by all threads: hdbt runs generated code on one guest thread, and a fault there is handled
/// before that thread goes on.</para>
/// <para><b>Limits.</b> A fault in generated code caused by host stack overflow also lands at the recovery
/// stub (on the overflowed stack); the stub must reset rsp from a saved frame before calling anything.
/// A fault inside this handler itself, or a second fault while the signal is blocked, is killed by the
/// kernel without a message. Signals sent by another process (kill -SEGV) are treated like faults.</para>
/// </remarks>
public sealed unsafe partial class HostFaultHandler : IDisposable
{
    /// <summary>Exit status of a fatal host fault: the hdbt command's status for an internal error (ExitCodes.Internal).</summary>
    public const int InternalErrorStatus = FaultHandlerCode.FatalStatus;

    /// <summary>How many native code ranges <see cref="RegisterNativeCode"/> holds at once.</summary>
    public const int NativeCodeSlots = FaultHandlerCode.NativeCodeSlots;

    private const int PageSize = FaultHandlerCode.PageSize;

    private static readonly Lock s_lock = new();
    private static byte* s_data;
    private static nint s_code;
    private static HostFaultHandler? s_current;

    private HostFaultHandler() { }

    /// <summary>The installed handler, or null.</summary>
    public static HostFaultHandler? Current => s_current;

    /// <summary>The record of the last fault in the code range (native memory, valid for the process's life).</summary>
    public FaultRecord* Record => (FaultRecord*)(s_data + FaultHandlerCode.RecordOffset);

    /// <summary>Address of the native handler (what <c>sigaction</c> reports for the four signals while installed).</summary>
    public nint HandlerAddress => s_code;

    /// <summary>Start of the host code range whose faults are recovered.</summary>
    public nint RangeStart => *(nint*)(s_data + FaultHandlerCode.RangeStartOffset);

    /// <summary>End (exclusive) of the host code range.</summary>
    public nint RangeEnd => *(nint*)(s_data + FaultHandlerCode.RangeEndOffset);

    /// <summary>Where a recovered fault resumes.</summary>
    public nint RecoveryAddress => *(nint*)(s_data + FaultHandlerCode.RecoveryOffset);

    /// <summary>Start of the guest memory reservation (0 when none is set).</summary>
    public nint GuestStart => *(nint*)(s_data + FaultHandlerCode.GuestStartOffset);

    /// <summary>End (exclusive) of the guest memory reservation.</summary>
    public nint GuestEnd => *(nint*)(s_data + FaultHandlerCode.GuestEndOffset);

    /// <summary>
    /// Installs the handler for SIGSEGV, SIGBUS, SIGILL and SIGFPE (if it is not installed yet) and returns
    /// the process's one instance. Until a range is set, no fault counts as a guest fault.
    /// </summary>
    public static HostFaultHandler Install()
    {
        lock (s_lock)
        {
            EnsureNativeCode();
            if (s_current != null) return s_current;
            var h = new HostFaultHandler();
            h.Record->Count = 0;
            int done = 0;
            try
            {
                for (; done < FaultHandlerCode.HandledSignals.Length; done++) InstallFor(FaultHandlerCode.HandledSignals[done], OldAction(done));
            }
            catch
            {
                while (--done >= 0) Restore(FaultHandlerCode.HandledSignals[done], OldAction(done));
                throw;
            }
            s_current = h;
            return h;
        }
    }

    /// <summary>
    /// Installs the handler (see <see cref="Install()"/>) and sets the generated-code range and the
    /// recovery address.
    /// </summary>
    /// <param name="rangeStart">First byte of generated code whose faults are recovered.</param>
    /// <param name="rangeEnd">End (exclusive) of that code.</param>
    /// <param name="recoveryAddress">Where execution resumes after a recovered fault (registers as at the fault).</param>
    public static HostFaultHandler Install(nint rangeStart, nint rangeEnd, nint recoveryAddress)
    {
        var h = Install();
        h.SetRange(rangeStart, rangeEnd);
        h.SetRecoveryAddress(recoveryAddress);
        return h;
    }

    /// <summary>
    /// Sets the generated-code range (e.g. after the code cache was re-created; (0, 0) when there is none).
    /// The handler reads start and end as two separate words; change it only while no generated code runs
    /// on another thread.
    /// </summary>
    public void SetRange(nint rangeStart, nint rangeEnd)
    {
        if (rangeEnd < rangeStart) throw new ArgumentException("range end below its start");
        *(nint*)(s_data + FaultHandlerCode.RangeStartOffset) = rangeStart;
        *(nint*)(s_data + FaultHandlerCode.RangeEndOffset) = rangeEnd;
    }

    /// <summary>Sets where a recovered fault resumes.</summary>
    public void SetRecoveryAddress(nint recoveryAddress) => *(nint*)(s_data + FaultHandlerCode.RecoveryOffset) = recoveryAddress;

    /// <summary>
    /// Sets the guest memory reservation: a SIGSEGV/SIGBUS at an address in it from outside generated code is
    /// an hdbt bug (C# touching an unmapped guest page). (0, 0) clears it.
    /// </summary>
    public void SetGuestRange(nint start, nint end)
    {
        if (end < start) throw new ArgumentException("range end below its start");
        *(nint*)(s_data + FaultHandlerCode.GuestStartOffset) = start;
        *(nint*)(s_data + FaultHandlerCode.GuestEndOffset) = end;
    }

    /// <summary>
    /// Turns on the handling of stores into write-protected code pages (see <c>GuestMemory</c>'s remarks
    /// in the Guest layer): a SIGSEGV in generated code on a guest page whose flag byte in
    /// <paramref name="pageTable"/> has every bit of <paramref name="codeMask"/> (writable and holding code)
    /// makes the page read-write, ors <paramref name="writtenBit"/> into its flags, appends its number to the list
    /// <see cref="TakeCodeWrites"/> returns, sets the byte at <paramref name="pendingFlag"/> (if not null) to 1,
    /// and returns to run the store again. Null <paramref name="pageTable"/> turns it off.
    /// </summary>
    public void TrackCodeWrites(byte* pageTable, byte codeMask, byte writtenBit, byte* pendingFlag)
    {
        *(byte**)(s_data + FaultHandlerCode.PageTableOffset) = pageTable;
        s_data[FaultHandlerCode.CodeMaskOffset] = codeMask;
        s_data[FaultHandlerCode.WrittenBitOffset] = writtenBit;
        *(byte**)(s_data + FaultHandlerCode.PendingFlagOffset) = pendingFlag;
    }

    /// <summary>The most pages <see cref="TakeCodeWrites"/> returns at once (beyond that it reports an overflow).</summary>
    public const int CodeWriteCapacity = FaultHandlerCode.PendingCapacity;

    /// <summary>Whether the handler let generated code store into code pages since the last <see cref="TakeCodeWrites"/>.</summary>
    public static bool CodeWritesPending =>
        s_data != null && (*(int*)(s_data + FaultHandlerCode.PendingCountOffset) | *(int*)(s_data + FaultHandlerCode.PendingOverflowOffset)) != 0;

    /// <summary>
    /// Takes the pages generated code stored into (at most <see cref="CodeWriteCapacity"/>); <paramref name="overflow"/>
    /// says that more were written than the list holds (their flags still carry the written bit). Runs only while
    /// no generated code does (the handler writes the list), i.e. on the guest thread outside generated code.
    /// </summary>
    public static int TakeCodeWrites(Span<uint> pages, out bool overflow)
    {
        overflow = false;
        if (s_data == null) return 0;
        int n = Math.Min(*(int*)(s_data + FaultHandlerCode.PendingCountOffset), Math.Min(pages.Length, CodeWriteCapacity));
        new ReadOnlySpan<uint>(s_data + FaultHandlerCode.PendingPagesOffset, n).CopyTo(pages);
        overflow = *(int*)(s_data + FaultHandlerCode.PendingOverflowOffset) != 0 || *(int*)(s_data + FaultHandlerCode.PendingCountOffset) > n;
        *(int*)(s_data + FaultHandlerCode.PendingCountOffset) = 0;
        *(int*)(s_data + FaultHandlerCode.PendingOverflowOffset) = 0;
        return n;
    }

    /// <summary>
    /// Registers hdbt's own native code (a thunk page): a fault with RIP in it is an internal error. Works
    /// whether or not the handler is installed yet. Unregister before unmapping the code.
    /// </summary>
    public static void RegisterNativeCode(nint start, nint length)
    {
        lock (s_lock)
        {
            EnsureNativeCode();
            var slots = (nint*)(s_data + FaultHandlerCode.NativeCodeOffset);
            for (int i = 0; i < NativeCodeSlots; i++)
            {
                if (slots[2 * i + 1] != 0) continue;
                // End first stays 0 until the start is in place: the handler never sees a half-written range.
                slots[2 * i] = start;
                slots[2 * i + 1] = start + length;
                return;
            }
            throw new InvalidOperationException($"more than {NativeCodeSlots} native code ranges registered with the fault handler");
        }
    }

    /// <summary>Forgets a range given to <see cref="RegisterNativeCode"/> (by its start).</summary>
    public static void UnregisterNativeCode(nint start)
    {
        lock (s_lock)
        {
            if (s_data == null) return;
            var slots = (nint*)(s_data + FaultHandlerCode.NativeCodeOffset);
            for (int i = 0; i < NativeCodeSlots; i++)
            {
                if (slots[2 * i] != start || slots[2 * i + 1] == 0) continue;
                slots[2 * i + 1] = 0;
                slots[2 * i] = 0;
                return;
            }
        }
    }

    /// <summary>Whether an address lies in a registered native code range (for tests and diagnostics).</summary>
    public static bool IsNativeCode(nint address)
    {
        if (s_data == null) return false;
        var slots = (nint*)(s_data + FaultHandlerCode.NativeCodeOffset);
        for (int i = 0; i < NativeCodeSlots; i++)
            if (address >= slots[2 * i] && address < slots[2 * i + 1]) return true;
        return false;
    }

    /// <summary>Puts the handlers that were there before <see cref="Install()"/> back. Idempotent.</summary>
    public void Uninstall()
    {
        lock (s_lock)
        {
            if (s_current != this) return;
            for (int i = FaultHandlerCode.HandledSignals.Length - 1; i >= 0; i--) Restore(FaultHandlerCode.HandledSignals[i], OldAction(i));
            SetRange(0, 0);
            SetGuestRange(0, 0);
            TrackCodeWrites(null, 0, 0, null);
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

    private static SigAction* OldAction(int index) => OldAction(s_data, index);

    private static SigAction* OldAction(byte* data, int index) => (SigAction*)(data + FaultHandlerCode.OldActionsOffset + index * SigAction.Size);

    private static void InstallFor(int signal, SigAction* old)
    {
        if (SigactionNative(signal, null, old) != 0)
            throw new InvalidOperationException($"sigaction({signal}) read failed (errno {Marshal.GetLastPInvokeError()})");
        SigAction act = default;
        act.Handler = s_code;
        // Same mask, stack and deferral/restart behaviour as the handler we chain to: see the remarks. The stack
        // matters: .NET handles SIGFPE and SIGILL on the thread's own stack (its exception dispatch does not fit
        // the small alternate stack), SIGSEGV on the alternate one (stack overflow), which SIGSEGV always gets.
        for (int i = 0; i < 16; i++) act.Mask[i] = old->Mask[i];
        act.Flags = SigAction.SaSigInfo | (signal == Signals.SIGSEGV ? SigAction.SaOnStack : 0) |
            (old->Flags & (SigAction.SaOnStack | SigAction.SaNoDefer | SigAction.SaRestart));
        if (SigactionNative(signal, &act, null) != 0)
            throw new InvalidOperationException($"sigaction({signal}) install failed (errno {Marshal.GetLastPInvokeError()})");
    }

    private static void Restore(int signal, SigAction* old)
    {
        if (SigactionNative(signal, old, null) != 0)
            throw new InvalidOperationException($"sigaction({signal}) restore failed (errno {Marshal.GetLastPInvokeError()})");
    }

    /// <summary>Maps the code page and the data page after it, copies the code and fills the data (once per process; under the lock).</summary>
    private static void EnsureNativeCode()
    {
        if (s_data != null) return;
        var code = FaultHandlerCode.Bytes;
        if (code.Length > PageSize) throw new InvalidOperationException("fault handler larger than a page");
        nint page = HostKernel.Mmap(0, 2 * PageSize, HostKernel.ProtRead | HostKernel.ProtWrite, HostKernel.MapPrivate | HostKernel.MapAnonymous, -1, 0);
        if (page < 0 && page > -4096) throw new InvalidOperationException($"mmap for the fault handler failed (errno {-page})");
        byte* data = (byte*)page + PageSize;
        code.CopyTo(new Span<byte>((void*)page, code.Length));
        FillData(data);
        *(nint*)(data + FaultHandlerCode.SelfOffset) = page;
        int r = HostKernel.Mprotect(page, PageSize, HostKernel.ProtRead | HostKernel.ProtExec);
        if (r != 0) throw new InvalidOperationException($"mprotect for the fault handler failed (errno {-r})");
        s_data = data;
        s_code = page;
    }

    /// <summary>The message's pieces, the signal table (name and previous action per signal number) and the hex digits.</summary>
    private static void FillData(byte* data)
    {
        int at = FaultHandlerCode.TextsOffset;
        nint Put(string s)
        {
            byte[] b = Encoding.ASCII.GetBytes(s + "\0");
            if (at + b.Length > PageSize) throw new InvalidOperationException("fault handler texts larger than the data page");
            b.CopyTo(new Span<byte>(data + at, b.Length));
            nint p = (nint)(data + at);
            at += b.Length;
            return p;
        }
        // The code finds these at FaultHandlerCode.TextOffset(i): the same order, back to back.
        foreach (var text in FaultHandlerCode.Texts) Put(text);
        for (int sig = 0; sig < 32; sig++)
        {
            var entry = (nint*)(data + FaultHandlerCode.SignalTableOffset + sig * 16);
            entry[0] = Put(Signals.Name(sig));
            int index = FaultHandlerCode.HandledSignals.IndexOf(sig);
            entry[1] = index < 0 ? 0 : (nint)OldAction(data, index);
        }
        "0123456789abcdef"u8.CopyTo(new Span<byte>(data + FaultHandlerCode.HexDigitsOffset, 16));
    }

    [LibraryImport("libc", EntryPoint = "sigaction", SetLastError = true)]
    private static partial int SigactionNative(int signal, SigAction* act, SigAction* oldAct);
}
