namespace Hdbt.Ir;

/// <summary>The optimizer's pass pipeline: constant folding and copy propagation, then dead code and dead flag elimination, then copy coalescing.</summary>
public static class Optimizer
{
    public static void Run(IrBlock block, IrBuilder builder)
    {
        ConstantFolding.Run(block, builder);
        DeadCode.Run(block);
        block.Compact();
        CopyCoalescing.Run(block);
    }
}
