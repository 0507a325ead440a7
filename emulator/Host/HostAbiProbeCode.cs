using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Host;

/// <summary>
/// The native code of <see cref="HostAbi"/>'s two probes: <see cref="AssembleInt80"/> and
/// <see cref="AssembleExec"/> are the source (x86-64 through Iced), <see cref="Int80"/> and
/// <see cref="Exec"/> their committed output, which hdbt copies into a page when it probes. A test
/// assembles them again and compares, printing the new arrays when the source changed.
/// </summary>
/// <remarks>
/// Why committed bytes: Iced's assembler costs tens of milliseconds of JIT and table set-up on first
/// use, which every run that reads a directory would pay on a host without int 0x80. Both thunks are
/// position-independent (the int 0x80 one reaches its data with a RIP-relative <c>lea</c>).
/// </remarks>
internal static class HostAbiProbeCode
{
    private const int Vfork = 58, Execve = 59, ExitGroup = 231, RtSigaction = 13;
    private const int I386Getpid = 20, Sigsegv = 11;

    /// <summary>
    /// <c>long probe(void)</c>: vfork; the child resets SIGSEGV to its default action (it inherited this
    /// process's handlers, which must not run in a child that shares our memory), makes the i386 getpid
    /// call with <c>int 0x80</c> and exits with status 0; the parent returns the child's pid (or -errno).
    /// </summary>
    public static byte[] AssembleInt80()
    {
        var a = new Assembler(64);
        var parent = a.CreateLabel();
        var dfl = a.CreateLabel();
        a.mov(eax, Vfork);
        a.syscall();
        a.test(eax, eax);
        a.jnz(parent);
        a.lea(rsi, __[dfl]);                    // rt_sigaction(SIGSEGV, &dfl, NULL, 8)
        a.xor(edx, edx);
        a.mov(r10d, 8);
        a.mov(edi, Sigsegv);
        a.mov(eax, RtSigaction);
        a.syscall();
        a.mov(eax, I386Getpid);
        a.@int(0x80);
        a.xor(edi, edi);
        a.mov(eax, ExitGroup);
        a.syscall();
        a.Label(ref parent);
        a.ret();
        a.Label(ref dfl);
        a.db(new byte[32]);                     // struct sigaction { SIG_DFL, flags 0, restorer 0, mask 0 }
        return Assemble(a);
    }

    /// <summary>
    /// <c>long probe(path, argv, envp)</c>: vfork; the child calls execve(path, argv, envp) and, if that
    /// fails, exits with the errno as its status; the parent returns the child's pid (or -errno).
    /// </summary>
    public static byte[] AssembleExec()
    {
        var a = new Assembler(64);
        var parent = a.CreateLabel();
        a.mov(r8, rdi);
        a.mov(eax, Vfork);
        a.syscall();
        a.test(eax, eax);
        a.jnz(parent);
        a.mov(rdi, r8);
        a.mov(eax, Execve);
        a.syscall();                            // rsi = argv, rdx = envp: syscall keeps them
        a.neg(eax);
        a.mov(edi, eax);
        a.mov(eax, ExitGroup);
        a.syscall();
        a.Label(ref parent);
        a.ret();
        return Assemble(a);
    }

    private static byte[] Assemble(Assembler a)
    {
        using var ms = new MemoryStream();
        a.Assemble(new StreamCodeWriter(ms), 0);
        return ms.ToArray();
    }

    /// <summary>What <see cref="AssembleInt80"/> assembles to.</summary>
    public static ReadOnlySpan<byte> Int80 =>
    [
        0xB8, 0x3A, 0x00, 0x00, 0x00, 0x0F, 0x05, 0x85, 0xC0, 0x75, 0x2B, 0x48, 0x8D, 0x35, 0x25, 0x00,
        0x00, 0x00, 0x31, 0xD2, 0x41, 0xBA, 0x08, 0x00, 0x00, 0x00, 0xBF, 0x0B, 0x00, 0x00, 0x00, 0xB8,
        0x0D, 0x00, 0x00, 0x00, 0x0F, 0x05, 0xB8, 0x14, 0x00, 0x00, 0x00, 0xCD, 0x80, 0x31, 0xFF, 0xB8,
        0xE7, 0x00, 0x00, 0x00, 0x0F, 0x05, 0xC3, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    ];

    /// <summary>What <see cref="AssembleExec"/> assembles to.</summary>
    public static ReadOnlySpan<byte> Exec =>
    [
        0x49, 0x89, 0xF8, 0xB8, 0x3A, 0x00, 0x00, 0x00, 0x0F, 0x05, 0x85, 0xC0, 0x75, 0x15, 0x4C, 0x89,
        0xC7, 0xB8, 0x3B, 0x00, 0x00, 0x00, 0x0F, 0x05, 0xF7, 0xD8, 0x89, 0xC7, 0xB8, 0xE7, 0x00, 0x00,
        0x00, 0x0F, 0x05, 0xC3,
    ];
}
