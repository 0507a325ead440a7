using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Hdbt.Host;

/// <summary>
/// What the host kernel does with 32-bit x86 code, found by probes that cannot harm this process:
/// whether it executes i386 programs (<see cref="CanExecI386"/>) and whether <c>int 0x80</c> from
/// 64-bit code reaches its i386 system-call entry (<see cref="HasInt80"/>). The one place that
/// decides it: hdbt's syscall layer, <c>hdbt --host-info</c> (which the harness and the scripts ask)
/// and the tests all read these answers.
/// </summary>
/// <remarks>
/// <para>Why probe: nothing a process can read tells the truth. A kernel built with
/// <c>CONFIG_IA32_EMULATION=y</c> may still refuse 32-bit code at run time (booted with
/// <c>ia32_emulation=0</c>, a sandbox such as gVisor, or the paravirtualized kernels of some cloud
/// machines, which show <c>/proc/sys/abi/vsyscall32</c> and no command-line switch): <c>execve</c> of an
/// i386 program fails with ENOEXEC and <c>int 0x80</c> becomes a general-protection fault (SIGSEGV).</para>
/// <para>How: each probe is a few bytes of x86-64 code (<see cref="HostAbiProbeCode"/>) that <c>vfork</c>s; the child does the risky
/// thing (<c>int 0x80</c> getpid after resetting SIGSEGV to its default, or <c>execve</c> of a
/// 100-byte i386 program held in a memfd) and exits with a known status, and the parent reads that
/// status with <c>wait4</c>. No managed code runs in the child (it shares the parent's memory until it
/// exits), and a fault kills only the child. Each probe costs one short-lived process (well under a
/// millisecond for int 0x80) and runs at most once per process, when first asked.</para>
/// </remarks>
public static unsafe class HostAbi
{
    /// <summary>Exit status of the probe program when the kernel ran it (any other status means it did not).</summary>
    private const int ProbeProgramStatus = 42;

    private const int Wait4 = 61, MemfdCreate = 319;

    private static readonly Lazy<(bool Ok, string Detail)> s_int80 = new(ProbeInt80);
    private static readonly Lazy<(bool Ok, string Detail)> s_exec = new(ProbeExec);

    /// <summary>Whether <c>int 0x80</c> from 64-bit code performs i386 system calls on this host.</summary>
    public static bool HasInt80 => s_int80.Value.Ok;

    /// <summary>What the <c>int 0x80</c> probe saw, in words (e.g. "the child was killed by SIGSEGV").</summary>
    public static string Int80Detail => s_int80.Value.Detail;

    /// <summary>Whether the kernel executes i386 programs (so a guest binary can run natively as a reference).</summary>
    public static bool CanExecI386 => s_exec.Value.Ok;

    /// <summary>What the exec probe saw, in words (e.g. "execve failed: Exec format error").</summary>
    public static string ExecDetail => s_exec.Value.Detail;

    /// <summary>
    /// The report of <c>hdbt --host-info</c>: one <c>key: yes|no (detail)</c> line per probe, stable
    /// keys that scripts may grep (<c>i386-exec</c>, <c>int80</c>).
    /// </summary>
    public static string Describe() =>
        $"i386-exec: {(CanExecI386 ? "yes" : "no")} ({ExecDetail})\n" +
        $"int80: {(HasInt80 ? "yes" : "no")} ({Int80Detail})\n";

    /// <summary>One line for a user: what a host without i386 support means for native reference runs.</summary>
    public static string NoNativeI386Reason =>
        $"this host's kernel does not execute i386 programs ({ExecDetail})";

    private static (bool, string) ProbeInt80()
    {
        long pid = RunThunk(HostAbiProbeCode.Int80, 0, 0, 0);
        if (pid < 0) return (false, $"could not start the probe (vfork: errno {-pid})");
        return Describe(WaitFor((int)pid), ok: 0, okText: "int 0x80 getpid answered");
    }

    private static (bool, string) ProbeExec()
    {
        int fd = (int)HostKernel.Syscall(MemfdCreate, (nint)Cstr("hdbt-i386-probe"), 0);
        if (fd < 0) return (false, $"could not write the probe program (memfd_create: errno {-fd})");
        try
        {
            byte[] elf = ProbeProgram();
            fixed (byte* p = elf)
                if (HostKernel.Syscall(HostKernel.Nr.Write, fd, (nint)p, elf.Length) != elf.Length) return (false, "could not write the probe program");
            byte* path = Cstr($"/proc/self/fd/{fd}");
            var argv = stackalloc nint[2];
            argv[0] = (nint)path;
            argv[1] = 0;
            var envp = stackalloc nint[1];
            envp[0] = 0;
            long pid = RunThunk(HostAbiProbeCode.Exec, (nint)path, (nint)argv, (nint)envp);
            if (pid < 0) return (false, $"could not start the probe (vfork: errno {-pid})");
            int status = WaitFor((int)pid);
            int code = status >> 8 & 0xFF;
            if (status >= 0 && (status & 0x7F) == 0 && code != ProbeProgramStatus && code != 0)
                return (false, $"execve failed: {Marshal.GetPInvokeErrorMessage(code)}");
            return Describe(status, ok: ProbeProgramStatus, okText: "a static i386 program ran");
        }
        finally
        {
            HostKernel.Close(fd);
        }
    }

