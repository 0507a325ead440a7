using Hdbt.Guest;
using Hdbt.Ir;

namespace Hdbt.Tests.Ir;

/// <summary>
/// <see cref="TraceBuilder"/> on hand-built blocks: the recorded exits go on inside the trace, a loop back to the
/// head stays inside, other exits leave (direct ones through the jump cache), indirect exits get their inline check,
/// locals and labels are renumbered, and every trace passes the IR verifier.
/// </summary>
public sealed class TraceBuilderTests
{
    private const uint A = 0x0804_9000, B = 0x0804_9010, C = 0x0804_9020, Side = 0x0804_9f00;

    private static int Eax => IrBuilder.Global(GlobalSlot.Eax);
    private static int Eip => IrBuilder.Global(GlobalSlot.Eip);

    /// <summary>A block at <paramref name="pc"/> (16 bytes, one instruction): eax += a local, then what <paramref name="exit"/> emits.</summary>
    private static IrBlock Block(uint pc, Action<IrBuilder> exit)
    {
        var block = new IrBlock(pc) { GuestEnd = pc + 16, InsnCount = 1 };
        var b = new IrBuilder(block);
        b.InsnStart(pc);
        int t = b.Add(Eax, b.Const(pc & 0xFF));
        b.Mov(Eax, t);
        exit(b);
        IrVerifier.Verify(block, "test block");
        return block;
    }

    /// <summary>brcond eax &lt; 100 to the taken pc (slot 0), else the other (slot 1): a conditional jump's shape.</summary>
    private static Action<IrBuilder> Conditional(uint taken, uint notTaken) => b =>
    {
        int l = b.NewLabel();
        b.BrCond(Cond.LtU, Eax, b.Const(100), l);
        b.Goto(notTaken, 1);
        b.Label(l);
        b.Goto(taken, 0);
    };

    private static List<Op> Ops(IrBlock trace) => [.. trace.Ops.Where(o => o.Code != Opcode.Nop)];

    [Fact]
    public void A_loop_of_one_block_branches_back_to_its_start_and_leaves_by_the_other_edge()
    {
        var t = new TraceBuilder();
        t.Begin(A);
        t.Append(Block(A, Conditional(taken: A, notTaken: Side)), successor: A);
        var trace = t.Finish();
        IrVerifier.Verify(trace, "test trace");
        var ops = Ops(trace);
        Assert.True(trace.IsTrace);
        Assert.Equal(Opcode.Label, ops[0].Code);
        // The back edge: a branch to the head label, as the last op.
        Assert.Equal(Opcode.Br, ops[^1].Code);
        Assert.Equal(ops[0].Imm, ops[^1].Imm);
        // The side exit keeps its goto, with a chaining slot of the trace's own.
        var side = Assert.Single(ops, o => o.Code == Opcode.Goto);
        Assert.Equal(Side, side.Imm);
        Assert.Equal(0, side.Slot);
        Assert.Equal(1, trace.SlotCount);
        Assert.Equal(1, t.Exits);
        Assert.Equal([(A, A + 16, 1)], t.Path);
    }

    [Fact]
    public void Blocks_follow_each_other_without_a_branch_where_the_recorded_exit_is_last()
    {
        var t = new TraceBuilder();
        t.Begin(A);
        t.Append(Block(A, b => b.Goto(B, 0)), successor: B);
        t.Append(Block(B, Conditional(taken: A, notTaken: Side)), successor: A);
        var trace = t.Finish();
        IrVerifier.Verify(trace, "test trace");
        var ops = Ops(trace);
        // Only the head's label and the conditional's own: the fall-through into B needs none.
        Assert.Equal(2, ops.Count(o => o.Code == Opcode.Label));
        Assert.Equal([A, B], ops.Where(o => o.Code == Opcode.InsnStart).Select(o => o.Imm));
        Assert.Equal(2, trace.InsnCount);
        Assert.Equal([(A, A + 16), (B, B + 16)], trace.TraceBlocks);
        Assert.Equal(B + 16, trace.GuestEnd);
        // Each block's local got a temp of its own.
        var locals = ops.Where(o => o.Code == Opcode.Add).Select(o => o.D0).ToList();
        Assert.Equal(2, locals.Distinct().Count());
    }

