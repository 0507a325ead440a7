using Hdbt.Backend;

namespace Hdbt.Llvm;

/// <summary>One guest block compiled by LLVM: its function's code in the JIT (removed when the block goes) and its entry count.</summary>
public sealed class LlvmBlock(UnitKind kind, uint guestPc, uint guestEnd, int insnCount, long hotAt, LlvmCode code,
    IReadOnlyList<(uint Start, uint End)>? guestRanges = null, int slotCount = 2)
    : TranslatedUnit(kind, guestPc, guestEnd, insnCount, guestRanges, slotCount)
{
    /// <summary>The compiled function (<c>i64 unit(cpu, memBase, pageTable, ctx)</c>).</summary>
    public LlvmCode Code { get; } = code;

    /// <summary>Times the block was entered, the hot entry included (<see cref="LlvmBackend"/> counts them in C#).</summary>
    public long ExecCount;

    /// <summary>The value of <see cref="ExecCount"/> at which the block takes its hot exit (once).</summary>
    public readonly long HotAt = hotAt > 0 ? hotAt : long.MaxValue;

    public override long Entries => ExecCount - (Hot ? 1 : 0);
}
