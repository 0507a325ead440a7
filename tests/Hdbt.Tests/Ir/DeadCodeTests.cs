using Hdbt.Guest;
using Hdbt.Ir;
using Hdbt.Helpers;

namespace Hdbt.Tests.Ir;

/// <summary>Dead code and dead flag elimination.</summary>
public sealed class DeadCodeTests
{
    private static int CountWrites(IrBlock block, GlobalSlot g) => block.Ops.Count(o => o.D0 == (int)g);

    [Fact]
    public void OverwrittenFlagStoresAreRemoved()
    {
        var block = new IrBlock(0x1000);
        var b = new IrBuilder(block);
        int ccop = IrBuilder.Global(GlobalSlot.CcOp), ccdst = IrBuilder.Global(GlobalSlot.CcDst);
        b.Mov(ccop, b.Const((uint)CcOp.AddL));
        b.Mov(ccdst, IrBuilder.Global(GlobalSlot.Eax));
        b.Mov(ccop, b.Const((uint)CcOp.SubL));
        b.Mov(ccdst, IrBuilder.Global(GlobalSlot.Ebx));
        b.Goto(0x2000, 0);
        Optimizer.Run(block, b, verify: true);
        Assert.Equal(1, CountWrites(block, GlobalSlot.CcOp));
        Assert.Equal(1, CountWrites(block, GlobalSlot.CcDst));
    }

    [Fact]
    public void FlagStoresReadByAHelperStay()
    {
        var block = new IrBlock(0x1000);
        var b = new IrBuilder(block);
        int ccop = IrBuilder.Global(GlobalSlot.CcOp);
        b.Mov(ccop, b.Const((uint)CcOp.AddL));
        b.Call(HelperId.Cpuid); // reads globals
        b.Mov(ccop, b.Const((uint)CcOp.SubL));
        b.Goto(0x2000, 0);
        Optimizer.Run(block, b, verify: true);
        Assert.Equal(2, CountWrites(block, GlobalSlot.CcOp));
    }

    [Fact]
    public void UnusedLocalsAreRemovedButLoadsStay()
    {
        var block = new IrBlock(0x1000);
        var b = new IrBuilder(block);
        b.InsnStart(0x1000); // the load may fault: it needs a pc
        b.Add(IrBuilder.Global(GlobalSlot.Eax), b.Const(1)); // result unused
        b.Load(MemOp.U32, IrBuilder.Global(GlobalSlot.Esi)); // may fault: kept
        b.Goto(0x2000, 0);
        Optimizer.Run(block, b, verify: true);
        Assert.DoesNotContain(block.Ops, o => o.Code == Opcode.Add);
        Assert.Contains(block.Ops, o => o.Code == Opcode.Load);
    }

    [Fact]
    public void ValuesLiveAcrossABackwardBranchAreKept()
    {
        // t = eax; L: ebx = t; if (ebx != 0) goto L (a loop reading t every iteration)
        var block = new IrBlock(0x1000);
        var b = new IrBuilder(block);
        int t = b.NewTemp();
        b.Mov(t, IrBuilder.Global(GlobalSlot.Eax));
        int top = b.NewLabel();
        b.Label(top);
        b.Mov(IrBuilder.Global(GlobalSlot.Ebx), t);
        b.Mov(t, b.Sub(t, b.Const(1)));
        b.BrCond(Cond.Ne, t, b.Const(0), top);
        b.Goto(0x2000, 0);
        DeadCode.Run(block);
        block.Compact();
        Assert.Contains(block.Ops, o => o.Code == Opcode.Mov && o.D0 == t && o.S0 == (int)GlobalSlot.Eax);
        Assert.Contains(block.Ops, o => o.Code == Opcode.Sub);
    }

    /// <summary>
    /// mov ecx,[esp+4]; inc dword [edx]; dec ecx: the store may rewrite this very block, which is then
    /// left at the next instruction, so the first write of ecx must survive although dec overwrites it.
    /// </summary>
    [Fact]
    public void GlobalWritesStayLiveAtSelfModifyingCodeExits()
    {
        var block = new IrBlock(0x1000);
        var b = new IrBuilder(block);
        int ecx = IrBuilder.Global(GlobalSlot.Ecx), edx = IrBuilder.Global(GlobalSlot.Edx);
        b.InsnStart(0x1000);
        b.Mov(ecx, b.Load(MemOp.U32, IrBuilder.Global(GlobalSlot.Esp)));
        b.InsnStart(0x1004);
        b.Store(MemOp.U32, b.Add(b.Load(MemOp.U32, edx), b.Const(1)), edx);
        b.InsnStart(0x1006);
        b.Mov(ecx, b.Sub(ecx, b.Const(1)));
        b.Goto(0x2000, 0);
        Optimizer.Run(block, b, verify: true);
        Assert.Equal(2, CountWrites(block, GlobalSlot.Ecx));
        // The store's insn_start is no exit point: without the store the early write is dead.
        int firstWrite = block.Ops.FindIndex(o => o.D0 == ecx);
        int storeAt = block.Ops.FindIndex(o => o.Code == Opcode.Store);
        Assert.True(firstWrite < storeAt);
    }
}
