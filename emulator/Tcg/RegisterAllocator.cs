using Hdbt.Guest;
using Hdbt.Ir;
using Iced.Intel;

namespace Hdbt.Tcg;

/// <summary>
/// Gives every temp of a block its home: constants are immediates, guest general registers their
/// pinned host registers, other globals their CpuState field, and locals a host register from
/// <see cref="HostRegs.LocalPool"/> (linear scan over live ranges) or a spill slot.
/// </summary>
/// <remarks>
/// A local's live range is [first reference, last reference] in op order, widened to the end of every
/// loop (a backward branch: rep loops, a trace's loop) it is defined before and read in. A
/// local live across a helper call goes to a spill slot (the pool registers are caller-saved).
/// </remarks>
public sealed class RegisterAllocator
{
    // Working arrays, grown to the largest block seen and reused (a code generator has one allocator).
    private Loc[] _loc = [];
    private int[] _start = [], _end = [], _labelAt = [], _calls = [], _regFreeAt = new int[HostRegs.LocalPool.Length], _slotFreeAt = new int[Frame.SpillSlots];
    private long[] _order = [];

    /// <summary>The home of every temp of <paramref name="block"/>, indexed by temp: the allocator's own array, valid until its next call (and longer than the block's temps).</summary>
    public Loc[] Allocate(IrBlock block)
    {
        var temps = block.Temps;
        var ops = block.Ops;
        int n = temps.Count;
        var loc = Grow(ref _loc, n);
        var start = Grow(ref _start, n);
        var end = Grow(ref _end, n);
        Array.Fill(start, int.MaxValue, 0, n);
        Array.Fill(end, -1, 0, n);
        for (int t = 0; t < n; t++)
        {
            var temp = temps[t];
            loc[t] = temp.Kind switch
            {
                TempKind.Const => Loc.Const(temp.Value),
                TempKind.Global => temp.Value < 8 ? Loc.InReg(HostRegs.Pinned[temp.Value]) : Loc.InMem(HostRegs.Cpu, (int)temp.Value * 4),
                _ => default,
            };
        }

        var labelAt = Grow(ref _labelAt, block.LabelCount);
        int callCount = 0;
        for (int i = 0; i < ops.Count; i++)
        {
            Op op = ops[i];
            if (op.Code == Opcode.Label) labelAt[op.Imm] = i;
            if (op.Code == Opcode.Call) Grow(ref _calls, callCount + 1)[callCount++] = i;
            Touch(start, end, op.D0, i); Touch(start, end, op.D1, i);
            Touch(start, end, op.S0, i); Touch(start, end, op.S1, i); Touch(start, end, op.S2, i); Touch(start, end, op.S3, i);
        }
        var calls = _calls.AsSpan(0, callCount);

        // Widen ranges over backward branches until nothing changes (nested loops). Only a local defined before the
        // loop and read inside it is live across the back edge: one first referenced inside the loop is written before
        // it is read on every path from the block's start (an IR rule the verifier checks), so each iteration makes it
        // afresh. Widening those too kept every local of a trace (a loop back to its head) live through the whole
        // trace, which left three registers for all of them.
        for (bool changed = true; changed;)
        {
            changed = false;
            for (int i = 0; i < ops.Count; i++)
            {
                Op op = ops[i];
                if (op.Code is not (Opcode.Br or Opcode.BrCond)) continue;
                int l = labelAt[op.Imm];
                if (l >= i) continue;
                for (int t = CpuState.GlobalSlotCount; t < n; t++)
                {
                    if (temps[t].Kind != TempKind.Local || end[t] < l || start[t] >= l) continue;
                    if (end[t] < i) { end[t] = i; changed = true; }
                }
            }
        }

        // Locals in order of their first reference (ties by temp number): a sort of (start, temp) keys.
        int count = 0;
        var order = Grow(ref _order, n);
        for (int t = CpuState.GlobalSlotCount; t < n; t++)
            if (temps[t].Kind == TempKind.Local && end[t] >= 0) order[count++] = (long)start[t] << 32 | (uint)t;
        Array.Sort(order, 0, count);

        var regFreeAt = _regFreeAt;
        Array.Fill(regFreeAt, -1);
        int slotsUsed = 0;
        var slotFreeAt = _slotFreeAt;
        for (int k = 0; k < count; k++)
        {
            int t = (int)(uint)order[k];
            bool acrossCall = false;
            foreach (int c in calls)
                if (c > start[t] && c < end[t]) { acrossCall = true; break; }
            int reg = -1;
            if (!acrossCall)
                for (int r = 0; r < regFreeAt.Length; r++)
                    if (regFreeAt[r] < start[t]) { reg = r; break; }
            if (reg >= 0)
            {
                regFreeAt[reg] = end[t];
                loc[t] = Loc.InReg(HostRegs.LocalPool[reg]);
                continue;
            }
            int slot = -1;
            for (int s = 0; s < slotsUsed; s++)
                if (slotFreeAt[s] < start[t]) { slot = s; break; }
            if (slot < 0)
            {
                if (slotsUsed == Frame.SpillSlots) throw new InvalidOperationException("tcg: block needs more spill slots than the frame has");
                slot = slotsUsed++;
            }
            slotFreeAt[slot] = end[t];
            loc[t] = Loc.InMem(Register.RSP, Frame.Spill + 4 * slot);
        }
        return loc;
    }

    private static void Touch(int[] start, int[] end, int t, int i)
    {
        if (t < 0) return;
        if (i < start[t]) start[t] = i;
        if (i > end[t]) end[t] = i;
    }

    /// <summary>The array, made at least <paramref name="length"/> long (keeping what it holds: the call list grows while it is filled).</summary>
    private static T[] Grow<T>(ref T[] array, int length)
    {
        if (array.Length < length) Array.Resize(ref array, Math.Max(length, array.Length * 2));
        return array;
    }
}
