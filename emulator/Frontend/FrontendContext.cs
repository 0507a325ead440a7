using Hdbt.Guest;
using Hdbt.Ir;
using Iced.Intel;
using IcedRegister = Iced.Intel.Register;

namespace Hdbt.Frontend;

/// <summary>
/// State and helpers shared by all instruction handlers while one block is translated:
/// the IR builder, the current instruction, operand access and lazy-flag bookkeeping.
/// </summary>
public sealed class FrontendContext
{
    private CcOp? _ccOp;

    public FrontendContext(IrBuilder builder) => B = builder;

    /// <summary>Starts a new block at <paramref name="guestPc"/> in the same builder and block (see <see cref="IrBlock.Reset"/>).</summary>
    public void Reset(uint guestPc)
    {
        B.Reset(guestPc);
        _ccOp = null;
        BlockEnded = false;
        Insn = default;
    }

    public IrBuilder B { get; }

    /// <summary>The instruction being translated.</summary>
    public Instruction Insn;

    /// <summary>Guest pc of the current instruction.</summary>
    public uint Pc => (uint)Insn.IP;

    /// <summary>Guest pc of the next instruction.</summary>
    public uint NextPc => (uint)Insn.NextIP;

    /// <summary>Set by a handler that ended the block (jump, call, syscall, fault).</summary>
    public bool BlockEnded { get; set; }

    /// <summary>The lazy-flag op known to be in CcOp at this point of the block, or null when only run time knows.</summary>
    public CcOp? KnownCcOp => _ccOp;

    /// <summary>Forgets what is known about the flags (after a helper that sets them).</summary>
    public void FlagsUnknown() => _ccOp = null;

    // ---- registers ----

    public static int Slot32(IcedRegister r) => r - IcedRegister.EAX;

    /// <summary>The segment-helper argument naming segment register <paramref name="r"/> (Iced orders ES..GS as the encoding does).</summary>
    public int SegmentArg(IcedRegister r) => B.Const((uint)(SegmentRegister)(r - IcedRegister.ES));

    /// <summary>Reads a general register of any size into a new temp (zero-extended).</summary>
    public int ReadReg(IcedRegister r)
    {
        int size = r.GetSize();
        switch (size)
        {
            case 4:
                if (r == IcedRegister.EIP) return B.Const(NextPc);
                return Copy(IrBuilder.Global((GlobalSlot)Slot32(r)));
            case 2:
                if (r.IsSegmentRegister()) return B.Const(0);
                return B.Unary(Opcode.Ext16U, (int)(r - IcedRegister.AX));
            case 1:
                int idx = r - IcedRegister.AL;
                if (idx < 4) return B.Unary(Opcode.Ext8U, idx);
                return B.And(B.Shr(idx - 4, B.Const(8)), B.Const(0xFF));
            default:
                throw new UnsupportedInstructionException($"register {r}");
        }
    }

    /// <summary>Writes the low bits of a value to a general register of any size (8/16-bit writes keep the other bits).</summary>
    public void WriteReg(IcedRegister r, int value)
    {
        switch (r.GetSize())
        {
            case 4:
                B.Mov(Slot32(r), value);
                return;
            case 2:
            {
                int g = r - IcedRegister.AX;
                B.Deposit(g, g, value, 0, 16);
                return;
            }
            case 1:
            {
                int idx = r - IcedRegister.AL;
                if (idx < 4) B.Deposit(idx, idx, value, 0, 8);
                else B.Deposit(idx - 4, idx - 4, value, 8, 8);
                return;
            }
            default:
                throw new UnsupportedInstructionException($"register {r}");
        }
    }

    /// <summary>A new local holding the value of <paramref name="t"/> now (so later writes to t do not change it).</summary>
    public int Copy(int t)
    {
        int d = B.NewTemp();
        B.Mov(d, t);
        return d;
    }

    // ---- memory ----