    [Fact]
    public void The_not_taken_edge_on_the_path_becomes_a_branch_to_the_next_block()
    {
        var t = new TraceBuilder();
        t.Begin(A);
        // Recorded: A fell through (not taken, slot 1) to B; the taken edge goes to Side.
        t.Append(Block(A, Conditional(taken: Side, notTaken: B)), successor: B);
        t.Append(Block(B, b => b.Goto(A, 0)), successor: A);
        var trace = t.Finish();
        IrVerifier.Verify(trace, "test trace");
        var ops = Ops(trace);
        int br = ops.FindIndex(o => o.Code == Opcode.Br);
        int next = ops.FindIndex(o => o.Code == Opcode.InsnStart && o.Imm == B);
        Assert.Equal(Opcode.Label, ops[next - 1].Code);
        Assert.Equal(ops[next - 1].Imm, ops[br].Imm);
        Assert.Equal(1, t.Exits);
    }

    [Fact]
    public void An_indirect_exit_is_checked_inline_against_the_recorded_target()
    {
        var t = new TraceBuilder();
        t.Begin(A);
        t.Append(Block(A, b => { b.Mov(Eip, b.Const(B)); b.ExitIndirect(); }), successor: B);
        t.Append(Block(B, b => b.Goto(A, 0)), successor: A);
        var trace = t.Finish();
        IrVerifier.Verify(trace, "test trace");
        var ops = Ops(trace);
        int check = ops.FindIndex(o => o.Code == Opcode.BrCond);
        Assert.Equal(Cond.Eq, ops[check].Cond);
        Assert.Equal(Eip, ops[check].S0);
        Assert.Equal(B, trace.Temps[ops[check].S1].Value);
        Assert.Equal(Opcode.ExitIndirect, ops[check + 1].Code);
        Assert.Equal(1, t.IndirectChecks);
        Assert.Equal(1, t.Exits);
    }

    [Fact]
    public void A_trace_that_is_not_a_loop_ends_in_one_linkable_exit_to_where_the_path_went()
    {
        var t = new TraceBuilder();
        t.Begin(A);
        t.Append(Block(A, b => b.Goto(B, 0)), successor: B);
        t.Append(Block(B, b => b.Goto(C, 0)), successor: C);
        var trace = t.Finish();
        IrVerifier.Verify(trace, "test trace");
        var ops = Ops(trace);
        Assert.Single(ops, o => o.Code == Opcode.Goto);
        Assert.Equal(Opcode.Goto, ops[^1].Code);
        Assert.Equal(C, ops[^1].Imm);
        Assert.Equal(0, ops[^1].Slot);
        Assert.Equal(1, t.Exits);
    }

    /// <summary>Past the 15 slots a trace gives side exits (its end keeps one), side exits leave through the jump cache.</summary>
    [Fact]
    public void Side_exits_past_the_slots_leave_through_the_jump_cache()
    {
        var t = new TraceBuilder();
        t.Begin(A);
        uint pc = A;
        for (int i = 0; i < 17; i++)
        {
            uint next = pc + 16;
            t.Append(Block(pc, Conditional(taken: next, notTaken: Side + (uint)i)), successor: next);
            pc = next;
        }
        var trace = t.Finish();
        IrVerifier.Verify(trace, "test trace");
        var ops = Ops(trace);
        var gotos = ops.Where(o => o.Code == Opcode.Goto).ToList();
        Assert.Equal(IrBlock.MaxSlots, gotos.Count);
        Assert.Equal(Enumerable.Range(0, IrBlock.MaxSlots), gotos.Select(g => (int)g.Slot));
        Assert.Equal(IrBlock.MaxSlots, trace.SlotCount);
        Assert.Equal(2, ops.Count(o => o.Code == Opcode.ExitIndirect));
        Assert.Equal(18, t.Exits);
    }

    [Fact]
    public void The_first_block_must_be_the_head()
    {
        var t = new TraceBuilder();
        t.Begin(A);
        Assert.Throws<ArgumentException>(() => t.Append(Block(B, b => b.Goto(A, 0)), successor: A));
        Assert.Throws<InvalidOperationException>(t.Finish);
    }
}
