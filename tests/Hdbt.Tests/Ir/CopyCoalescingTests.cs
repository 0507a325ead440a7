using Hdbt.Guest;
using Hdbt.Ir;

namespace Hdbt.Tests.Ir;

/// <summary>Copy coalescing: "t = op; G = t" becomes "G = op" only where that cannot change a value.</summary>
public sealed class CopyCoalescingTests
{
    private static readonly int Eax = IrBuilder.Global(GlobalSlot.Eax), Ebx = IrBuilder.Global(GlobalSlot.Ebx),
        CcDst = IrBuilder.Global(GlobalSlot.CcDst);

    [Fact]
    public void DefinitionWritesTheRegisterAndLaterUsesReadIt()
    {
        var block = new IrBlock(0);
        var b = new IrBuilder(block);
        int t = b.Add(Eax, b.Const(1));
        b.Mov(Eax, t);
        b.Mov(CcDst, t);
        b.Goto(0, 0);
        CopyCoalescing.Run(block);
        IrVerifier.Verify(block, "copy_coalescing");
        Assert.Equal(Eax, block.Ops[0].D0);
        Assert.Equal(Opcode.Mov, block.Ops[1].Code);
        Assert.Equal((CcDst, Eax), (block.Ops[1].D0, block.Ops[1].S0));
        Assert.Equal(3, block.Ops.Count);
    }

    [Fact]
    public void NotWhenTheRegisterIsReadBetween()
    {
        var block = new IrBlock(0);
        var b = new IrBuilder(block);
        int t = b.Add(Eax, b.Const(1));
        b.Mov(Ebx, Eax); // reads the old eax
        b.Mov(Eax, t);
        b.Goto(0, 0);
        CopyCoalescing.Run(block);
        IrVerifier.Verify(block, "copy_coalescing");
        Assert.Equal(t, block.Ops[0].D0);
        Assert.Equal(4, block.Ops.Count);
    }

    [Fact]
    public void NotWhenTheRegisterChangesBeforeTheLastUse()
    {
        var block = new IrBlock(0);
        var b = new IrBuilder(block);
        int t = b.Add(Eax, b.Const(1));
        b.Mov(Eax, t);
        b.Mov(Eax, b.Const(7));
        b.Mov(Ebx, t); // needs the value of t, not the 7
        b.Goto(0, 0);
        CopyCoalescing.Run(block);
        IrVerifier.Verify(block, "copy_coalescing");
        // eax cannot take t's place; ebx can (nothing reads or writes it in between).
        Assert.Equal(Ebx, block.Ops[0].D0);
        Assert.Equal((Eax, Ebx), (block.Ops[1].D0, block.Ops[1].S0));
        Assert.DoesNotContain(block.Ops, o => o.S0 == t || o.D0 == t);
    }

    [Fact]
    public void NotWhenTheLocalIsReadAfterAMergePoint()
    {
        var block = new IrBlock(0);
        var b = new IrBuilder(block);
        int t = b.Add(Eax, b.Const(1));
        b.Mov(Eax, t);
        int l = b.NewLabel();
        b.Label(l);
        b.Mov(Ebx, t);
        b.Mov(Eax, b.Const(0));
        b.BrCond(Cond.Ne, Ebx, b.Const(0), l);
        b.Goto(0, 0);
        CopyCoalescing.Run(block);
        IrVerifier.Verify(block, "copy_coalescing");
        Assert.Equal(t, block.Ops[0].D0);
    }
}