    /// <summary>The effective address of the memory operand, without any segment base (as lea computes it).</summary>
    public int Lea()
    {
        int addr = -1;
        bool addr16 = false;
        if (Insn.MemoryBase != IcedRegister.None)
        {
            addr16 = Insn.MemoryBase.GetSize() == 2;
            addr = ReadReg(Insn.MemoryBase);
        }
        if (Insn.MemoryIndex != IcedRegister.None)
        {
            addr16 |= Insn.MemoryIndex.GetSize() == 2;
            int index = ReadReg(Insn.MemoryIndex);
            int scale = Insn.MemoryIndexScale;
            if (scale > 1) index = B.Shl(index, B.Const((uint)System.Numerics.BitOperations.Log2((uint)scale)));
            addr = addr < 0 ? index : B.Add(addr, index);
        }
        uint disp = Insn.MemoryDisplacement32;
        if (addr < 0) addr = B.Const(addr16 ? disp & 0xFFFF : disp);
        else if (disp != 0) addr = B.Add(addr, B.Const(disp));
        if (addr16) addr = B.Unary(Opcode.Ext16U, addr);
        return addr;
    }

    /// <summary>Adds the base of a segment that Linux gives a nonzero base (FS, GS) to an address.</summary>
    public int AddSegmentBase(int address, IcedRegister segment) => segment switch
    {
        IcedRegister.FS => B.Add(address, IrBuilder.Global(GlobalSlot.FsBase)),
        IcedRegister.GS => B.Add(address, IrBuilder.Global(GlobalSlot.GsBase)),
        _ => address,
    };

    /// <summary>The linear address of the current instruction's memory operand.</summary>
    public int MemoryAddress() => AddSegmentBase(Lea(), Insn.MemorySegment);

    public int Load(int size, int address, bool signed = false) =>
        B.Load(signed ? MemOpExtensions.Signed(size) : MemOpExtensions.Unsigned(size), address);

    public void Store(int size, int value, int address) => B.Store(MemOpExtensions.Unsigned(size), value, address);

    // ---- operands ----

    /// <summary>Size in bytes of operand <paramref name="i"/>.</summary>
    public int OpSize(int i) => Insn.GetOpKind(i) switch
    {
        OpKind.Register => Insn.GetOpRegister(i).GetSize(),
        OpKind.Memory => Insn.MemorySize.GetSize(),
        OpKind.Immediate8 => 1,
        OpKind.Immediate16 or OpKind.Immediate8to16 => 2,
        _ => 4,
    };

    /// <summary>Resolves operand <paramref name="i"/>, computing a memory address once.</summary>
    public Operand Resolve(int i)
    {
        var kind = Insn.GetOpKind(i);
        int size = OpSize(i);
        return kind switch
        {
            OpKind.Register => new Operand(OperandKind.Register, size, Insn.GetOpRegister(i), -1, 0),
            OpKind.Memory => new Operand(OperandKind.Memory, size, IcedRegister.None, MemoryAddress(), 0),
            OpKind.Immediate8 or OpKind.Immediate16 or OpKind.Immediate32 or OpKind.Immediate8to16
                or OpKind.Immediate8to32 or OpKind.Immediate8_2nd =>
                new Operand(OperandKind.Immediate, size, IcedRegister.None, -1, (uint)Insn.GetImmediate(i)),
            _ => throw new UnsupportedInstructionException($"operand kind {kind}"),
        };
    }

    /// <summary>Reads an operand, zero-extended to 32 bits (immediates are masked to their size).</summary>
    public int Read(in Operand o) => o.Kind switch
    {
        OperandKind.Register => ReadReg(o.Register),
        OperandKind.Memory => Load(o.Size, o.Address),
        _ => B.Const(o.Size == 4 ? o.Immediate : o.Immediate & (o.Size == 2 ? 0xFFFFu : 0xFFu)),
    };

    /// <summary>Writes the low bits of a value to an operand.</summary>
    public void Write(in Operand o, int value)
    {
        switch (o.Kind)
        {
            case OperandKind.Register: WriteReg(o.Register, value); break;
            case OperandKind.Memory: Store(o.Size, value, o.Address); break;
            default: throw new UnsupportedInstructionException("write to an immediate");
        }
    }

    public int Read(int i) => Read(Resolve(i));

    public void Write(int i, int value) => Write(Resolve(i), value);

