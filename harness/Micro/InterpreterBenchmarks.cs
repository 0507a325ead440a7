using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Hdbt.Harness.Sweep;
using Hdbt.Loader;
using Hdbt.Profiling;
using Hdbt.Engine;

namespace Hdbt.Harness.Micro;

/// <summary>
/// The interpreter on a whole small workload in this process (translation included, process
/// start-up excluded). Divided by the guest instructions it executes (see <see cref="MicroRunner"/>)
/// this is the interpretation cost per guest instruction.
/// </summary>
[MemoryDiagnoser]
public partial class InterpreterBenchmarks
{
    private ElfFile? _elf;
    private Workload? _workload;

    /// <summary>Guest instructions one run executes.</summary>
    public static readonly Dictionary<string, long> GuestInsnsExecuted = [];

    [Params("nqueens", "crc32")]
    public string Workload { get; set; } = "nqueens";

    [LibraryImport("libc")]
    private static partial int dup(int fd);

    [LibraryImport("libc")]
    private static partial int dup2(int from, int to);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc")]
    private static partial int close(int fd);

    [GlobalSetup]
    public void Setup()
    {
        _workload = new WorkloadManifest(RepoPaths.Manifest).Get(Workload, "test");
        _elf = ElfFile.Load(_workload.Binary);
        GuestInsnsExecuted[Workload] = RunOnce();
    }

    private long RunOnce()
    {
        // The guest writes its results to fd 1; they go to /dev/null so that they do not mix with the benchmark log.
        int saved = dup(1), devNull = open("/dev/null", 1);
        dup2(devNull, 1);
        try
        {
            using var emulator = new Emulator(new EmulatorOptions { Mode = ExecutionMode.Interp, Log = TextWriter.Null });
            emulator.Run(_elf!, _workload!.Binary, [_workload.Binary, .. _workload.Args], []);
            return emulator.Statistics[CounterId.GuestInsnsExecuted];
        }
        finally
        {
            dup2(saved, 1);
            close(saved);
            close(devNull);
        }
    }

    [Benchmark(Description = "interp: whole run")]
    public long Interpret() => RunOnce();
}
