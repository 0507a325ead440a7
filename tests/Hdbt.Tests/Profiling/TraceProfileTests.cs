using Hdbt.Profiling;

namespace Hdbt.Tests.Profiling;

/// <summary><see cref="TraceProfile"/>: the trace statistic's totals, maxima, coverage (a union of ranges) and length distribution.</summary>
public sealed class TraceProfileTests
{
    [Fact]
    public void Coverage_counts_each_guest_byte_and_block_once_and_the_distribution_each_trace()
    {
        var p = new TraceProfile();
        // Trace 1: a loop of two blocks; trace 2: the second block again, then one that starts inside the first.
        p.Add([(0x1000, 0x1010, 4), (0x1010, 0x1030, 6)], exits: 2, indirectBranches: 1);
        p.Add([(0x1010, 0x1030, 6), (0x1008, 0x1010, 2), (0x2000, 0x2004, 1)], exits: 3, indirectBranches: 0);
        var s = new Statistics();
        p.Report(s, profileThreshold: 50, predictThreshold: 4);
        Assert.Equal(2, s[CounterId.Traces]);
        Assert.Equal(5, s[CounterId.TraceBlocks]);
        Assert.Equal(3, s[CounterId.TraceMaxBlocks]);
        Assert.Equal(5, s[CounterId.TraceExits]);
        Assert.Equal(3, s[CounterId.TraceMaxExits]);
        Assert.Equal(1, s[CounterId.TraceIndirectChecks]);
        Assert.Equal(4, s[CounterId.TraceBlocksCovered]);
        Assert.Equal(0x10 + 0x20 + 0x20 + 0x08 + 0x04, s[CounterId.TraceGuestBytes]);
        // 0x1000..0x1030 and 0x2000..0x2004: the block at 0x1008 adds no byte.
        Assert.Equal(0x30 + 0x04, s[CounterId.TraceGuestBytesCovered]);
        Assert.Equal(4 + 6 + 6 + 2 + 1, s[CounterId.TraceGuestInsns]);
        Assert.Equal(4 + 6 + 2 + 1, s[CounterId.TraceGuestInsnsCovered]);
        Assert.Equal(50, s[CounterId.ProfileThreshold]);
        Assert.Equal(4, s[CounterId.PredictThreshold]);
        Assert.Equal([0L, 0, 1, 1, 0], s.TraceLengthDistribution!);
    }
}
