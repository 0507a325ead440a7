using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Harness.Measure;

/// <summary>
/// The tiny static x86-64 program every measured run goes through: it vforks, the child execs the
/// measured program, and it reaps that child with wait4 and writes one <see cref="LaunchRecord"/>
/// (wait status, monotonic start and end times, the child's rusage) to file descriptor 3.
/// </summary>
/// <remarks>
/// Why not posix_spawn the measured program directly: glibc's posix_spawn is a vfork (CLONE_VM), and at
/// execve the kernel records the hiwater RSS of the memory the child leaves, the harness's whole .NET
/// heap, in the child's <c>ru_maxrss</c> (exec_mmap → setmax_mm_hiwater_rss). Every run then reported
/// the harness's ~64 MB. A fork would copy the heap's page tables and record the same. Exec'd from this
/// launcher, whose memory is a few pages, the child's <c>ru_maxrss</c> is its own peak, as with
/// <c>/usr/bin/time</c>; its CPU times are its own, and the wall time is taken around vfork and wait4
/// inside the launcher, away from the harness's scheduling. The code is assembled with Iced when the
/// harness starts (no binary is committed) and written next to the harness (or in the temp folder).
/// </remarks>
public static class Launcher
{
    /// <summary>Offsets in the record (see <see cref="LaunchRecord"/>).</summary>
    internal const int ErrorOffset = 8, StatusOffset = 16, StartOffset = 24, EndOffset = 40, RusageOffset = 56, RecordSize = 200;

    /// <summary>"HDBTLNCH", little-endian: the record's first eight bytes.</summary>
    internal const ulong Magic = 0x48434E4C54424448;

    /// <summary>Exit statuses of the launcher itself (the measured program's status is in the record).</summary>
    internal const int UsageStatus = 2, NoResultFdStatus = 3, WriteFailedStatus = 4;

    private const ulong LoadAddress = 0x400000;
    private const int HeaderSize = 64, ProgramHeaderSize = 56, ProgramHeaders = 2;
    private const int Write = 1, Fcntl = 72, Vfork = 58, Execve = 59, Wait4 = 61, ClockGettime = 228, ExitGroup = 231;
    private const int FSetFd = 2, FdCloexec = 1, ClockMonotonic = 1, Eintr = 4, ResultFd = 3;

    private static readonly Lazy<string> s_path = new(Install);

    /// <summary>The launcher's path (written on first use).</summary>
    public static string Path => s_path.Value;