    /// <summary>Sign-extends the low <paramref name="size"/> bytes of a value.</summary>
    public int SignExtend(int size, int v) => size switch
    {
        1 => B.Unary(Opcode.Ext8S, v),
        2 => B.Unary(Opcode.Ext16S, v),
        _ => v,
    };

    /// <summary>Zero-extends (masks) the low <paramref name="size"/> bytes of a value.</summary>
    public int ZeroExtend(int size, int v) => size switch
    {
        1 => B.Unary(Opcode.Ext8U, v),
        2 => B.Unary(Opcode.Ext16U, v),
        _ => v,
    };

    // ---- stack ----

    /// <summary>Pushes a value of the given size (2 or 4 bytes).</summary>
    public void Push(int value, int size = 4)
    {
        int esp = B.Sub(IrBuilder.Global(GlobalSlot.Esp), B.Const((uint)size));
        Store(size, value, esp);
        B.Mov(IrBuilder.Global(GlobalSlot.Esp), esp);
    }

    /// <summary>Pops a value of the given size (2 or 4 bytes), zero-extended.</summary>
    public int Pop(int size = 4)
    {
        int esp = Copy(IrBuilder.Global(GlobalSlot.Esp));
        int v = Load(size, esp);
        B.Mov(IrBuilder.Global(GlobalSlot.Esp), B.Add(esp, B.Const((uint)size)));
        return v;
    }

    // ---- flags ----

    /// <summary>Records the lazy flags of a flag-setting operation.</summary>
    public void SetFlags(CcOp kind, int size, int dst, int src = -1, int src2 = -1)
    {
        CcOp op = LazyFlags.For(kind, size);
        B.Mov(IrBuilder.Global(GlobalSlot.CcOp), B.Const((uint)op));
        B.Mov(IrBuilder.Global(GlobalSlot.CcDst), dst);
        // Fields the kind does not read are left alone (see CcOp): fewer stores on the hottest path.
        if (kind != CcOp.LogicB) B.Mov(IrBuilder.Global(GlobalSlot.CcSrc), src >= 0 ? src : B.Const(0));
        if (kind is CcOp.AdcB or CcOp.SbbB) B.Mov(IrBuilder.Global(GlobalSlot.CcSrc2), src2 >= 0 ? src2 : B.Const(0));
        _ccOp = op;
    }

    /// <summary>Records explicitly computed flag bits (CcOp.Eflags).</summary>
    public void SetEflags(int flags)
    {
        B.Mov(IrBuilder.Global(GlobalSlot.CcOp), B.Const((uint)CcOp.Eflags));
        B.Mov(IrBuilder.Global(GlobalSlot.CcSrc), B.And(flags, B.Const(Flags.Arith)));
        _ccOp = CcOp.Eflags;
    }

    private int CcOpValue() => _ccOp is { } k ? B.Const((uint)k) : IrBuilder.Global(GlobalSlot.CcOp);

    /// <summary>The six arithmetic flags as EFLAGS bits.</summary>
    public int ComputeEflags()
    {
        if (_ccOp == CcOp.Eflags) return Copy(IrBuilder.Global(GlobalSlot.CcSrc));
        return B.Call(HelperId.ComputeEflags, CcOpValue(), IrBuilder.Global(GlobalSlot.CcDst),
            IrBuilder.Global(GlobalSlot.CcSrc), IrBuilder.Global(GlobalSlot.CcSrc2));
    }

    /// <summary>CF as 0 or 1.</summary>
    public int Carry()
    {
        if (_ccOp is { } k)
        {
            uint kind = LazyFlags.Kind((uint)k);
            int size = 1 << (int)((uint)k & 3);
            if (kind == (uint)CcOp.LogicB) return B.Const(0);
            if (kind == (uint)CcOp.SubB)
            {
                var (a, b) = SubOperands(size, signed: false);
                return B.SetCond(Cond.LtU, a, b);
            }
            if (kind == (uint)CcOp.Eflags) return B.AndI(IrBuilder.Global(GlobalSlot.CcSrc), 1);
            if (kind == (uint)CcOp.AddB)
                return B.SetCond(Cond.LtU, ZeroExtend(size, IrBuilder.Global(GlobalSlot.CcDst)), ZeroExtend(size, IrBuilder.Global(GlobalSlot.CcSrc)));
            if (kind is (uint)CcOp.IncB or (uint)CcOp.DecB) return B.AndI(IrBuilder.Global(GlobalSlot.CcSrc), 1);
        }
        return B.Call(HelperId.ComputeCarry, CcOpValue(), IrBuilder.Global(GlobalSlot.CcDst),
            IrBuilder.Global(GlobalSlot.CcSrc), IrBuilder.Global(GlobalSlot.CcSrc2));
    }

