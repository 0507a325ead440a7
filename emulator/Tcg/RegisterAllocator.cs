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
/// A local's live range is [first reference, last reference] in op order, widened over every
/// backward branch it overlaps (rep loops), which is exact enough for blocks and always safe. A
/// local live across a helper call goes to a spill slot (the pool registers are caller-saved).
/// </remarks>
public static class RegisterAllocator
{
    public static Loc[] Allocate(IrBlock block)
    {
        var temps = block.Temps;
        var ops = block.Ops;
        int n = temps.Count;
        var loc = new Loc[n];
        var start = new int[n];
        var end = new int[n];
        Array.Fill(start, int.MaxValue);
        Array.Fill(end, -1);
        for (int t = 0; t < n; t++)
        {
            var temp = temps[t];
            if (temp.Kind == TempKind.Const) loc[t] = Loc.Const(temp.Value);
            else if (temp.Kind == TempKind.Global)
                loc[t] = temp.Value < 8 ? Loc.InReg(HostRegs.Pinned[temp.Value]) : Loc.InMem(HostRegs.Cpu, (int)temp.Value * 4);
        }

        var labelAt = new int[block.LabelCount];
        var calls = new List<int>();
        for (int i = 0; i < ops.Count; i++)
        {
            Op op = ops[i];
            if (op.Code == Opcode.Label) labelAt[op.Imm] = i;
            if (op.Code == Opcode.Call) calls.Add(i);
            Touch(op.D0, i); Touch(op.D1, i); Touch(op.S0, i); Touch(op.S1, i); Touch(op.S2, i); Touch(op.S3, i);
        }

        // Widen ranges over backward branches until nothing changes (nested loops).
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
                    if (temps[t].Kind != TempKind.Local || end[t] < l || start[t] > i) continue;
                    if (start[t] > l) { start[t] = l; changed = true; }
                    if (end[t] < i) { end[t] = i; changed = true; }
                }
            }
        }

        var order = new List<int>();
        for (int t = CpuState.GlobalSlotCount; t < n; t++)
            if (temps[t].Kind == TempKind.Local && end[t] >= 0) order.Add(t);
        order.Sort((x, y) => start[x].CompareTo(start[y]));

        var regFreeAt = new int[HostRegs.LocalPool.Length];
        Array.Fill(regFreeAt, -1);
        var slotFreeAt = new List<int>();
        foreach (int t in order)
        {
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
            for (int s = 0; s < slotFreeAt.Count; s++)
                if (slotFreeAt[s] < start[t]) { slot = s; break; }
            if (slot < 0)
            {
                slot = slotFreeAt.Count;
                if (slot >= Frame.SpillSlots) throw new InvalidOperationException("tcg: block needs more spill slots than the frame has");
                slotFreeAt.Add(0);
            }
            slotFreeAt[slot] = end[t];
            loc[t] = Loc.InMem(Register.RSP, Frame.Spill + 4 * slot);
        }
        return loc;

        void Touch(int t, int i)
        {
            if (t < 0) return;
            if (i < start[t]) start[t] = i;
            if (i > end[t]) end[t] = i;
        }
    }
}
