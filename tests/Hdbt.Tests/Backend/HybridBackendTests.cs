using Hdbt.Backend;
using Hdbt.Ir;
using Hdbt.Profiling;
using Iced.Intel;

namespace Hdbt.Tests.Backend;

/// <summary><see cref="HybridBackend"/> routes each unit to the backend that made it and never links across the two.</summary>
public sealed class HybridBackendTests
{
    private sealed class Unit(UnitKind kind, uint pc) : TranslatedUnit(kind, pc, pc + 4, 1)
    {
        public override long Entries => 0;
    }

    /// <summary>A backend that makes units of one kind and records what it was asked.</summary>
    private sealed class Recorder(string name, UnitKind kind, CounterId counts, long value) : IBackend
    {
        public readonly List<string> Calls = [];
        public string Name => name;
        public TranslatedUnit? Translate(IrBlock ir) { Calls.Add($"translate {ir.GuestPc:x}"); return new Unit(kind, ir.GuestPc); }
        public UnitExit Enter(TranslatedUnit unit) { Calls.Add($"enter {unit.GuestPc:x}"); return new UnitExit(ExitKind.Indirect); }
        public void Link(TranslatedUnit from, int slot, TranslatedUnit to) => Calls.Add($"link {from.GuestPc:x}->{to.GuestPc:x}");
        public void CacheJump(TranslatedUnit unit) => Calls.Add($"cache {unit.GuestPc:x}");
        public void Invalidate(TranslatedUnit unit) => Calls.Add($"invalidate {unit.GuestPc:x}");
        public void Flush() => Calls.Add("flush");
        public bool NeedsFlush() => false;
        public string? FormatHostCode(TranslatedUnit unit, IReadOnlyList<Instruction> guestInstructions) => name;
        public void ReportStatistics(Statistics stats)
        {
            stats[counts] = value;
            if (kind == UnitKind.Trace) stats.MarkNotCounted(CounterId.BlockLinks);
        }
        public void Dispose() => Calls.Add("dispose");
    }

    [Fact]
    public void Blocks_and_traces_each_go_to_their_own_backend()
    {
        var blocks = new Recorder("tcg", UnitKind.Block, CounterId.BlockLinks, 7);
        var traces = new Recorder("llvm", UnitKind.Trace, CounterId.HostCodeBytes, 99);
        using var hybrid = new HybridBackend(blocks, traces);
        var block = hybrid.Translate(new IrBlock(0x1000))!;
        var trace = hybrid.Translate(new IrBlock(0x2000) { IsTrace = true })!;
        Assert.Equal(UnitKind.Block, block.Kind);
        Assert.Equal(UnitKind.Trace, trace.Kind);
        hybrid.Enter(block);
        hybrid.Enter(trace);
        hybrid.CacheJump(trace);
        hybrid.Link(block, 0, trace);   // across the two: not linked
        hybrid.Link(trace, 0, block);
        hybrid.Link(block, 1, block);   // within one: linked
        hybrid.Invalidate(trace);
        Assert.Equal("llvm", hybrid.FormatHostCode(trace, []));
        Assert.Equal(["translate 1000", "enter 1000", "link 1000->1000"], blocks.Calls);
        Assert.Equal(["translate 2000", "enter 2000", "cache 2000", "invalidate 2000"], traces.Calls);
        Assert.Equal("tcg+llvm", hybrid.Name);

        // Statistics: the blocks backend's, plus what only the trace backend counts.
        var stats = new Statistics();
        hybrid.ReportStatistics(stats);
        Assert.Equal(7, stats[CounterId.BlockLinks]);
        Assert.True(stats.IsCounted(CounterId.BlockLinks));
        Assert.Equal(99, stats[CounterId.HostCodeBytes]);
    }
}