    /// <summary>The original operands of the last subtraction (first = dst + src), extended for the comparison kind.</summary>
    private (int A, int B) SubOperands(int size, bool signed)
    {
        int dst = IrBuilder.Global(GlobalSlot.CcDst), src = IrBuilder.Global(GlobalSlot.CcSrc);
        int a = B.Add(dst, src);
        return signed ? (SignExtend(size, a), SignExtend(size, src)) : (ZeroExtend(size, a), ZeroExtend(size, src));
    }

    /// <summary>Lowers an x86 condition code to an IR comparison, directly from the lazy operands when the flag op is known.</summary>
    public Condition Condition(ConditionCode cc)
    {
        if (_ccOp is { } k && k != CcOp.Eflags)
        {
            uint kind = LazyFlags.Kind((uint)k);
            int size = 1 << (int)((uint)k & 3);
            int dst = IrBuilder.Global(GlobalSlot.CcDst);
            Condition? fast = null;
            if (kind == (uint)CcOp.SubB)
            {
                fast = cc switch
                {
                    ConditionCode.b or ConditionCode.ae or ConditionCode.be or ConditionCode.a => Unsigned(cc, SubOperands(size, false)),
                    ConditionCode.l or ConditionCode.ge or ConditionCode.le or ConditionCode.g => Signed(cc, SubOperands(size, true)),
                    _ => null,
                };
            }
            else if (kind == (uint)CcOp.LogicB)
            {
                // CF = OF = 0: l is SF, le is SF|ZF, b never holds.
                fast = cc switch
                {
                    ConditionCode.b => new Condition(Cond.Never, B.Const(0), B.Const(0)),
                    ConditionCode.ae => new Condition(Cond.Always, B.Const(0), B.Const(0)),
                    ConditionCode.be => new Condition(Cond.Eq, ZeroExtend(size, dst), B.Const(0)),
                    ConditionCode.a => new Condition(Cond.Ne, ZeroExtend(size, dst), B.Const(0)),
                    ConditionCode.l => new Condition(Cond.Lt, SignExtend(size, dst), B.Const(0)),
                    ConditionCode.ge => new Condition(Cond.Ge, SignExtend(size, dst), B.Const(0)),
                    ConditionCode.le => new Condition(Cond.Le, SignExtend(size, dst), B.Const(0)),
                    ConditionCode.g => new Condition(Cond.Gt, SignExtend(size, dst), B.Const(0)),
                    ConditionCode.o => new Condition(Cond.Never, B.Const(0), B.Const(0)),
                    ConditionCode.no => new Condition(Cond.Always, B.Const(0), B.Const(0)),
                    _ => null,
                };
            }
            if (fast is { } f) return f;
            // ZF and SF come from the result for every kind but Eflags.
            switch (cc)
            {
                case ConditionCode.e: return new Condition(Cond.Eq, ZeroExtend(size, dst), B.Const(0));
                case ConditionCode.ne: return new Condition(Cond.Ne, ZeroExtend(size, dst), B.Const(0));
                case ConditionCode.s: return new Condition(Cond.Lt, SignExtend(size, dst), B.Const(0));
                case ConditionCode.ns: return new Condition(Cond.Ge, SignExtend(size, dst), B.Const(0));
            }
        }

        int flags = ComputeEflags();
        return cc switch
        {
            ConditionCode.o => new Condition(Cond.TstNe, flags, B.Const(Flags.OF)),
            ConditionCode.no => new Condition(Cond.TstEq, flags, B.Const(Flags.OF)),
            ConditionCode.b => new Condition(Cond.TstNe, flags, B.Const(Flags.CF)),
            ConditionCode.ae => new Condition(Cond.TstEq, flags, B.Const(Flags.CF)),
            ConditionCode.e => new Condition(Cond.TstNe, flags, B.Const(Flags.ZF)),
            ConditionCode.ne => new Condition(Cond.TstEq, flags, B.Const(Flags.ZF)),
            ConditionCode.be => new Condition(Cond.TstNe, flags, B.Const(Flags.CF | Flags.ZF)),
            ConditionCode.a => new Condition(Cond.TstEq, flags, B.Const(Flags.CF | Flags.ZF)),
            ConditionCode.s => new Condition(Cond.TstNe, flags, B.Const(Flags.SF)),
            ConditionCode.ns => new Condition(Cond.TstEq, flags, B.Const(Flags.SF)),
            ConditionCode.p => new Condition(Cond.TstNe, flags, B.Const(Flags.PF)),
            ConditionCode.np => new Condition(Cond.TstEq, flags, B.Const(Flags.PF)),
            // SF is bit 7 and OF bit 11: (f >> 4) ^ f has SF^OF in bit 7 and ZF still in bit 6.
            ConditionCode.l => new Condition(Cond.TstNe, SfXorOf(flags), B.Const(Flags.SF)),
            ConditionCode.ge => new Condition(Cond.TstEq, SfXorOf(flags), B.Const(Flags.SF)),
            ConditionCode.le => new Condition(Cond.TstNe, SfXorOf(flags), B.Const(Flags.SF | Flags.ZF)),
            ConditionCode.g => new Condition(Cond.TstEq, SfXorOf(flags), B.Const(Flags.SF | Flags.ZF)),
            _ => throw new UnsupportedInstructionException($"condition {cc}"),
        };
    }

