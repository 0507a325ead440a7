using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Host;

/// <summary>
/// The native code of <see cref="HostFaultHandler"/> and the layout of the data page that follows it:
/// <see cref="Assemble"/> is the source (x86-64 through Iced), <see cref="Bytes"/> its committed output,
/// which hdbt copies at start-up. A test assembles it again and compares, printing the new array when the
/// source changed.
/// </summary>
/// <remarks>
/// Why committed bytes: Iced's assembler costs 50 to 90 ms of JIT and table set-up on first use, which
/// the interp mode would otherwise pay on every run just for this handler. The code is position-independent:
/// it finds its data page with a RIP-relative <c>lea</c> (the page right after the code page) and uses no
/// absolute address, so the same bytes work wherever they are mapped.
/// </remarks>
internal static class FaultHandlerCode
{
    /// <summary>Page size; the data page starts this far after the code.</summary>
    public const int PageSize = 4096;

    /// <summary>Signals the handler serves, in the order of their saved previous actions in the data page.</summary>
    public static ReadOnlySpan<int> HandledSignals => [Signals.SIGSEGV, Signals.SIGBUS, Signals.SIGILL, Signals.SIGFPE];

    /// <summary>How many native code ranges the data page holds.</summary>
    public const int NativeCodeSlots = 8;

    /// <summary>Exit status of a fatal fault.</summary>
    public const int FatalStatus = 70;

    // Data page layout (offsets from the data page's start).
    public const int RangeStartOffset = 0, RangeEndOffset = 8, RecoveryOffset = 16, RecordOffset = 24;
    public const int GuestStartOffset = 48, GuestEndOffset = 56, SelfOffset = 64, NativeCodeOffset = 72;
    // Code-write tracking (self-modifying code under write-protected code pages): the guest page-flags table,
    // the flag bits to test and to set, where to raise the "code written" flag, and the list of pages.
    public const int PageTableOffset = 200, CodeMaskOffset = 208, WrittenBitOffset = 209, PendingFlagOffset = 216;
    public const int PendingCountOffset = 224, PendingOverflowOffset = 228;
    public const int OldActionsOffset = 256;                                        // one SigAction per HandledSignals entry
    public const int SignalTableOffset = OldActionsOffset + 4 * SigAction.Size;    // per signal 0..31: name, previous action
    public const int HexDigitsOffset = SignalTableOffset + 32 * 16;
    public const int TextsOffset = HexDigitsOffset + 16;
    public const int PendingPagesOffset = 2048, PendingCapacity = 256;              // uint page numbers

    /// <summary>The message's fixed pieces, NUL-terminated one after the other from <see cref="TextsOffset"/>.</summary>
    public static readonly string[] Texts =
    [
        "hdbt: internal error: host ", " at 0x", " (fault address 0x", ") ",
        "in generated code", "in hdbt's native code", "on guest memory, outside generated code", "outside managed code",
    ];

    private const int Prefix = 0, At = 1, FaultAddress = 2, Close = 3, InGenerated = 4, InNativeCode = 5, OnGuestMemory = 6, Unhandled = 7;

    private const int RegRipOffset = 40 + 16 * 8;   // ucontext_t: uc_flags 8, uc_link 8, uc_stack 24, then gregs[23]
    private const int SiAddrOffset = 16;            // siginfo_t: si_signo, si_errno, si_code, padding, then the union
    private const int KernelSigactionSize = 32;     // struct kernel_sigaction: handler, flags, restorer, mask (8 bytes)
    private const int SysWrite = 1, SysMprotect = 10, SysRtSigaction = 13, SysExitGroup = 231, Stderr = 2;
    private const int ProtReadWrite = 3;

    /// <summary>Where text <paramref name="index"/> of <see cref="Texts"/> starts in the data page.</summary>
    public static int TextOffset(int index)
    {
        int at = TextsOffset;
        for (int i = 0; i < index; i++) at += Texts[i].Length + 1;
        return at;
    }

    /// <summary>Offset from the code's start of a data page offset (what the code adds to its own address).</summary>
    private static int D(int dataOffset) => PageSize + dataOffset;

