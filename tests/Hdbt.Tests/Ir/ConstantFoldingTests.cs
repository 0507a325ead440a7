using Hdbt.Guest;
using Hdbt.Ir;

namespace Hdbt.Tests.Ir;

/// <summary>Constant folding and copy propagation.</summary>
public sealed class ConstantFoldingTests
{
    [Fact]
    public void FoldsArithmeticOnConstants()
    {
        var block = new IrBlock(0x1000);
        var b = new IrBuilder(block);
        int t = b.Add(b.Const(2), b.Const(3));
        int u = b.Shl(t, b.Const(4));
        b.Mov(IrBuilder.Global(GlobalSlot.Eax), u);
        b.Goto(0x2000, 0);
        Optimizer.Run(block, b, verify: true);
        var ops = block.Ops.Where(o => o.Code != Opcode.InsnStart).ToList();
        Assert.Equal(2, ops.Count);
        Assert.Equal(Opcode.Mov, ops[0].Code);
        Assert.Equal(80u, block.Temps[ops[0].S0].Value);
        Assert.True(block.Temps[ops[0].S0].IsConst);
    }

    [Fact]
    public void PropagatesCopiesUntilTheSourceChanges()
    {
        var block = new IrBlock(0x1000);
        var b = new IrBuilder(block);
        int eax = IrBuilder.Global(GlobalSlot.Eax), ebx = IrBuilder.Global(GlobalSlot.Ebx);
        int copy = b.NewTemp();
        b.Mov(copy, eax);                    // copy = old eax
        b.Mov(eax, b.Const(7));              // eax changes: copy must keep the old value
        b.Mov(ebx, b.Add(copy, b.Const(1))); // ebx = old eax + 1
        b.Goto(0x2000, 0);
        Optimizer.Run(block, b, verify: true);
        var add = block.Ops.Single(o => o.Code == Opcode.Add);
        Assert.Equal(copy, add.S0);
        Assert.Contains(block.Ops, o => o.Code == Opcode.Mov && o.D0 == copy && o.S0 == eax);
    }

    [Fact]
    public void FoldsXorOfARegisterWithItself()
    {
        var block = new IrBlock(0x1000);
        var b = new IrBuilder(block);
        int eax = IrBuilder.Global(GlobalSlot.Eax);
        int x = b.NewTemp(), y = b.NewTemp();
        b.Mov(x, eax);
        b.Mov(y, eax);
        b.Mov(eax, b.Xor(x, y));
        b.Goto(0x2000, 0);
        Optimizer.Run(block, b, verify: true);
        var set = block.Ops.Single(o => o.Code == Opcode.Mov && o.D0 == eax);
        Assert.True(block.Temps[set.S0].IsConst);
        Assert.Equal(0u, block.Temps[set.S0].Value);
    }

    [Fact]
    public void ConstantBranchBecomesUnconditional()
    {
        var block = new IrBlock(0x1000);
        var b = new IrBuilder(block);
        int label = b.NewLabel();
        b.BrCond(Cond.LtU, b.Const(1), b.Const(2), label);
        b.Goto(0x2000, 1);
        b.Label(label);
        b.Goto(0x3000, 0);
        ConstantFolding.Run(block, b);
        Assert.Equal(Opcode.Br, block.Ops[0].Code);
    }

    [Theory]
    [InlineData(Opcode.Shl, 1u, 33u, 2u)]
    [InlineData(Opcode.Sar, 0x8000_0000u, 31u, 0xFFFF_FFFFu)]
    [InlineData(Opcode.Rotl, 0x8000_0001u, 1u, 3u)]
    [InlineData(Opcode.Ctz, 0u, 0u, 32u)]
    [InlineData(Opcode.Clz, 1u, 0u, 31u)]
    public void EvaluateMatchesTheIrSemantics(Opcode code, uint a, uint b, uint expected) =>
        Assert.Equal(expected, ConstantFolding.Evaluate(code, a, b));

    [Fact]
    public void DepositReplacesTheField() =>
        Assert.Equal(0x1234_AB78u, ConstantFolding.Deposit(0x1234_5678, 0xFFAB, 8 | 8 << 8));
}
