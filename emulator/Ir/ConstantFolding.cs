using System.Numerics;

namespace Hdbt.Ir;

/// <summary>
/// Forward pass: copy propagation and constant folding within each straight-line run of ops
/// (knowledge is dropped at every label, where control flow merges).
/// </summary>
public static class ConstantFolding
{
    public static void Run(IrBlock block, IrBuilder builder)
    {
        var ops = block.Ops;
        var temps = block.Temps;
        // copyOf[t] = temp whose value t currently equals (a const, global or local), or -1.
        var scratch = IrScratch.ForThisThread;
        var copyOf = scratch.Ints(IrScratch.IntsCopyOf, temps.Count * 2);
        Array.Fill(copyOf, -1);
        // The temps with a copy recorded (a stack in the thread's scratch: the pass allocates nothing).
        var active = scratch.Ints(IrScratch.IntsActive, temps.Count * 2);
        int activeCount = 0;

        int Rep(int t) => t >= 0 && t < copyOf.Length && copyOf[t] >= 0 ? copyOf[t] : t;

        void Kill(int t)
        {
            if (t < 0) return;
            if (t < copyOf.Length) copyOf[t] = -1;
            for (int i = activeCount - 1; i >= 0; i--)
            {
                int y = active[i];
                if (y == t) active[i] = active[--activeCount];
                else if (copyOf[y] == t) { copyOf[y] = -1; active[i] = active[--activeCount]; }
            }
        }

        void KillGlobals()
        {
            for (int g = 0; g < Guest.CpuState.GlobalSlotCount; g++) Kill(g);
        }

        void Reset()
        {
            for (int i = 0; i < activeCount; i++) copyOf[active[i]] = -1;
            activeCount = 0;
        }

        for (int i = 0; i < ops.Count; i++)
        {
            Op op = ops[i];
            if (op.Code == Opcode.Label) { Reset(); continue; }

            op.S0 = Rep(op.S0); op.S1 = Rep(op.S1); op.S2 = Rep(op.S2); op.S3 = Rep(op.S3);
            Fold(ref op, temps, builder);
            // Temps created by folding extend the table.
            if (copyOf.Length < temps.Count)
            {
                int old = copyOf.Length;
                Array.Resize(ref copyOf, temps.Count * 2);
                Array.Fill(copyOf, -1, old, copyOf.Length - old);
                Array.Resize(ref active, temps.Count * 2);
            }
            ops[i] = op;

            if (op.Code == Opcode.Call && (HelperTable.Get((HelperId)op.Imm).Effects & HelperEffects.WritesGlobals) != 0)
                KillGlobals();
            Kill(op.D0);
            Kill(op.D1);
            // Copies into globals are tracked too: a later read of the global (e.g. cc_dst by a jcc)
            // then reads the local directly, which lets dead code elimination drop the global store.
            if (op.Code == Opcode.Mov && op.D0 != op.S0 && temps[op.D0].Kind != TempKind.Const)
            {
                copyOf[op.D0] = op.S0;
                if (activeCount == active.Length) Array.Resize(ref active, active.Length * 2);
                active[activeCount++] = op.D0;
            }
        }
        RemoveUnreachable(ops);
    }

    /// <summary>
    /// A brcond folded to br leaves the ops after it unreachable up to the next label (typically the
    /// goto_tb of the branch not taken): they become nops, so that a br or an exit is always followed by
    /// a label, as <see cref="IrVerifier"/> checks and backends that build basic blocks assume.
    /// </summary>
    private static void RemoveUnreachable(List<Op> ops)
    {
        bool unreachable = false;
        for (int i = 0; i < ops.Count; i++)
        {
            Opcode c = ops[i].Code;
            if (c == Opcode.Label) unreachable = false;
            else if (unreachable) ops[i] = Op.Make(Opcode.Nop);
            else if (c is Opcode.Br or Opcode.Goto or Opcode.ExitIndirect or Opcode.ExitSyscall or Opcode.Raise or Opcode.ExitUnsupported)
                unreachable = true;
        }
    }

