namespace Hdbt.Ir;

/// <summary>
/// An <see cref="IrBlock"/> broke a rule of the IR (<see cref="IrVerifier"/>): a bug in the frontend
/// or an optimizer pass, never in the guest. The message is one line: the stage, the block's guest
/// pc, the op's index and printed form, and the rule.
/// </summary>
public sealed class IrVerificationException : Exception
{
    public IrVerificationException(string stage, uint guestPc, int opIndex, string printedOp, string problem)
        : base(FormatMessage(stage, guestPc, opIndex, printedOp, problem))
    {
        Stage = stage;
        GuestPc = guestPc;
        OpIndex = opIndex;
        PrintedOp = printedOp;
        Problem = problem;
    }

    /// <summary>Where the block was checked: <c>frontend</c> or the name of the optimizer pass that ran last.</summary>
    public string Stage { get; }

    /// <summary>The guest pc of the block's first instruction.</summary>
    public uint GuestPc { get; }

    /// <summary>Index of the offending op in <see cref="IrBlock.Ops"/>, or -1 for a rule about the whole block.</summary>
    public int OpIndex { get; }

    /// <summary>The offending op as <see cref="IrPrinter"/> prints it (empty for a rule about the whole block).</summary>
    public string PrintedOp { get; }

    /// <summary>The rule that failed, in words.</summary>
    public string Problem { get; }

    private static string FormatMessage(string stage, uint guestPc, int opIndex, string printedOp, string problem) =>
        opIndex < 0
            ? $"IR verifier ({stage}): block 0x{guestPc:x8}: {problem}"
            : $"IR verifier ({stage}): block 0x{guestPc:x8}, op {opIndex} '{printedOp.Trim()}': {problem}";
}
