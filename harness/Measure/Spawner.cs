using System.Diagnostics;
using System.Runtime.InteropServices;
using Hdbt.Host;

namespace Hdbt.Harness.Measure;

/// <summary>
/// Runs one child process and measures it alone: posix_spawn starts the <see cref="Launcher"/>, which
/// vforks and execs the program and reports the program's own wait status, wall time and rusage
/// (user/system time, max RSS; System.Diagnostics.Process gives no max RSS of a child, and a child
/// spawned straight from the harness would report the harness's RSS, see <see cref="Launcher"/>).
/// stdin is /dev/null, stdout and stderr go to files. Launcher and program get their own process
/// group, so that Ctrl-C in the terminal reaches the harness only and the current run can finish,
/// and so that a timeout or a cancellation kills both.
/// </summary>
public static unsafe partial class Spawner
{
    private const int PosixSpawnSetPgroup = 0x02;
    private const int ORdOnly = 0, OWrOnly = 1, OCreat = 0x40, OTrunc = 0x200;
    private const int SigKill = 9;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timeval { public long Sec; public long Usec; }

    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public Timeval UTime;
        public Timeval STime;
        public long MaxRss;
        public fixed long Rest[13];
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int posix_spawn(out int pid, byte* path, void* fileActions, void* attr, byte** argv, byte** envp);

    [LibraryImport("libc")]
    private static partial int posix_spawn_file_actions_init(void* fa);

    [LibraryImport("libc")]
    private static partial int posix_spawn_file_actions_destroy(void* fa);

    [LibraryImport("libc")]
    private static partial int posix_spawn_file_actions_addopen(void* fa, int fd, byte* path, int flags, int mode);

    [LibraryImport("libc")]
    private static partial int posix_spawnattr_init(void* attr);

    [LibraryImport("libc")]
    private static partial int posix_spawnattr_destroy(void* attr);

    [LibraryImport("libc")]
    private static partial int posix_spawnattr_setflags(void* attr, short flags);

    [LibraryImport("libc")]
    private static partial int posix_spawnattr_setpgroup(void* attr, int pgroup);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int wait4(int pid, out int status, int options, out Rusage rusage);

    [LibraryImport("libc")]
    private static partial int kill(int pid, int sig);