    private static void Fold(ref Op op, List<Temp> temps, IrBuilder b)
    {
        bool C(int t, out uint v)
        {
            if (t >= 0 && temps[t].Kind == TempKind.Const) { v = temps[t].Value; return true; }
            v = 0;
            return false;
        }

        void ToMov(ref Op o, int src) => o = Op.Make(Opcode.Mov, o.D0, src);
        void ToConst(ref Op o, uint v) => o = Op.Make(Opcode.Mov, o.D0, b.Const(v));

        bool c0 = C(op.S0, out uint a), c1 = C(op.S1, out uint v1);
        switch (op.Code)
        {
            case Opcode.Mov:
                if (op.D0 == op.S0) op = Op.Make(Opcode.Nop);
                return;
            case Opcode.Add or Opcode.Sub or Opcode.Mul or Opcode.And or Opcode.Or or Opcode.Xor
                or Opcode.Shl or Opcode.Shr or Opcode.Sar or Opcode.Rotl or Opcode.Rotr:
                if (c0 && c1) { ToConst(ref op, Evaluate(op.Code, a, v1)); return; }
                if (c1)
                {
                    if (v1 == 0 && op.Code is Opcode.Add or Opcode.Sub or Opcode.Or or Opcode.Xor or Opcode.Shl
                        or Opcode.Shr or Opcode.Sar or Opcode.Rotl or Opcode.Rotr) { ToMov(ref op, op.S0); return; }
                    if (v1 == 0 && op.Code is Opcode.And or Opcode.Mul) { ToConst(ref op, 0); return; }
                    if (v1 == 0xFFFF_FFFF && op.Code == Opcode.And) { ToMov(ref op, op.S0); return; }
                    if (v1 == 1 && op.Code == Opcode.Mul) { ToMov(ref op, op.S0); return; }
                }
                if (c0 && a == 0 && op.Code is Opcode.Add or Opcode.Or or Opcode.Xor) { ToMov(ref op, op.S1); return; }
                if (op.S0 == op.S1 && op.Code is Opcode.Xor or Opcode.Sub) { ToConst(ref op, 0); return; }
                if (op.S0 == op.S1 && op.Code is Opcode.And or Opcode.Or) { ToMov(ref op, op.S0); return; }
                return;
            case Opcode.Neg or Opcode.Not or Opcode.Ext8S or Opcode.Ext8U or Opcode.Ext16S or Opcode.Ext16U
                or Opcode.Bswap or Opcode.Clz or Opcode.Ctz:
                if (c0) ToConst(ref op, Evaluate(op.Code, a, 0));
                return;
            case Opcode.Deposit:
                if (c0 && c1) ToConst(ref op, Deposit(a, v1, op.Imm));
                return;
            case Opcode.SetCond:
                if (c0 && c1) ToConst(ref op, op.Cond.Evaluate(a, v1) ? 1u : 0u);
                return;
            case Opcode.Select:
                if (c0) ToMov(ref op, a != 0 ? op.S1 : op.S2);
                else if (op.S1 == op.S2) ToMov(ref op, op.S1);
                return;
            case Opcode.BrCond:
                if ((c0 && c1) || op.Cond is Cond.Always or Cond.Never)
                    op = op.Cond.Evaluate(a, v1) ? Op.Make(Opcode.Br, imm: op.Imm) : Op.Make(Opcode.Nop);
                return;
            case Opcode.Call when (HelperId)op.Imm is HelperId.ComputeEflags or HelperId.ComputeCarry:
                if (c0 && c1 && C(op.S2, out uint v2) && C(op.S3, out uint v3))
                    ToConst(ref op, (HelperId)op.Imm == HelperId.ComputeEflags
                        ? Guest.LazyFlags.Compute(a, v1, v2, v3) : Guest.LazyFlags.ComputeCarry(a, v1, v2, v3));
                return;
        }
    }

    /// <summary>The value of a unary or binary op on constants (the IR's reference semantics).</summary>
    public static uint Evaluate(Opcode code, uint a, uint b) => code switch
    {
        Opcode.Add => a + b,
        Opcode.Sub => a - b,
        Opcode.Mul => a * b,
        Opcode.And => a & b,
        Opcode.Or => a | b,
        Opcode.Xor => a ^ b,
        Opcode.Shl => a << (int)(b & 31),
        Opcode.Shr => a >> (int)(b & 31),
        Opcode.Sar => (uint)((int)a >> (int)(b & 31)),
        Opcode.Rotl => BitOperations.RotateLeft(a, (int)(b & 31)),
        Opcode.Rotr => BitOperations.RotateRight(a, (int)(b & 31)),
        Opcode.Neg => 0 - a,
        Opcode.Not => ~a,
        Opcode.Ext8S => (uint)(sbyte)a,
        Opcode.Ext8U => a & 0xFF,
        Opcode.Ext16S => (uint)(short)a,
        Opcode.Ext16U => a & 0xFFFF,
        Opcode.Bswap => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(a),
        Opcode.Clz => (uint)BitOperations.LeadingZeroCount(a),
        Opcode.Ctz => a == 0 ? 32u : (uint)BitOperations.TrailingZeroCount(a),
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "not a pure arithmetic op"),
    };

    /// <summary>Reference semantics of <see cref="Opcode.Deposit"/>.</summary>
    public static uint Deposit(uint baseValue, uint field, uint imm)
    {
        int pos = (int)(imm & 0xFF), len = (int)(imm >> 8);
        uint mask = (len >= 32 ? 0xFFFF_FFFFu : (1u << len) - 1) << pos;
        return (baseValue & ~mask) | ((field << pos) & mask);
    }
}