    private int SfXorOf(int flags) => B.Xor(B.Shr(flags, B.Const(4)), flags);

    private Condition Unsigned(ConditionCode cc, (int A, int B) ab) => cc switch
    {
        ConditionCode.b => new Condition(Cond.LtU, ab.A, ab.B),
        ConditionCode.ae => new Condition(Cond.GeU, ab.A, ab.B),
        ConditionCode.be => new Condition(Cond.LeU, ab.A, ab.B),
        _ => new Condition(Cond.GtU, ab.A, ab.B),
    };

    private Condition Signed(ConditionCode cc, (int A, int B) ab) => cc switch
    {
        ConditionCode.l => new Condition(Cond.Lt, ab.A, ab.B),
        ConditionCode.ge => new Condition(Cond.Ge, ab.A, ab.B),
        ConditionCode.le => new Condition(Cond.Le, ab.A, ab.B),
        _ => new Condition(Cond.Gt, ab.A, ab.B),
    };

    /// <summary>A 0/1 temp for a condition.</summary>
    public int ConditionValue(Condition c) => B.SetCond(c.Cond, c.A, c.B);

    // ---- exits ----

    /// <summary>Ends the block with a direct jump to a known pc (a chaining slot).</summary>
    public void JumpTo(uint pc, int slot = 0)
    {
        B.Goto(pc, slot);
        BlockEnded = true;
    }

    /// <summary>Ends the block with a jump to a pc computed at run time.</summary>
    public void JumpIndirect(int target)
    {
        B.Mov(IrBuilder.Global(GlobalSlot.Eip), target);
        B.ExitIndirect();
        BlockEnded = true;
    }

    /// <summary>Ends the block raising a signal at the current instruction.</summary>
    public void Raise(int signal, uint? faultAddress = null)
    {
        B.Mov(IrBuilder.Global(GlobalSlot.Eip), B.Const(Pc));
        B.Raise(signal, faultAddress is { } a ? B.Const(a) : -1);
        BlockEnded = true;
    }

    /// <summary>Stores the current pc in EIP before a helper that may fault.</summary>
    public void SyncPc() => B.Mov(IrBuilder.Global(GlobalSlot.Eip), B.Const(Pc));
}
