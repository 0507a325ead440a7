namespace Hdbt.Ir;

/// <summary>The optimizer's pass pipeline: constant folding and copy propagation, then dead code and dead flag elimination, then copy coalescing.</summary>
public static class Optimizer
{
    /// <summary>Runs the passes; with <paramref name="verify"/>, <see cref="IrVerifier"/> checks the block after each one (named by the pass).</summary>
    public static void Run(IrBlock block, IrBuilder builder, bool verify = false)
    {
        ConstantFolding.Run(block, builder);
        if (verify) IrVerifier.Verify(block, "constant_folding");
        DeadCode.Run(block);
        block.Compact();
        if (verify) IrVerifier.Verify(block, "dead_code");
        CopyCoalescing.Run(block);
        if (verify) IrVerifier.Verify(block, "copy_coalescing");
    }
}