    /// <summary>
    /// Runs <paramref name="argv"/> (argv[0] must be a path to the executable) in <paramref name="workDir"/>,
    /// killing it after <paramref name="timeout"/> or when <paramref name="cancel"/> fires, on
    /// <paramref name="cpus"/> only when given. Throws <see cref="IOException"/> when it cannot start.
    /// </summary>
    public static ChildResult Run(IReadOnlyList<string> argv, string stdoutPath, string stderrPath, TimeSpan timeout,
        string? workDir = null, IReadOnlyDictionary<string, string>? extraEnv = null, IReadOnlyList<int>? cpus = null, CancellationToken cancel = default)
    {
        var env = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
        // hdbt's and qemu's own environment knobs (LLVM_MODE, LLVM_DEBUG, LLVM_PROFILE, QEMU_*) would change what is measured.
        foreach (var k in env.Keys.Where(k => k.StartsWith("LLVM_", StringComparison.Ordinal) || k.StartsWith("QEMU_", StringComparison.Ordinal)).ToList()) env.Remove(k);
        if (extraEnv != null) foreach (var (k, v) in extraEnv) env[k] = v;
        // posix_spawn has no chdir before glibc 2.29's non-portable addchdir_np; relative paths are made absolute instead.
        string exe = Path.GetFullPath(argv[0], workDir ?? Environment.CurrentDirectory);
        string launcher = Launcher.Path;
        var args = new List<string>(argv.Count + 1) { launcher, exe };
        args.AddRange(argv.Skip(1));
        string recordPath = Path.GetFullPath(stdoutPath) + ".launch";

        var pool = new List<IntPtr>();
        byte* Str(string s)
        {
            var p = (byte*)Marshal.StringToCoTaskMemUTF8(s);
            pool.Add((IntPtr)p);
            return p;
        }
        byte** Vec(IReadOnlyList<string> items)
        {
            var v = (byte**)NativeMemory.AllocZeroed((nuint)(items.Count + 1), (nuint)sizeof(byte*));
            pool.Add((IntPtr)v);
            for (int i = 0; i < items.Count; i++) v[i] = Str(items[i]);
            return v;
        }

        // glibc's posix_spawn_file_actions_t is 80 bytes and posix_spawnattr_t 336; generous buffers keep us independent of that.
        void* fa = NativeMemory.AllocZeroed(1024);
        void* attr = NativeMemory.AllocZeroed(1024);
        try
        {
            posix_spawn_file_actions_init(fa);
            posix_spawnattr_init(attr);
            posix_spawn_file_actions_addopen(fa, 0, Str("/dev/null"), ORdOnly, 0);
            posix_spawn_file_actions_addopen(fa, 1, Str(Path.GetFullPath(stdoutPath)), OWrOnly | OCreat | OTrunc, 0x1a4);
            posix_spawn_file_actions_addopen(fa, 2, Str(Path.GetFullPath(stderrPath)), OWrOnly | OCreat | OTrunc, 0x1a4);
            posix_spawn_file_actions_addopen(fa, 3, Str(recordPath), OWrOnly | OCreat | OTrunc, 0x1a4);
            posix_spawnattr_setflags(attr, PosixSpawnSetPgroup);
            posix_spawnattr_setpgroup(attr, 0);

            byte** cargv = Vec(args);
            byte** cenv = Vec(env.Select(kv => kv.Key + "=" + kv.Value).ToList());
            byte* cpath = Str(launcher);

            int pid = 0, status = 0;
            Rusage ru = default;
            long start = 0, end = 0;
            Exception? pinError = null;
            using var done = new ManualResetEventSlim();
            var waiter = new Thread(() =>
            {
                try
                {
                    // Affinity is per thread and inherited at clone: pinning this short-lived thread pins the
                    // launcher and the program, and nothing else of the harness.
                    if (cpus != null) CpuSet.PinCurrentThread(cpus);
                    start = Stopwatch.GetTimestamp();
                    int rc = posix_spawn(out pid, cpath, fa, attr, cargv, cenv);
                    if (rc != 0) { pid = -rc; return; }
                    while (wait4(pid, out status, 0, out ru) < 0 && Marshal.GetLastPInvokeError() == 4 /* EINTR */) { }
                    end = Stopwatch.GetTimestamp();
                }
                catch (IOException e) { pinError = e; }
                finally { done.Set(); }
            }) { IsBackground = true, Name = "spawn-wait" };
            waiter.Start();
            bool timedOut = false, cancelled = false;
            int which = WaitHandle.WaitAny([done.WaitHandle, cancel.WaitHandle], timeout);
            if (which != 0)
            {
                if (which == 1) cancelled = true;
                else timedOut = true;
                // The launcher's process group: the launcher and the program it runs.
                if (pid > 0) kill(-pid, SigKill);
                waiter.Join();
            }
            if (pinError != null) throw pinError;
            if (pid < 0) throw new IOException($"cannot start {launcher}: {Marshal.GetPInvokeErrorMessage(-pid)}");

            var record = File.Exists(recordPath) ? LaunchRecord.Parse(File.ReadAllBytes(recordPath)) : null;
            File.Delete(recordPath);
            double harnessWall = Stopwatch.GetElapsedTime(start, end).TotalSeconds;
            int lsig = status & 0x7f, lcode = (status >> 8) & 0xff;
            if (record == null)
            {
                // Killed (timeout, cancellation, or by someone else) before it could report: what the harness saw.
                if (!timedOut && !cancelled && lsig == 0)
                    throw new IOException($"the measurement launcher failed (status {lcode}) running {exe}");
                return new ChildResult(harnessWall, ru.UTime.Sec + ru.UTime.Usec / 1e6, ru.STime.Sec + ru.STime.Usec / 1e6, ru.MaxRss,
                    0, lsig == 0 ? SigKill : lsig, timedOut) { Cancelled = cancelled };
            }
            if (record.Errno != 0) throw new IOException($"cannot start {exe}: {Marshal.GetPInvokeErrorMessage(record.Errno)}");
            int sig = record.WaitStatus & 0x7f;
            int code = sig == 0 ? (record.WaitStatus >> 8) & 0xff : 0;
            return new ChildResult(record.WallSeconds, record.UserSeconds, record.SysSeconds, record.MaxRssKiB, code, sig, timedOut) { Cancelled = cancelled };
        }
        finally
        {
            posix_spawn_file_actions_destroy(fa);
            posix_spawnattr_destroy(attr);
            NativeMemory.Free(fa);
            NativeMemory.Free(attr);
            foreach (var p in pool) NativeMemory.Free((void*)p);
        }
    }

    /// <summary>Runs a helper command and returns its stdout (trimmed), or null when it cannot run or fails.</summary>
    public static string? Capture(IReadOnlyList<string> argv, string? workDir = null, double timeoutSeconds = 120)
    {
        string? exe = argv[0].Contains('/') ? argv[0] : FindOnPath(argv[0]);
        if (exe == null) return null;
        var tmp = Path.Combine(Path.GetTempPath(), $"harness-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            var r = Run([exe, .. argv.Skip(1)], tmp + ".out", tmp + ".err", TimeSpan.FromSeconds(timeoutSeconds), workDir);
            return r.Status == 0 && !r.TimedOut ? File.ReadAllText(tmp + ".out").Trim() : null;
        }
        catch (IOException) { return null; }
        finally
        {
            File.Delete(tmp + ".out");
            File.Delete(tmp + ".err");
        }
    }

    /// <summary>The first executable called <paramref name="name"/> on PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var p = Path.Combine(dir, name);
            if (File.Exists(p) && (File.GetUnixFileMode(p) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0) return p;
        }
        return null;
    }
}
