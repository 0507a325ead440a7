using BenchmarkDotNet.Attributes;
using Hdbt.Frontend;
using Hdbt.Harness.Sweep;

namespace Hdbt.Harness.Micro;

/// <summary>
/// The translator's cost on real guest code: the blocks reachable by fall-through from a
/// workload's entry point, decoded into IR with and without the optimizer. Divided by the guest
/// instructions in those blocks (see <see cref="MicroRunner"/>) this is the cost per guest instruction.
/// </summary>
[MemoryDiagnoser]
public class TranslatorBenchmarks
{
    private GuestImage? _image;
    private Translator? _optimizing, _plain;
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
        _optimizing = new Translator(_image.Memory, new TranslatorOptions { Optimize = true });
        _plain = new Translator(_image.Memory, new TranslatorOptions { Optimize = false });
        (_pcs, GuestInsns[Workload]) = FallThroughBlocks(_plain, _image.Image.Entry);
    }

    /// <summary>The start pcs of up to 400 blocks that follow each other by fall-through from <paramref name="entry"/>, and their guest instructions.</summary>
    internal static (uint[] Pcs, int GuestInsns) FallThroughBlocks(Translator translator, uint entry)
    {
        var pcs = new List<uint>();
        int insns = 0;
        uint pc = entry;
        for (int i = 0; i < 400; i++)
        {
            var b = translator.Translate(pc);
            pcs.Add(pc);
            insns += b.InsnCount;
            if (b.GuestEnd <= pc) break;
            pc = b.GuestEnd;
        }
        return ([.. pcs], insns);
    }

    [GlobalCleanup]
    public void Cleanup() => _image?.Dispose();

    [Benchmark(Description = "decode + IR + optimize")]
    public int TranslateOptimized()
    {
        int ops = 0;
        foreach (var pc in _pcs) ops += _optimizing!.Translate(pc).Ops.Count;
        return ops;
    }

    [Benchmark(Baseline = true, Description = "decode + IR")]
    public int TranslatePlain()
    {
        int ops = 0;
        foreach (var pc in _pcs) ops += _plain!.Translate(pc).Ops.Count;
        return ops;
    }
}
