using Hdbt.Ir;
using Hdbt.Profiling;
using Iced.Intel;

namespace Hdbt.Backend;

/// <summary>
/// What the engine needs of a backend (interp, tcg, llvm): turn IR into a unit, run a unit until it
/// leaves, link one unit's exit to another, forget units, and say what it counted. The engine owns the
/// lookup by pc, the page index for self-modifying code, hotness and statistics; a backend owns its
/// code memory, its jump cache and how its units chain.
/// </summary>
public interface IBackend : IDisposable
{
    /// <summary>The backend's name, as in the mode table and statistics (<c>interp</c>, <c>tcg</c>, ...).</summary>
    string Name { get; }

    /// <summary>
    /// Translates one block's IR into a unit; null when the backend's code memory is full (the engine flushes and retries).
    /// The IR belongs to the translator, which builds the next block in the same <see cref="IrBlock"/>: a backend copies what it keeps.
    /// </summary>
    TranslatedUnit? Translate(IrBlock ir);

    /// <summary>
    /// Runs translated code from <paramref name="unit"/> (counting the entry) until it leaves for the engine.
    /// A guest fault comes out as a <see cref="Guest.GuestFaultException"/> with EIP and the exception's pc set
    /// to the faulting instruction.
    /// </summary>
    UnitExit Enter(TranslatedUnit unit);

    /// <summary>Makes <paramref name="from"/>'s slot go straight into <paramref name="to"/> (no-op when linking is off or either is invalid).</summary>
    void Link(TranslatedUnit from, int slot, TranslatedUnit to);

    /// <summary>Makes indirect exits find <paramref name="unit"/> without the engine.</summary>
    void CacheJump(TranslatedUnit unit);

    /// <summary>
    /// Drops one unit whose guest code changed: marks it invalid, unlinks every slot linked to it, takes it
    /// out of the jump cache, and makes it leave at its next instruction boundary if it is running.
    /// </summary>
    void Invalidate(TranslatedUnit unit);

    /// <summary>Drops every unit (the engine has already taken their counts).</summary>
    void Flush();

    /// <summary>Whether code generated so far rests on guest state that changed (e.g. MXCSR masks), so the engine must flush before going on.</summary>
    bool NeedsFlush();

    /// <summary>The host code of a unit for <c>-d out_asm</c>, under its guest instructions; null when the backend makes none.</summary>
    string? FormatHostCode(TranslatedUnit unit, IReadOnlyList<Instruction> guestInstructions);

    /// <summary>Puts the backend's own counters into the statistics at exit, and marks those it cannot count.</summary>
    void ReportStatistics(Statistics stats);
}