    /// <summary>
    /// The handler, <c>void handler(int sig /*edi*/, siginfo_t* info /*rsi*/, ucontext_t* uc /*rdx*/)</c>, with
    /// r8 = its own start throughout (so data is at r8 + 4096 + offset). See <see cref="HostFaultHandler"/> for what it decides.
    /// </summary>
    public static byte[] Assemble()
    {
        var a = new Assembler(64);
        var start = a.CreateLabel();
        var notGenerated = a.CreateLabel();
        var recover = a.CreateLabel();
        var thunkLoop = a.CreateLabel();
        var thunkNext = a.CreateLabel();
        var checkGuest = a.CreateLabel();
        var chain = a.CreateLabel();
        var fatal = a.CreateLabel();
        var append = a.CreateLabel();
        var hex = a.CreateLabel();
        var record = a.CreateLabel();
        var recordReload = a.CreateLabel();
        var overflow = a.CreateLabel();
        var raiseFlag = a.CreateLabel();
        var retry = a.CreateLabel();

        a.Label(ref start);
        a.lea(r8, __[start]);
        a.mov(rax, __qword_ptr[rdx + RegRipOffset]);
        a.cmp(rax, __qword_ptr[r8 + D(RangeStartOffset)]);
        a.jb(notGenerated);
        a.cmp(rax, __qword_ptr[r8 + D(RangeEndOffset)]);
        a.jae(notGenerated);
        a.cmp(edi, Signals.SIGSEGV);
        a.je(recover);
        a.cmp(edi, Signals.SIGBUS);
        a.je(recover);
        a.lea(r14, __[r8 + D(TextOffset(InGenerated))]);   // SIGILL or SIGFPE in generated code: a translator bug
        a.jmp(fatal);

        // In generated code. A SIGSEGV on a guest page that holds translated code and that the guest may write
        // (its flags have every bit of the code mask) is a store into code the host write-protected: make the
        // page writable, mark it, note it, raise the flag generated code checks, and return to run the store again.
        a.Label(ref recover);
        a.cmp(edi, Signals.SIGSEGV);
        a.jne(record);
        a.mov(r9, __qword_ptr[r8 + D(PageTableOffset)]);
        a.test(r9, r9);
        a.jz(record);
        a.mov(r12, __qword_ptr[rsi + SiAddrOffset]);
        a.sub(r12, __qword_ptr[r8 + D(GuestStartOffset)]);
        a.jb(record);
        a.shr(r12, 12);
        a.cmp(r12, 1 << 20);
        a.jae(record);
        a.movzx(r10d, __byte_ptr[r9 + r12]);
        a.movzx(r11d, __byte_ptr[r8 + D(CodeMaskOffset)]);
        a.and(r10d, r11d);
        a.cmp(r10d, r11d);
        a.jne(record);
        a.push(rdi);
        a.push(rsi);
        a.push(rdx);
        a.mov(rdi, r12);
        a.shl(rdi, 12);
        a.add(rdi, __qword_ptr[r8 + D(GuestStartOffset)]);
        a.mov(esi, 4096);
        a.mov(edx, ProtReadWrite);
        a.mov(eax, SysMprotect);
        a.syscall();                        // keeps every register but rax, rcx and r11
        a.pop(rdx);
        a.pop(rsi);
        a.pop(rdi);
        a.test(rax, rax);
        a.jnz(recordReload);                // could not lift it: a fault after all
        a.movzx(r11d, __byte_ptr[r8 + D(WrittenBitOffset)]);
        a.or(__byte_ptr[r9 + r12], r11b);
        a.mov(eax, __dword_ptr[r8 + D(PendingCountOffset)]);
        a.cmp(eax, PendingCapacity);
        a.jae(overflow);
        a.mov(__dword_ptr[r8 + rax * 4 + D(PendingPagesOffset)], r12d);
        a.inc(__dword_ptr[r8 + D(PendingCountOffset)]);
        a.jmp(raiseFlag);
        a.Label(ref overflow);
        a.mov(__dword_ptr[r8 + D(PendingOverflowOffset)], 1);
        a.Label(ref raiseFlag);
        a.mov(rax, __qword_ptr[r8 + D(PendingFlagOffset)]);
        a.test(rax, rax);
        a.jz(retry);
        a.mov(__byte_ptr[rax], 1);
        a.Label(ref retry);
        a.ret();

        // A guest fault: record, redirect, return through the kernel's restorer.
        a.Label(ref recordReload);
        a.mov(rax, __qword_ptr[rdx + RegRipOffset]);
        a.Label(ref record);
        a.mov(__qword_ptr[r8 + D(RecordOffset + FaultRecord.HostRipOffset)], rax);
        a.mov(rcx, __qword_ptr[rsi + SiAddrOffset]);
        a.mov(__qword_ptr[r8 + D(RecordOffset + FaultRecord.FaultAddressOffset)], rcx);
        a.mov(__dword_ptr[r8 + D(RecordOffset + FaultRecord.SignalOffset)], edi);
        a.inc(__dword_ptr[r8 + D(RecordOffset + FaultRecord.CountOffset)]);
        a.mov(rcx, __qword_ptr[r8 + D(RecoveryOffset)]);
        a.mov(__qword_ptr[rdx + RegRipOffset], rcx);
        a.ret();

        // In one of hdbt's thunks? An empty slot is [0, 0) and matches nothing.
        a.Label(ref notGenerated);
        a.lea(r9, __[r8 + D(NativeCodeOffset)]);
        a.lea(r10, __[r8 + D(NativeCodeOffset + NativeCodeSlots * 16)]);
        a.lea(r14, __[r8 + D(TextOffset(InNativeCode))]);
        a.Label(ref thunkLoop);
        a.cmp(rax, __qword_ptr[r9]);
        a.jb(thunkNext);
        a.cmp(rax, __qword_ptr[r9 + 8]);
        a.jb(fatal);
        a.Label(ref thunkNext);
        a.add(r9, 16);
        a.cmp(r9, r10);
        a.jb(thunkLoop);

        // A memory fault on the guest reservation outside generated code?
        a.cmp(edi, Signals.SIGSEGV);
        a.je(checkGuest);
        a.cmp(edi, Signals.SIGBUS);
        a.jne(chain);
        a.Label(ref checkGuest);
        a.mov(rcx, __qword_ptr[rsi + SiAddrOffset]);
        a.cmp(rcx, __qword_ptr[r8 + D(GuestStartOffset)]);
        a.jb(chain);
        a.lea(r14, __[r8 + D(TextOffset(OnGuestMemory))]);
        a.cmp(rcx, __qword_ptr[r8 + D(GuestEndOffset)]);
        a.jb(fatal);

        // Not ours: the previous action for this signal, called; then did it handle the fault?
        a.Label(ref chain);
        a.lea(r14, __[r8 + D(TextOffset(Unhandled))]);
        a.mov(ecx, edi);
        a.and(ecx, 31);
        a.shl(ecx, 4);
        a.mov(r9, __qword_ptr[r8 + rcx + D(SignalTableOffset + 8)]);
        a.test(r9, r9);
        a.jz(fatal);
        a.mov(rax, __qword_ptr[r9 + SigAction.HandlerOffset]);
        a.cmp(rax, 1);                      // SIG_DFL = 0, SIG_IGN = 1: the kernel would kill the process silently
        a.jbe(fatal);
        // Entry rsp is 8 mod 16 (as after a call); three pushes align it for the call. The arguments are kept
        // in callee-saved registers for what follows; a one-argument sa_handler ignores rsi and rdx.
        a.push(rbx);
        a.push(r12);
        a.push(r13);
        a.mov(r12d, edi);
        a.mov(r13, rsi);
        a.mov(rbx, rdx);
        a.call(rax);
        // rt_sigaction(sig, NULL, &old, 8): is the disposition still this handler?
        a.sub(rsp, KernelSigactionSize);
        a.mov(edi, r12d);
        a.xor(esi, esi);
        a.mov(rdx, rsp);
        a.mov(r10d, 8);
        a.mov(eax, SysRtSigaction);
        a.syscall();
        a.mov(rcx, __qword_ptr[rsp]);
        a.add(rsp, KernelSigactionSize);
        a.mov(edi, r12d);
        a.mov(rsi, r13);
        a.mov(rdx, rbx);
        a.pop(r13);
        a.pop(r12);
        a.pop(rbx);
        a.lea(r8, __[start]);
        a.lea(r14, __[r8 + D(TextOffset(Unhandled))]);
        a.cmp(rcx, __qword_ptr[r8 + D(SelfOffset)]);
        a.jne(fatal);
        a.ret();                            // handled (the runtime rewrote the context): resume there

        // Fatal: "hdbt: internal error: host SIGxxx at 0xRIP (fault address 0xADDR) REASON\n" to fd 2, exit_group(70).
        // edi = signal, rsi = siginfo, rdx = ucontext, r14 = the reason's text.
        a.Label(ref fatal);
        a.mov(r12d, edi);
        a.mov(r13, rsi);
        a.mov(rbx, rdx);
        a.lea(r8, __[start]);
        a.sub(rsp, 512);
        a.and(rsp, -16);
        a.mov(rdi, rsp);
        a.lea(rsi, __[r8 + D(TextOffset(Prefix))]);
        a.call(append);
        a.mov(ecx, r12d);
        a.and(ecx, 31);
        a.shl(ecx, 4);
        a.mov(rsi, __qword_ptr[r8 + rcx + D(SignalTableOffset)]);
        a.call(append);
        a.lea(rsi, __[r8 + D(TextOffset(At))]);
        a.call(append);
        a.mov(rax, __qword_ptr[rbx + RegRipOffset]);
        a.call(hex);
        a.lea(rsi, __[r8 + D(TextOffset(FaultAddress))]);
        a.call(append);
        a.mov(rax, __qword_ptr[r13 + SiAddrOffset]);
        a.call(hex);
        a.lea(rsi, __[r8 + D(TextOffset(Close))]);
        a.call(append);
        a.mov(rsi, r14);
        a.call(append);
        a.mov(__byte_ptr[rdi], (byte)'\n');
        a.inc(rdi);
        a.mov(rdx, rdi);
        a.sub(rdx, rsp);
        a.mov(rsi, rsp);
        a.mov(edi, Stderr);
        a.mov(eax, SysWrite);
        a.syscall();
        a.mov(edi, FatalStatus);
        a.mov(eax, SysExitGroup);
        a.syscall();
        a.ud2();

        // append: copies the NUL-terminated string at rsi to rdi (without the NUL), advancing rdi.
        var appendDone = a.CreateLabel();
        a.Label(ref append);
        a.mov(al, __byte_ptr[rsi]);
        a.test(al, al);
        a.jz(appendDone);
        a.mov(__byte_ptr[rdi], al);
        a.inc(rsi);
        a.inc(rdi);
        a.jmp(append);
        a.Label(ref appendDone);
        a.ret();

        // hex: writes rax in lower-case hex without leading zeros (at least one digit) to rdi, advancing rdi.
        var hexLoop = a.CreateLabel();
        var hexEmit = a.CreateLabel();
        var hexSkip = a.CreateLabel();
        a.Label(ref hex);
        a.mov(ecx, 60);
        a.xor(r9d, r9d);
        a.Label(ref hexLoop);
        a.mov(rdx, rax);
        a.shr(rdx, cl);
        a.and(edx, 15);
        a.or(r9d, edx);                     // nonzero once a nonzero digit was seen
        a.jnz(hexEmit);
        a.test(ecx, ecx);
        a.jnz(hexSkip);
        a.Label(ref hexEmit);
        a.movzx(edx, __byte_ptr[r8 + rdx + D(HexDigitsOffset)]);
        a.mov(__byte_ptr[rdi], dl);
        a.inc(rdi);
        a.Label(ref hexSkip);
        a.sub(ecx, 4);
        a.jns(hexLoop);
        a.ret();

        using var ms = new MemoryStream();
        a.Assemble(new StreamCodeWriter(ms), 0);
        return ms.ToArray();
    }

