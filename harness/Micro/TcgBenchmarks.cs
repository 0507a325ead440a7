using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Hdbt.Frontend;
using Hdbt.Guest;
using Hdbt.Harness.Sweep;
using Hdbt.Tcg;

namespace Hdbt.Harness.Micro;

/// <summary>
/// The whole translation path of <c>--mode tcg</c> on real guest code: decode, IR, optimize and host code
/// emission into the code buffer, for the same blocks as <see cref="TranslatorBenchmarks"/> (reachable by
/// fall-through from a workload's entry point). Divided by their guest instructions (see
/// <see cref="MicroRunner"/>) this is the translation cost per guest instruction that
/// <c>translation_seconds</c> measures in a run, warm; the allocation column says what each pass leaves to the GC.
/// </summary>
/// <remarks>The backend runs with checked loads and stores (no host fault handler in the harness's
/// process); direct ones emit fewer instructions, so a run's translation is a little cheaper than this.</remarks>
[MemoryDiagnoser]
public unsafe class TcgBenchmarks
{
    private GuestImage? _image;
    private Translator? _translator;
    private TcgBackend? _backend;
    private CpuState* _cpu;
    private uint[] _pcs = [];

    [Params("nqueens", "sha1")]
    public string Workload { get; set; } = "nqueens";

    /// <summary>Guest instructions in the benchmarked blocks.</summary>
    public static readonly Dictionary<string, int> GuestInsns = [];

    [GlobalSetup]
    public void Setup()
    {
        var manifest = new WorkloadManifest(RepoPaths.Manifest);
        _image = new GuestImage(manifest.Get(Workload, "test").Binary);
        _translator = new Translator(_image.Memory, new TranslatorOptions { Optimize = true });
        _cpu = (CpuState*)NativeMemory.AlignedAlloc((nuint)sizeof(CpuState), 64);
        *_cpu = default;
        _backend = new TcgBackend(_cpu, _image.Memory, 64L << 20, linking: true, hostFaults: false, directStores: false,
            hotThreshold: 50, countEntries: false);
        (_pcs, GuestInsns[Workload]) = TranslatorBenchmarks.FallThroughBlocks(_translator, _image.Image.Entry);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _backend?.Dispose();
        _image?.Dispose();
        if (_cpu != null) NativeMemory.AlignedFree(_cpu);
    }

    [Benchmark(Description = "decode + IR + optimize + tcg emit")]
    public long TranslateAndEmit()
    {
        long bytes = 0;
        foreach (var pc in _pcs)
        {
            var ir = _translator!.Translate(pc);
            var unit = _backend!.Translate(ir);
            if (unit == null)
            {
                _backend.Flush();
                unit = _backend.Translate(ir) ?? throw new InvalidOperationException("a block does not fit in an empty code buffer");
            }
            bytes += ((TcgBlock)unit).HostSize;
        }
        return bytes;
    }
}
