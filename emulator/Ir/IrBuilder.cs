using Hdbt.Guest;

namespace Hdbt.Ir;

/// <summary>Appends ops and creates temps for one <see cref="IrBlock"/>.</summary>
public sealed class IrBuilder(IrBlock block)
{
    private readonly Dictionary<uint, int> _constants = [];

    public IrBlock Block { get; } = block;

    /// <summary>Starts <see cref="Block"/> afresh at <paramref name="guestPc"/> (<see cref="IrBlock.Reset"/>), forgetting its constants.</summary>
    public void Reset(uint guestPc)
    {
        Block.Reset(guestPc);
        _constants.Clear();
    }

    /// <summary>The temp of a global slot.</summary>
    public static int Global(GlobalSlot slot) => (int)slot;

    /// <summary>A new block-local temp.</summary>
    public int NewTemp()
    {
        Block.Temps.Add(new Temp(TempKind.Local, 0));
        return Block.Temps.Count - 1;
    }

    /// <summary>The (shared) temp for a constant.</summary>
    public int Const(uint value)
    {
        if (_constants.TryGetValue(value, out int t)) return t;
        Block.Temps.Add(new Temp(TempKind.Const, value));
        t = Block.Temps.Count - 1;
        _constants[value] = t;
        return t;
    }

    public int Const(int value) => Const((uint)value);

    public int NewLabel() => Block.LabelCount++;

    public void Emit(Op op) => Block.Ops.Add(op);

    public void InsnStart(uint pc) => Emit(Op.Make(Opcode.InsnStart, imm: pc));

    public void Mov(int d, int s) { if (d != s) Emit(Op.Make(Opcode.Mov, d, s)); }

    public void Binary(Opcode code, int d, int a, int b) => Emit(Op.Make(code, d, a, b));

    public void Unary(Opcode code, int d, int a) => Emit(Op.Make(code, d, a));

    /// <summary>A new temp holding <c>a op b</c>.</summary>
    public int Binary(Opcode code, int a, int b)
    {
        int d = NewTemp();
        Binary(code, d, a, b);
        return d;
    }

    /// <summary>A new temp holding <c>op a</c>.</summary>
    public int Unary(Opcode code, int a)
    {
        int d = NewTemp();
        Unary(code, d, a);
        return d;
    }

    public int Add(int a, int b) => Binary(Opcode.Add, a, b);
    public int Sub(int a, int b) => Binary(Opcode.Sub, a, b);
    public int And(int a, int b) => Binary(Opcode.And, a, b);
    public int Or(int a, int b) => Binary(Opcode.Or, a, b);
    public int Xor(int a, int b) => Binary(Opcode.Xor, a, b);
    public int Shl(int a, int b) => Binary(Opcode.Shl, a, b);
    public int Shr(int a, int b) => Binary(Opcode.Shr, a, b);
    public int Sar(int a, int b) => Binary(Opcode.Sar, a, b);
    public int AddI(int a, uint imm) => imm == 0 ? a : Add(a, Const(imm));
    public int AndI(int a, uint imm) => And(a, Const(imm));

    public void Deposit(int d, int baseValue, int field, int pos, int len) =>
        Emit(Op.Make(Opcode.Deposit, d, baseValue, field, imm: (uint)(pos | len << 8)));

    public int SetCond(Cond cond, int a, int b)
    {
        int d = NewTemp();
        Emit(new Op { Code = Opcode.SetCond, Cond = cond, D0 = d, D1 = -1, S0 = a, S1 = b, S2 = -1, S3 = -1 });
        return d;
    }

    public int Select(int cond, int ifTrue, int ifFalse)
    {
        int d = NewTemp();
        Emit(Op.Make(Opcode.Select, d, cond, ifTrue, ifFalse));
        return d;
    }

    public (int Low, int High) MulDouble(bool signed, int a, int b)
    {
        int lo = NewTemp(), hi = NewTemp();
        var op = Op.Make(signed ? Opcode.MulS2 : Opcode.MulU2, lo, a, b);
        op.D1 = hi;
        Emit(op);
        return (lo, hi);
    }

    public int Load(MemOp mem, int address)
    {
        int d = NewTemp();
        var op = Op.Make(Opcode.Load, d, address);
        op.Mem = mem;
        Emit(op);
        return d;
    }

    public void Store(MemOp mem, int value, int address)
    {
        var op = Op.Make(Opcode.Store, -1, value, address);
        op.Mem = mem;
        Emit(op);
    }

    /// <summary>Calls a helper; returns the temp of its result.</summary>
    public int Call(HelperId helper, int a = -1, int b = -1, int c = -1, int d = -1)
    {
        int r = NewTemp();
        Emit(Op.Make(Opcode.Call, r, a, b, c, d, (uint)helper));
        return r;
    }

    public void Label(int label) => Emit(Op.Make(Opcode.Label, imm: (uint)label));

    public void Br(int label) => Emit(Op.Make(Opcode.Br, imm: (uint)label));

    public void BrCond(Cond cond, int a, int b, int label) =>
        Emit(new Op { Code = Opcode.BrCond, Cond = cond, D0 = -1, D1 = -1, S0 = a, S1 = b, S2 = -1, S3 = -1, Imm = (uint)label });

    public void Goto(uint pc, int slot) =>
        Emit(new Op { Code = Opcode.Goto, Slot = (byte)slot, D0 = -1, D1 = -1, S0 = -1, S1 = -1, S2 = -1, S3 = -1, Imm = pc });

    public void ExitIndirect() => Emit(Op.Make(Opcode.ExitIndirect));

    public void ExitSyscall() => Emit(Op.Make(Opcode.ExitSyscall));

    public void Raise(int signal, int faultAddress) => Emit(Op.Make(Opcode.Raise, s0: faultAddress, imm: (uint)signal));
}