    /// <summary>What <see cref="Assemble"/> returns (checked by a test, which prints the new array when they differ).</summary>
    public static ReadOnlySpan<byte> Bytes =>
    [
        0x4C, 0x8D, 0x05, 0xF9, 0xFF, 0xFF, 0xFF, 0x48, 0x8B, 0x82, 0xA8, 0x00, 0x00, 0x00, 0x49, 0x3B,
        0x80, 0x00, 0x10, 0x00, 0x00, 0x0F, 0x82, 0x19, 0x01, 0x00, 0x00, 0x49, 0x3B, 0x80, 0x08, 0x10,
        0x00, 0x00, 0x0F, 0x83, 0x0C, 0x01, 0x00, 0x00, 0x83, 0xFF, 0x0B, 0x74, 0x11, 0x83, 0xFF, 0x07,
        0x74, 0x0C, 0x4D, 0x8D, 0xB0, 0xA9, 0x15, 0x00, 0x00, 0xE9, 0xCC, 0x01, 0x00, 0x00, 0x83, 0xFF,
        0x0B, 0x0F, 0x85, 0xBE, 0x00, 0x00, 0x00, 0x4D, 0x8B, 0x88, 0xC8, 0x10, 0x00, 0x00, 0x4D, 0x85,
        0xC9, 0x0F, 0x84, 0xAE, 0x00, 0x00, 0x00, 0x4C, 0x8B, 0x66, 0x10, 0x4D, 0x2B, 0xA0, 0x30, 0x10,
        0x00, 0x00, 0x0F, 0x82, 0x9D, 0x00, 0x00, 0x00, 0x49, 0xC1, 0xEC, 0x0C, 0x49, 0x81, 0xFC, 0x00,
        0x00, 0x10, 0x00, 0x0F, 0x83, 0x8C, 0x00, 0x00, 0x00, 0x47, 0x0F, 0xB6, 0x14, 0x21, 0x45, 0x0F,
        0xB6, 0x98, 0xD0, 0x10, 0x00, 0x00, 0x45, 0x21, 0xDA, 0x45, 0x39, 0xDA, 0x75, 0x77, 0x57, 0x56,
        0x52, 0x4C, 0x89, 0xE7, 0x48, 0xC1, 0xE7, 0x0C, 0x49, 0x03, 0xB8, 0x30, 0x10, 0x00, 0x00, 0xBE,
        0x00, 0x10, 0x00, 0x00, 0xBA, 0x03, 0x00, 0x00, 0x00, 0xB8, 0x0A, 0x00, 0x00, 0x00, 0x0F, 0x05,
        0x5A, 0x5E, 0x5F, 0x48, 0x85, 0xC0, 0x75, 0x46, 0x45, 0x0F, 0xB6, 0x98, 0xD1, 0x10, 0x00, 0x00,
        0x47, 0x08, 0x1C, 0x21, 0x41, 0x8B, 0x80, 0xE0, 0x10, 0x00, 0x00, 0x3D, 0x00, 0x01, 0x00, 0x00,
        0x73, 0x11, 0x45, 0x89, 0xA4, 0x80, 0x00, 0x18, 0x00, 0x00, 0x41, 0xFF, 0x80, 0xE0, 0x10, 0x00,
        0x00, 0xEB, 0x0B, 0x41, 0xC7, 0x80, 0xE4, 0x10, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x49, 0x8B,
        0x80, 0xD8, 0x10, 0x00, 0x00, 0x48, 0x85, 0xC0, 0x74, 0x03, 0xC6, 0x00, 0x01, 0xC3, 0x48, 0x8B,
        0x82, 0xA8, 0x00, 0x00, 0x00, 0x49, 0x89, 0x80, 0x18, 0x10, 0x00, 0x00, 0x48, 0x8B, 0x4E, 0x10,
        0x49, 0x89, 0x88, 0x20, 0x10, 0x00, 0x00, 0x41, 0x89, 0xB8, 0x28, 0x10, 0x00, 0x00, 0x41, 0xFF,
        0x80, 0x2C, 0x10, 0x00, 0x00, 0x49, 0x8B, 0x88, 0x10, 0x10, 0x00, 0x00, 0x48, 0x89, 0x8A, 0xA8,
        0x00, 0x00, 0x00, 0xC3, 0x4D, 0x8D, 0x88, 0x48, 0x10, 0x00, 0x00, 0x4D, 0x8D, 0x90, 0xC8, 0x10,
        0x00, 0x00, 0x4D, 0x8D, 0xB0, 0xBB, 0x15, 0x00, 0x00, 0x49, 0x3B, 0x01, 0x72, 0x0A, 0x49, 0x3B,
        0x41, 0x08, 0x0F, 0x82, 0xB2, 0x00, 0x00, 0x00, 0x49, 0x83, 0xC1, 0x10, 0x4D, 0x39, 0xD1, 0x72,
        0xE8, 0x83, 0xFF, 0x0B, 0x74, 0x05, 0x83, 0xFF, 0x07, 0x75, 0x21, 0x48, 0x8B, 0x4E, 0x10, 0x49,
        0x3B, 0x88, 0x30, 0x10, 0x00, 0x00, 0x72, 0x14, 0x4D, 0x8D, 0xB0, 0xD1, 0x15, 0x00, 0x00, 0x49,
        0x3B, 0x88, 0x38, 0x10, 0x00, 0x00, 0x0F, 0x82, 0x7E, 0x00, 0x00, 0x00, 0x4D, 0x8D, 0xB0, 0xF9,
        0x15, 0x00, 0x00, 0x89, 0xF9, 0x83, 0xE1, 0x1F, 0xC1, 0xE1, 0x04, 0x4D, 0x8B, 0x8C, 0x08, 0x68,
        0x13, 0x00, 0x00, 0x4D, 0x85, 0xC9, 0x74, 0x62, 0x49, 0x8B, 0x01, 0x48, 0x3D, 0x01, 0x00, 0x00,
        0x00, 0x76, 0x57, 0x53, 0x41, 0x54, 0x41, 0x55, 0x41, 0x89, 0xFC, 0x49, 0x89, 0xF5, 0x48, 0x89,
        0xD3, 0xFF, 0xD0, 0x48, 0x83, 0xEC, 0x20, 0x44, 0x89, 0xE7, 0x31, 0xF6, 0x48, 0x89, 0xE2, 0x41,
        0xBA, 0x08, 0x00, 0x00, 0x00, 0xB8, 0x0D, 0x00, 0x00, 0x00, 0x0F, 0x05, 0x48, 0x8B, 0x0C, 0x24,
        0x48, 0x83, 0xC4, 0x20, 0x44, 0x89, 0xE7, 0x4C, 0x89, 0xEE, 0x48, 0x89, 0xDA, 0x41, 0x5D, 0x41,
        0x5C, 0x5B, 0x4C, 0x8D, 0x05, 0x07, 0xFE, 0xFF, 0xFF, 0x4D, 0x8D, 0xB0, 0xF9, 0x15, 0x00, 0x00,
        0x49, 0x3B, 0x88, 0x40, 0x10, 0x00, 0x00, 0x75, 0x01, 0xC3, 0x41, 0x89, 0xFC, 0x49, 0x89, 0xF5,
        0x48, 0x89, 0xD3, 0x4C, 0x8D, 0x05, 0xE6, 0xFD, 0xFF, 0xFF, 0x48, 0x81, 0xEC, 0x00, 0x02, 0x00,
        0x00, 0x48, 0x83, 0xE4, 0xF0, 0x48, 0x89, 0xE7, 0x49, 0x8D, 0xB0, 0x70, 0x15, 0x00, 0x00, 0xE8,
        0x80, 0x00, 0x00, 0x00, 0x44, 0x89, 0xE1, 0x83, 0xE1, 0x1F, 0xC1, 0xE1, 0x04, 0x49, 0x8B, 0xB4,
        0x08, 0x60, 0x13, 0x00, 0x00, 0xE8, 0x6A, 0x00, 0x00, 0x00, 0x49, 0x8D, 0xB0, 0x8C, 0x15, 0x00,
        0x00, 0xE8, 0x5E, 0x00, 0x00, 0x00, 0x48, 0x8B, 0x83, 0xA8, 0x00, 0x00, 0x00, 0xE8, 0x63, 0x00,
        0x00, 0x00, 0x49, 0x8D, 0xB0, 0x93, 0x15, 0x00, 0x00, 0xE8, 0x46, 0x00, 0x00, 0x00, 0x49, 0x8B,
        0x45, 0x10, 0xE8, 0x4E, 0x00, 0x00, 0x00, 0x49, 0x8D, 0xB0, 0xA6, 0x15, 0x00, 0x00, 0xE8, 0x31,
        0x00, 0x00, 0x00, 0x4C, 0x89, 0xF6, 0xE8, 0x29, 0x00, 0x00, 0x00, 0xC6, 0x07, 0x0A, 0x48, 0xFF,
        0xC7, 0x48, 0x89, 0xFA, 0x48, 0x29, 0xE2, 0x48, 0x89, 0xE6, 0xBF, 0x02, 0x00, 0x00, 0x00, 0xB8,
        0x01, 0x00, 0x00, 0x00, 0x0F, 0x05, 0xBF, 0x46, 0x00, 0x00, 0x00, 0xB8, 0xE7, 0x00, 0x00, 0x00,
        0x0F, 0x05, 0x0F, 0x0B, 0x8A, 0x06, 0x84, 0xC0, 0x74, 0x0A, 0x88, 0x07, 0x48, 0xFF, 0xC6, 0x48,
        0xFF, 0xC7, 0xEB, 0xF0, 0xC3, 0xB9, 0x3C, 0x00, 0x00, 0x00, 0x45, 0x31, 0xC9, 0x48, 0x89, 0xC2,
        0x48, 0xD3, 0xEA, 0x83, 0xE2, 0x0F, 0x41, 0x09, 0xD1, 0x75, 0x04, 0x85, 0xC9, 0x75, 0x0E, 0x41,
        0x0F, 0xB6, 0x94, 0x10, 0x60, 0x15, 0x00, 0x00, 0x88, 0x17, 0x48, 0xFF, 0xC7, 0x83, 0xE9, 0x04,
        0x79, 0xDB, 0xC3,
    ];
}
