using System.Runtime.InteropServices;
using Hdbt.Guest;
using Hdbt.Ir;

namespace Hdbt.Interp;

/// <summary>
/// A translated block ready for the interpreter: its ops with operands resolved to pointers
/// into the CpuState (globals) or into this block's own native frame (locals and constants).
/// </summary>
public sealed unsafe class InterpBlock : IDisposable
{
    private uint* _frame;
    private InterpOp* _ops;

    public InterpBlock(IrBlock ir, CpuState* cpu)
    {
        GuestPc = ir.GuestPc;
        GuestEnd = ir.GuestEnd;
        InsnCount = ir.InsnCount;
        OpCount = ir.Ops.Count;
        var temps = ir.Temps;
        _frame = (uint*)NativeMemory.AllocZeroed((nuint)Math.Max(1, temps.Count), sizeof(uint));
        for (int t = 0; t < temps.Count; t++)
            if (temps[t].Kind == TempKind.Const) _frame[t] = temps[t].Value;

        var labelAt = new int[ir.LabelCount];
        for (int i = 0; i < ir.Ops.Count; i++)
            if (ir.Ops[i].Code == Opcode.Label) labelAt[ir.Ops[i].Imm] = i;

        _ops = (InterpOp*)NativeMemory.AllocZeroed((nuint)Math.Max(1, ir.Ops.Count), (nuint)sizeof(InterpOp));
        uint* Ptr(int t) => t < 0 ? null : temps[t].Kind == TempKind.Global ? (uint*)cpu + temps[t].Value : _frame + t;
        for (int i = 0; i < ir.Ops.Count; i++)
        {
            Op op = ir.Ops[i];
            _ops[i] = new InterpOp
            {
                Code = op.Code, Cond = op.Cond, Mem = op.Mem, Slot = op.Slot, Imm = op.Imm,
                Target = op.Code is Opcode.Br or Opcode.BrCond ? labelAt[op.Imm] : -1,
                D0 = Ptr(op.D0), D1 = Ptr(op.D1), S0 = Ptr(op.S0), S1 = Ptr(op.S1), S2 = Ptr(op.S2), S3 = Ptr(op.S3),
            };
        }
    }

    public uint GuestPc { get; }
    public uint GuestEnd { get; }
    public int InsnCount { get; }
    public int OpCount { get; }
    public InterpOp* Ops => _ops;

    /// <summary>Cleared when a guest write invalidates the code this block came from.</summary>
    public bool Valid { get; set; } = true;

    /// <summary>Times this block was entered.</summary>
    public long ExecCount;

    /// <summary>Successors by chaining slot, filled in lazily by the dispatcher.</summary>
    public InterpBlock? Next0, Next1;

    public void Dispose()
    {
        if (_ops != null) { NativeMemory.Free(_ops); _ops = null; }
        if (_frame != null) { NativeMemory.Free(_frame); _frame = null; }
    }
}
