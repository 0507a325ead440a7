using System.Runtime.InteropServices;
using Hdbt.Guest;
using Hdbt.Ir;
using Hdbt.Backend;
using Hdbt.Helpers;

namespace Hdbt.Interp;

/// <summary>
/// A translated block ready for the interpreter: its ops with operands resolved to pointers
/// into the CpuState (globals) or into this block's own native frame (locals and constants).
/// </summary>
public sealed unsafe class InterpBlock : TranslatedUnit, IDisposable
{
    private uint* _frame;
    private InterpOp* _ops;

    /// <param name="ir">The block's optimized IR.</param>
    /// <param name="cpu">The CpuState its globals live in.</param>
    /// <param name="hotAt">The entry that makes it hot (the profile threshold; 0: never).</param>
    /// <param name="id">Its index in the backend's list.</param>
    public InterpBlock(IrBlock ir, CpuState* cpu, long hotAt, int id)
        : base(ir.IsTrace ? UnitKind.Trace : UnitKind.Block, ir.GuestPc, ir.GuestEnd, ir.InsnCount, ir.IsTrace ? [.. ir.TraceBlocks] : null, ir.SlotCount)
    {
        Id = id;
        HotAt = hotAt > 0 ? hotAt : long.MaxValue;
        var temps = ir.Temps;
        _frame = (uint*)NativeMemory.AllocZeroed((nuint)Math.Max(1, temps.Count), sizeof(uint));
        for (int t = 0; t < temps.Count; t++)
            if (temps[t].Kind == TempKind.Const) _frame[t] = temps[t].Value;

        var ops = ir.Ops;
        var keep = KeptOps(ops);
        // Prepared index of each IR op (labels: of the next kept op), so branches can be resolved.
        var preparedIndex = new int[ops.Count + 1];
        int count = 0;
        for (int i = 0; i < ops.Count; i++)
        {
            preparedIndex[i] = count;
            if (keep[i]) count++;
        }
        preparedIndex[ops.Count] = count;
        var labelAt = new int[ir.LabelCount];
        for (int i = 0; i < ops.Count; i++)
            if (ops[i].Code == Opcode.Label) labelAt[ops[i].Imm] = preparedIndex[i];

        OpCount = count;
        _ops = (InterpOp*)NativeMemory.AllocZeroed((nuint)Math.Max(1, count), (nuint)sizeof(InterpOp));
        uint* Ptr(int t) => t < 0 ? null : temps[t].Kind == TempKind.Global ? (uint*)cpu + temps[t].Value : _frame + t;
        uint pc = ir.GuestPc;
        for (int i = 0, k = 0; i < ops.Count; i++)
        {
            Op op = ops[i];
            if (op.Code == Opcode.InsnStart) pc = op.Imm;
            // Loads and stores carry their instruction's pc themselves (the pc a fault reports).
            if (op.Code is Opcode.Load or Opcode.Store) op.Imm = pc;
            if (!keep[i]) continue;
            _ops[k++] = new InterpOp
            {
                Code = Specialize(op), Slot = op.Slot,
                Imm = op.Code == Opcode.SetCond ? (op.Cond == Cond.Always ? 1u : 0u) : op.Imm,
                // The interpreter steps past the op a branch lands on, so a target is "one before" the label.
                Target = op.Code is Opcode.Br or Opcode.BrCond ? labelAt[op.Imm] - 1 : -1,
                D0 = Ptr(op.D0), D1 = Ptr(op.D1), S0 = Ptr(op.S0), S1 = Ptr(op.S1), S2 = Ptr(op.S2), S3 = Ptr(op.S3),
                Helper = op.Code == Opcode.Call ? HelperImplementations.Get((HelperId)op.Imm) : null,
            };
        }
    }

    /// <summary>
    /// Which IR ops the interpreter needs. Labels and nops go. An insn_start costs a dispatch, so it
    /// stays only where it is read: before an instruction with a faulting helper or a raise (its pc is
    /// the one reported; loads and stores carry their pc themselves), and after an instruction that
    /// stores (the point where a store into this block's own code is noticed and execution leaves
    /// for a fresh translation).
    /// </summary>
    private static bool[] KeptOps(List<Op> ops)
    {
        var keep = new bool[ops.Count];
        int insnStart = -1;
        bool previousStored = false, stores = false;
        for (int i = 0; i < ops.Count; i++)
        {
            Op op = ops[i];
            switch (op.Code)
            {
                case Opcode.Label or Opcode.Nop:
                    continue;
                case Opcode.InsnStart:
                    previousStored = stores;
                    stores = false;
                    insnStart = i;
                    keep[i] = previousStored;
                    continue;
                case Opcode.Raise:
                    if (insnStart >= 0) keep[insnStart] = true;
                    break;
                case Opcode.Call when (HelperTable.Get((HelperId)op.Imm).Effects & HelperEffects.CanFault) != 0:
                    if (insnStart >= 0) keep[insnStart] = true;
                    stores |= SmcExitPoints.WritesMemory(op);
                    break;
                case Opcode.Store or Opcode.Call:
                    stores |= SmcExitPoints.WritesMemory(op);
                    break;
            }
            keep[i] = true;
        }
        return keep;
    }

    /// <summary>The interpreter opcode for an IR op: size and condition variants become opcodes of their own.</summary>
    private static InterpCode Specialize(in Op op) => op.Code switch
    {
        Opcode.Load => op.Mem switch
        {
            MemOp.U8 => InterpCode.LdU8,
            MemOp.S8 => InterpCode.LdS8,
            MemOp.U16 => InterpCode.LdU16,
            MemOp.S16 => InterpCode.LdS16,
            _ => InterpCode.LdU32,
        },
        Opcode.Store => op.Mem.Bytes() switch { 1 => InterpCode.St8, 2 => InterpCode.St16, _ => InterpCode.St32 },
        Opcode.BrCond => op.Cond switch
        {
            Cond.Always => InterpCode.Br,
            Cond.Never => InterpCode.Nop,
            _ => InterpCode.BrEq + (op.Cond - Cond.Eq),
        },
        Opcode.SetCond => op.Cond switch
        {
            Cond.Always or Cond.Never => InterpCode.MovImm,
            _ => InterpCode.SetEq + (op.Cond - Cond.Eq),
        },
        Opcode.Label => InterpCode.Nop,
        Opcode.Nop => InterpCode.Nop,
        _ => s_direct[(int)op.Code],
    };

    /// <summary>IR opcodes that have an interpreter opcode of the same name.</summary>
    private static readonly InterpCode[] s_direct = Enum.GetValues<Opcode>()
        .Select(o => Enum.TryParse<InterpCode>(o.ToString(), out var c) ? c : InterpCode.Nop).ToArray();

    public int OpCount { get; }
    public InterpOp* Ops => _ops;

    /// <summary>Times this block was entered, the hot entry included (the interpreter counts them).</summary>
    public long ExecCount;

    /// <summary>The value of <see cref="ExecCount"/> at which the block takes its hot exit (once: the count goes on past it).</summary>
    public readonly long HotAt;

    public override long Entries => ExecCount - (Hot ? 1 : 0);

    public void Dispose()
    {
        if (_ops != null) { NativeMemory.Free(_ops); _ops = null; }
        if (_frame != null) { NativeMemory.Free(_frame); _frame = null; }
    }
}