    /// <summary>Turns a wait status into the probe's answer.</summary>
    private static (bool, string) Describe(int status, int ok, string okText)
    {
        if (status < 0) return (false, $"wait4 failed (errno {-status})");
        int sig = status & 0x7F;
        if (sig != 0) return (false, $"the probe was killed by {Signals.Name(sig)}");
        int code = status >> 8 & 0xFF;
        return code == ok ? (true, okText) : (false, $"the probe exited with status {code}");
    }

    /// <summary>Waits for the child (restarting on EINTR) and returns its raw wait status, or -errno.</summary>
    private static int WaitFor(int pid)
    {
        int status = 0;
        long r;
        do r = HostKernel.Syscall(Wait4, pid, (nint)(&status), 0, 0);
        while (r == -Errno.EINTR);
        return r < 0 ? (int)r : status;
    }

    /// <summary>Copies a thunk into an executable page, calls it with three arguments and unmaps it.</summary>
    private static long RunThunk(ReadOnlySpan<byte> code, nint a1, nint a2, nint a3)
    {
        nint page = HostKernel.Mmap(0, 4096, HostKernel.ProtRead | HostKernel.ProtWrite, HostKernel.MapPrivate | HostKernel.MapAnonymous, -1, 0);
        if (page < 0 && page > -4096) return page;
        try
        {
            code.CopyTo(new Span<byte>((void*)page, code.Length));
            int r = HostKernel.Mprotect(page, 4096, HostKernel.ProtRead | HostKernel.ProtExec);
            if (r < 0) return r;
            // The parent's side only makes syscalls; should it fault anyway, that is an internal error, not a bare signal.
            HostFaultHandler.RegisterNativeCode(page, 4096);
            try
            {
                return ((delegate* unmanaged<nint, nint, nint, long>)page)(a1, a2, a3);
            }
            finally
            {
                HostFaultHandler.UnregisterNativeCode(page);
            }
        }
        finally
        {
            HostKernel.Syscall(HostKernel.Nr.Munmap, page, 4096);
        }
    }

    /// <summary>A static ELF32 i386 executable whose code is <c>mov ebx, 42; mov eax, 1; int 0x80</c>.</summary>
    private static byte[] ProbeProgram()
    {
        const uint Base = 0x0804_8000;
        const int Ehsize = 52, Phsize = 32;
        byte[] code = [0xBB, ProbeProgramStatus, 0, 0, 0, 0xB8, 1, 0, 0, 0, 0xCD, 0x80];
        var image = new byte[Ehsize + Phsize + code.Length];
        var s = image.AsSpan();
        "\x7F"u8.CopyTo(s);
        "ELF"u8.CopyTo(s[1..]);
        s[4] = 1; s[5] = 1; s[6] = 1;                                         // ELFCLASS32, little endian, version 1
        BinaryPrimitives.WriteUInt16LittleEndian(s[16..], 2);                 // ET_EXEC
        BinaryPrimitives.WriteUInt16LittleEndian(s[18..], 3);                 // EM_386
        BinaryPrimitives.WriteUInt32LittleEndian(s[20..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(s[24..], Base + Ehsize + Phsize);
        BinaryPrimitives.WriteUInt32LittleEndian(s[28..], Ehsize);
        BinaryPrimitives.WriteUInt16LittleEndian(s[40..], Ehsize);
        BinaryPrimitives.WriteUInt16LittleEndian(s[42..], Phsize);
        BinaryPrimitives.WriteUInt16LittleEndian(s[44..], 1);
        var ph = s[Ehsize..];
        BinaryPrimitives.WriteUInt32LittleEndian(ph, 1);                      // PT_LOAD of the whole file, R+X
        BinaryPrimitives.WriteUInt32LittleEndian(ph[8..], Base);
        BinaryPrimitives.WriteUInt32LittleEndian(ph[12..], Base);
        BinaryPrimitives.WriteUInt32LittleEndian(ph[16..], (uint)image.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(ph[20..], (uint)image.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(ph[24..], 5);
        BinaryPrimitives.WriteUInt32LittleEndian(ph[28..], 0x1000);
        code.CopyTo(s[(Ehsize + Phsize)..]);
        return image;
    }

    /// <summary>A NUL-terminated copy of <paramref name="s"/> in unmanaged memory (a few bytes, kept for the process's life).</summary>
    private static byte* Cstr(string s)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(s + "\0");
        byte* p = (byte*)NativeMemory.Alloc((nuint)bytes.Length);
        bytes.CopyTo(new Span<byte>(p, bytes.Length));
        return p;
    }
}
