namespace Hdbt.Profiling;

/// <summary>
/// What the trace statistic needs of every trace formed (Hybrid QEMU's report: lengths, exits, indirect
/// branches, coverage and duplication of guest code, the length distribution). The engine adds each trace;
/// <see cref="Report"/> turns the lot into the trace counters and the distribution of a <see cref="Statistics"/>.
/// </summary>
public sealed class TraceProfile
{
    private readonly List<int> _lengths = [];
    private readonly Dictionary<uint, (uint End, int Insns)> _blocks = [];
    private long _blocks_, _exits, _maxExits, _bytes, _insns, _indirect;

    /// <summary>Adds one trace: its blocks in path order (guest range and instructions each), its side exits and inline indirect-branch checks.</summary>
    public void Add(IReadOnlyList<(uint Start, uint End, int Insns)> blocks, int exits, int indirectBranches)
    {
        _lengths.Add(blocks.Count);
        _blocks_ += blocks.Count;
        _exits += exits;
        _maxExits = Math.Max(_maxExits, exits);
        _indirect += indirectBranches;
        foreach (var (start, end, insns) in blocks)
        {
            _bytes += end - start;
            _insns += insns;
            _blocks.TryAdd(start, (end, insns));
        }
    }

    /// <summary>Traces added.</summary>
    public int Count => _lengths.Count;

    /// <summary>Sets the trace counters and the length distribution (index n: traces of n blocks, up to <paramref name="predictThreshold"/>).</summary>
    public void Report(Statistics stats, long profileThreshold, int predictThreshold)
    {
        stats[CounterId.ProfileThreshold] = profileThreshold;
        stats[CounterId.PredictThreshold] = predictThreshold;
        stats[CounterId.Traces] = _lengths.Count;
        stats[CounterId.TraceBlocks] = _blocks_;
        stats[CounterId.TraceMaxBlocks] = _lengths.Count == 0 ? 0 : _lengths.Max();
        stats[CounterId.TraceExits] = _exits;
        stats[CounterId.TraceMaxExits] = _maxExits;
        stats[CounterId.TraceIndirectChecks] = _indirect;
        stats[CounterId.TraceBlocksCovered] = _blocks.Count;
        stats[CounterId.TraceGuestBytes] = _bytes;
        stats[CounterId.TraceGuestBytesCovered] = CoveredBytes();
        stats[CounterId.TraceGuestInsns] = _insns;
        stats[CounterId.TraceGuestInsnsCovered] = _blocks.Values.Sum(b => (long)b.Insns);
        var distribution = new long[Math.Max(predictThreshold, _lengths.Count == 0 ? 0 : _lengths.Max()) + 1];
        foreach (int n in _lengths) distribution[n]++;
        stats.TraceLengthDistribution = distribution;
    }

    /// <summary>Guest bytes in at least one trace: the union of the blocks' ranges (blocks may overlap: one may start inside another).</summary>
    private long CoveredBytes()
    {
        long total = 0;
        uint coveredTo = 0;
        foreach (var (start, (end, _)) in _blocks.OrderBy(b => b.Key))
        {
            uint from = Math.Max(start, coveredTo);
            if (end > from) total += end - from;
            coveredTo = Math.Max(coveredTo, end);
        }
        return total;
    }
}