    /// <summary>The launcher as an ELF64 executable file.</summary>
    public static byte[] Image()
    {
        ulong entry = LoadAddress + HeaderSize + ProgramHeaderSize * ProgramHeaders;
        var code = Assemble(entry);
        var elf = new byte[(int)(entry - LoadAddress) + code.Length];
        var w = new BinaryWriter(new MemoryStream(elf));
        w.Write([0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // ELF64, little-endian, SysV
        w.Write((ushort)2);                         // ET_EXEC
        w.Write((ushort)62);                        // EM_X86_64
        w.Write(1u);
        w.Write(entry);
        w.Write((ulong)HeaderSize);                 // program headers right after this header
        w.Write(0UL);                               // no section headers
        w.Write(0u);
        w.Write((ushort)HeaderSize);
        w.Write((ushort)ProgramHeaderSize);
        w.Write((ushort)ProgramHeaders);
        w.Write((ushort)64);
        w.Write((ushort)0);
        w.Write((ushort)0);
        // PT_LOAD: the whole file, read + execute.
        w.Write(1u);
        w.Write(5u);
        w.Write(0UL);
        w.Write(LoadAddress);
        w.Write(LoadAddress);
        w.Write((ulong)elf.Length);
        w.Write((ulong)elf.Length);
        w.Write(0x1000UL);
        // PT_GNU_STACK: a non-executable stack.
        w.Write(0x6474E551u);
        w.Write(6u);
        for (int i = 0; i < 5; i++) w.Write(0UL);
        w.Write(16UL);
        code.CopyTo(elf, (int)(entry - LoadAddress));
        return elf;
    }

    /// <summary>
    /// <c>launcher PROGRAM [ARGS...]</c>: the record goes to descriptor 3 (made close-on-exec, so the
    /// measured program does not inherit it). Registers: rbx the initial stack (argc), r15 the record on
    /// the stack, r12 &amp;argv[1], r13 envp, r14 the child's pid.
    /// </summary>
    private static byte[] Assemble(ulong rip)
    {
        var a = new Assembler(64);
        var usage = a.CreateLabel();
        var noFd = a.CreateLabel();
        var child = a.CreateLabel();
        var vforkFailed = a.CreateLabel();
        var wait = a.CreateLabel();
        var write = a.CreateLabel();
        var writeFailed = a.CreateLabel();

        a.mov(rbx, rsp);
        a.sub(rsp, 256);
        a.mov(r15, rsp);
        a.mov(rdi, r15);
        a.xor(eax, eax);
        a.mov(ecx, 256 / 8);
        a.rep.stosq();
        a.mov(rax, Magic);
        a.mov(__qword_ptr[r15], rax);
        a.mov(rax, __qword_ptr[rbx]);               // argc
        a.cmp(rax, 2);
        a.jl(usage);
        a.lea(r12, __[rbx + 16]);                   // &argv[1]
        a.lea(r13, __[rbx + rax * 8 + 16]);         // envp: past argv's terminating null
        Sys(a, Fcntl, () => { a.mov(edi, ResultFd); a.mov(esi, FSetFd); a.mov(edx, FdCloexec); });
        a.test(rax, rax);
        a.js(noFd);
        Sys(a, ClockGettime, () => { a.mov(edi, ClockMonotonic); a.lea(rsi, __[r15 + StartOffset]); });
        a.mov(eax, Vfork);
        a.syscall();
        a.test(rax, rax);
        a.jz(child);
        a.js(vforkFailed);
        a.mov(r14, rax);
        a.Label(ref wait);
        Sys(a, Wait4, () => { a.mov(rdi, r14); a.lea(rsi, __[r15 + StatusOffset]); a.xor(edx, edx); a.lea(r10, __[r15 + RusageOffset]); });
        a.cmp(rax, -Eintr);
        a.je(wait);
        Sys(a, ClockGettime, () => { a.mov(edi, ClockMonotonic); a.lea(rsi, __[r15 + EndOffset]); });
        a.jmp(write);
        a.Label(ref vforkFailed);
        a.mov(__qword_ptr[r15 + ErrorOffset], rax);
        a.Label(ref write);
        Sys(a, Write, () => { a.mov(edi, ResultFd); a.mov(rsi, r15); a.mov(edx, RecordSize); });
        a.cmp(rax, RecordSize);
        a.jne(writeFailed);
        Exit(a, 0);
        a.Label(ref writeFailed);
        Exit(a, WriteFailedStatus);
        a.Label(ref noFd);
        Exit(a, NoResultFdStatus);
        a.Label(ref usage);
        Exit(a, UsageStatus);

        // The vfork child runs on the parent's stack: registers and the record slot only, no push or call.
        a.Label(ref child);
        Sys(a, Execve, () => { a.mov(rdi, __qword_ptr[r12]); a.mov(rsi, r12); a.mov(rdx, r13); });
        a.mov(__qword_ptr[r15 + ErrorOffset], rax);  // -errno, which the parent reads after the child exits
        Exit(a, 127);

        using var ms = new MemoryStream();
        a.Assemble(new StreamCodeWriter(ms), rip);
        return ms.ToArray();
    }

    private static void Sys(Assembler a, int number, Action args)
    {
        args();
        a.mov(eax, number);
        a.syscall();
    }

    private static void Exit(Assembler a, int status)
    {
        a.mov(edi, status);
        a.mov(eax, ExitGroup);
        a.syscall();
    }

    /// <summary>
    /// Writes the launcher next to the harness's assembly, or into the temp folder when that is not
    /// writable; an identical file already there is reused. Written under a unique name and renamed, so
    /// that concurrent harness processes never exec a file another one is still writing.
    /// </summary>
    private static string Install()
    {
        var image = Image();
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(image))[..12].ToLowerInvariant();
        Exception? last = null;
        foreach (var dir in new[] { AppContext.BaseDirectory, System.IO.Path.GetTempPath() })
        {
            var path = System.IO.Path.Combine(dir, $"hdbt-launch-{hash}");
            try
            {
                if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(image)) return path;
                var tmp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
                File.WriteAllBytes(tmp, image);
                File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
                File.Move(tmp, path, overwrite: true);
                return path;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { last = e; }
        }
        throw new IOException($"cannot write the measurement launcher: {last?.Message}");
    }
}
