using Hdbt.Ir;
using Hdbt.Profiling;
using Iced.Intel;

namespace Hdbt.Backend;

/// <summary>
/// Two backends behind one interface, for the hybrid modes: every block goes to <see cref="Blocks"/> (tcg) and every
/// trace to <see cref="Traces"/> (llvm). A unit belongs to the backend that made it, which enters, links, caches and
/// drops it; the two never link to each other (their code has different conventions), so a jump from one kind of
/// unit to the other goes through the engine, which finds the unit at that pc whichever backend made it.
/// </summary>
/// <remarks>The engine does not know there are two: this is the only place that does.</remarks>
public sealed class HybridBackend(IBackend blocks, IBackend traces) : IBackend
{
    /// <summary>The backend of every block.</summary>
    public IBackend Blocks { get; } = blocks;

    /// <summary>The backend of every trace.</summary>
    public IBackend Traces { get; } = traces;

    public string Name => $"{Blocks.Name}+{Traces.Name}";

    private IBackend Owner(TranslatedUnit unit) => unit.Kind == UnitKind.Trace ? Traces : Blocks;

    public TranslatedUnit? Translate(IrBlock ir) => ir.IsTrace ? Traces.Translate(ir) : Blocks.Translate(ir);

    public UnitExit Enter(TranslatedUnit unit) => Owner(unit).Enter(unit);

    /// <summary>Links within one backend; a slot into the other backend's unit stays unlinked (its exit comes back to the engine).</summary>
    public void Link(TranslatedUnit from, int slot, TranslatedUnit to)
    {
        var owner = Owner(from);
        if (owner == Owner(to)) owner.Link(from, slot, to);
    }

    /// <summary>Into its own backend's jump cache: the other's code must never jump into it.</summary>
    public void CacheJump(TranslatedUnit unit) => Owner(unit).CacheJump(unit);

    public void Invalidate(TranslatedUnit unit) => Owner(unit).Invalidate(unit);

    public void Flush()
    {
        Blocks.Flush();
        Traces.Flush();
    }

    public bool NeedsFlush() => Blocks.NeedsFlush() || Traces.NeedsFlush();

    public string? FormatHostCode(TranslatedUnit unit, IReadOnlyList<Instruction> guestInstructions) =>
        Owner(unit).FormatHostCode(unit, guestInstructions);

    /// <summary>The blocks backend's counters, then the traces backend's own: those the blocks backend does not count, or that only it counts.</summary>
    public void ReportStatistics(Statistics stats)
    {
        Blocks.ReportStatistics(stats);
        var traceStats = new Statistics();
        Traces.ReportStatistics(traceStats);
        foreach (var c in CounterTable.All)
            if (traceStats.IsCounted(c.Id) && traceStats[c.Id] != 0 && (!stats.IsCounted(c.Id) || stats[c.Id] == 0))
            {
                stats[c.Id] = traceStats[c.Id];
                stats.MarkCounted(c.Id);
            }
    }

    public void Dispose()
    {
        Blocks.Dispose();
        Traces.Dispose();
    }
}
