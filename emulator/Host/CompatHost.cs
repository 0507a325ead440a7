namespace Hdbt.Host;

/// <summary>
/// i386 system calls made by hdbt itself through the host's 32-bit compatibility entry
/// (<c>int 0x80</c> from 64-bit code), for the few calls whose answer depends on the caller's ABI.
/// </summary>
/// <remarks>
/// The one such case that matters: ext4 hands out 32-bit directory positions (<c>d_off</c>,
/// <c>lseek</c> on a directory, hence <c>telldir</c>/<c>seekdir</c>) only to 32-bit callers, and
/// 64-bit hashes otherwise. A 32-bit glibc's non-LFS <c>readdir</c> fails with EOVERFLOW on a
/// 64-bit hash, so passing those calls to the 64-bit entry would break directory listing in
/// ordinary <c>gcc -m32</c> programs. Pointers given to the compatibility entry must lie below
/// 4 GiB, hence a per-thread scratch buffer mapped with MAP_32BIT. When the host kernel has no
/// 32-bit entry (found by <see cref="HostAbi"/>'s probe), or the environment variable
/// <c>HDBT_NO_COMPAT=1</c> asks so (to test that path on any host), <see cref="Available"/> is false
/// and callers use the 64-bit entry instead, numbering directory positions themselves (Linux's <c>DirectoryPositions</c>).
/// </remarks>
public static unsafe class CompatHost
{
    /// <summary>Size of the scratch buffer below 4 GiB.</summary>
    public const int ScratchSize = 64 * 1024;

    private const int Map32Bit = 0x40;

    // push rbx; eax = nr; ebx, ecx, edx, esi, edi = a1..a5 (from edi, esi, edx, ecx, r8d, r9d); int 0x80;
    // sign-extend eax into rax; pop rbx; ret. Only ebx is callee-saved among the registers it changes.
    private static ReadOnlySpan<byte> ThunkCode =>
    [
        0x53, 0x89, 0xF8, 0x89, 0xF3, 0x41, 0x89, 0xD2, 0x89, 0xCA, 0x44, 0x89, 0xD1, 0x44, 0x89, 0xC6,
        0x44, 0x89, 0xCF, 0xCD, 0x80, 0x48, 0x63, 0xC0, 0x5B, 0xC3,
    ];

    private static readonly delegate* unmanaged<int, uint, uint, uint, uint, uint, long> s_thunk;

    [ThreadStatic] private static byte* t_scratch;

    /// <summary>The environment variable that turns the 32-bit entry off (value <c>1</c>).</summary>
    public const string DisableVariable = "HDBT_NO_COMPAT";

    static CompatHost()
    {
        // Checked before the probe: with the variable set, hdbt never runs int 0x80, not even in a child.
        if (Environment.GetEnvironmentVariable(DisableVariable) == "1" || !HostAbi.HasInt80) return;
        nint page = HostKernel.Mmap(0, 4096, HostKernel.ProtRead | HostKernel.ProtWrite, HostKernel.MapPrivate | HostKernel.MapAnonymous, -1, 0);
        if (page < 0 && page > -4096) return;
        ThunkCode.CopyTo(new Span<byte>((void*)page, ThunkCode.Length));
        if (HostKernel.Mprotect(page, 4096, HostKernel.ProtRead | HostKernel.ProtExec) < 0) return;
        // A fault in the thunk (int 0x80 refused after all) is an hdbt bug: one line and status 70, not a bare SIGSEGV.
        HostFaultHandler.RegisterNativeCode(page, 4096);
        s_thunk = (delegate* unmanaged<int, uint, uint, uint, uint, uint, long>)page;
    }

    /// <summary>Whether the host accepts 32-bit system calls.</summary>
    public static bool Available => s_thunk != null;

    /// <summary>A buffer of <see cref="ScratchSize"/> bytes below 4 GiB for this thread, or null if none could be mapped.</summary>
    public static byte* Scratch
    {
        get
        {
            if (t_scratch == null)
            {
                nint p = HostKernel.Mmap(0, ScratchSize, HostKernel.ProtRead | HostKernel.ProtWrite, HostKernel.MapPrivate | HostKernel.MapAnonymous | Map32Bit, -1, 0);
                if (p > 0 && (ulong)p + ScratchSize <= 0x1_0000_0000ul) t_scratch = (byte*)p;
            }
            return t_scratch;
        }
    }

    /// <summary>Host address of a scratch pointer as the 32-bit entry sees it.</summary>
    public static uint Address(byte* p) => (uint)(nint)p;

    /// <summary>Performs i386 syscall <paramref name="nr"/>; the result or <c>-errno</c>.</summary>
    public static long Call(int nr, uint a1 = 0, uint a2 = 0, uint a3 = 0, uint a4 = 0, uint a5 = 0) => s_thunk(nr, a1, a2, a3, a4, a5);
}
