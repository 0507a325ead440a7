using Hdbt.Guest;
using Hdbt.Ir;
using Iced.Intel;
using IcedRegister = Iced.Intel.Register;

namespace Hdbt.Frontend;

/// <summary>Shifts and rotates: shl/sal, shr, sar, rol, ror, rcl, rcr, shld, shrd.</summary>
/// <remarks>
/// The count (imm8, CL or the implicit 1) is masked to 5 bits. A masked count of 0 changes neither
/// the destination nor any flag, but a memory destination is still written back: the hardware does
/// the read-modify-write cycle anyway (a zero-count shift of a read-only page faults). When the
/// count is only known at run time the flag update is branched over, after which the lazy flag op
/// is unknown to the rest of the block.
/// </remarks>
public static class Shift
{
    public static void Register(HandlerTable t)
    {
        t.Add(ShiftOp, Mnemonic.Shl, Mnemonic.Sal, Mnemonic.Shr, Mnemonic.Sar);
        t.Add(Rotate, Mnemonic.Rol, Mnemonic.Ror);
        t.Add(RotateThroughCarry, Mnemonic.Rcl, Mnemonic.Rcr);
        t.Add(DoubleShift, Mnemonic.Shld, Mnemonic.Shrd);
    }

    /// <summary>The masked count of operand <paramref name="i"/> when it is an immediate.</summary>
    private static bool ConstantCount(FrontendContext ctx, int i, out uint count)
    {
        if (ctx.Insn.GetOpKind(i) == OpKind.Register)
        {
            count = 0;
            return false;
        }
        count = (uint)ctx.Insn.GetImmediate(i) & 31;
        return true;
    }

    /// <summary>The count in a temp: the constant, or CL masked to 5 bits.</summary>
    private static int CountTemp(FrontendContext ctx, bool known, uint count) =>
        known ? ctx.B.Const(count) : ctx.B.AndI(ctx.ReadReg(IcedRegister.CL), 31);

    /// <summary>A zero-count instruction: nothing changes, but a memory destination is read and written back.</summary>
    private static void WriteBackUnchanged(FrontendContext ctx, in Operand dst)
    {
        if (dst.Kind == OperandKind.Memory) ctx.Write(dst, ctx.Read(dst));
    }

    private static void ShiftOp(FrontendContext ctx)
    {
        var b = ctx.B;
        Operand dst = ctx.Resolve(0);
        int size = dst.Size;
        bool known = ConstantCount(ctx, 1, out uint n);
        if (known && n == 0)
        {
            WriteBackUnchanged(ctx, dst);
            return;
        }
        var m = ctx.Insn.Mnemonic;
        int x = ctx.Read(dst);
        // Shifting the operand extended to 32 bits gives the hardware's results for 8/16-bit operands
        // and counts up to 31: bits shifted past the width are gone (shl, shr) or copies of the sign (sar),
        // and the last bit shifted out (CF) is 0 or the sign once the count reaches the width.
        int wide = m == Mnemonic.Sar ? ctx.SignExtend(size, x) : x;
        Opcode code = m switch
        {
            Mnemonic.Shl or Mnemonic.Sal => Opcode.Shl,
            Mnemonic.Shr => Opcode.Shr,
            _ => Opcode.Sar,
        };
        int count = CountTemp(ctx, known, n);
        // The lazy flags want the operand shifted by count-1 (it holds CF); with an unknown count of 0
        // this is a shift by 31 whose result is discarded below.
        int before = b.Binary(code, wide, known ? b.Const(n - 1) : b.Sub(count, b.Const(1)));
        int r = b.Binary(code, before, b.Const(1));
        CcOp kind = code == Opcode.Shl ? CcOp.ShlB : CcOp.SarB;
        if (known)
        {
            ctx.Write(dst, r);
            ctx.SetFlags(kind, size, r, before);
            return;
        }
        ctx.Write(dst, b.Select(count, r, x));
        int skip = b.NewLabel();
        b.BrCond(Cond.Eq, count, b.Const(0), skip);
        ctx.SetFlags(kind, size, r, before);
        b.Label(skip);
        ctx.FlagsUnknown();
    }

    private static void Rotate(FrontendContext ctx)
    {
        var b = ctx.B;
        Operand dst = ctx.Resolve(0);
        int size = dst.Size, bits = size * 8;
        bool known = ConstantCount(ctx, 1, out uint n);
        if (known && n == 0)
        {
            WriteBackUnchanged(ctx, dst);
            return;
        }
        bool left = ctx.Insn.Mnemonic == Mnemonic.Rol;
        int x = ctx.Read(dst);
        int count = CountTemp(ctx, known, n);
        // An 8/16-bit value repeated across 32 bits rotates as the narrow value does, modulo its width.
        int wide = size switch
        {
            1 => b.Binary(Opcode.Mul, x, b.Const(0x0101_0101)),
            2 => b.Binary(Opcode.Mul, x, b.Const(0x0001_0001)),
            _ => x,
        };
        int r = ctx.ZeroExtend(size, b.Binary(left ? Opcode.Rotl : Opcode.Rotr, wide, count));

        // CF is the bit that went around last; OF is the count-1 formula applied to the result, which
        // is what the hardware computes for every count (Intel documents OF for count 1 only):
        // rol: OF = MSB ^ CF with CF = bit 0; ror: OF = MSB ^ MSB-1 with CF = MSB.
        int msb = b.Shr(r, b.Const((uint)bits - 1));
        int cf, of;
        if (left)
        {
            cf = b.AndI(r, 1);
            of = b.Xor(msb, cf);
        }
        else
        {
            cf = msb;
            of = b.AndI(b.Xor(msb, b.Shr(r, b.Const((uint)bits - 2))), 1);
        }

        if (known)
        {
            ctx.Write(dst, r);
            SetCarryOverflow(ctx, cf, of);
            return;
        }
        ctx.Write(dst, b.Select(count, r, x));
        int skip = b.NewLabel();
        b.BrCond(Cond.Eq, count, b.Const(0), skip);
        SetCarryOverflow(ctx, cf, of);
        b.Label(skip);
        ctx.FlagsUnknown();
    }

    /// <summary>Replaces CF and OF (each 0/1) and keeps the other arithmetic flags.</summary>
    private static void SetCarryOverflow(FrontendContext ctx, int cf, int of)
    {
        var b = ctx.B;
        int kept = b.AndI(ctx.ComputeEflags(), ~(Flags.CF | Flags.OF));
        ctx.SetEflags(b.Or(kept, b.Or(cf, b.Shl(of, b.Const(11)))));
    }

    private static void RotateThroughCarry(FrontendContext ctx)
    {
        var b = ctx.B;
        Operand dst = ctx.Resolve(0);
        bool known = ConstantCount(ctx, 1, out uint n);
        if (known && n == 0)
        {
            WriteBackUnchanged(ctx, dst);
            return;
        }
        bool left = ctx.Insn.Mnemonic == Mnemonic.Rcl;
        HelperId helper = (dst.Size, left) switch
        {
            (1, true) => HelperId.RclB,
            (2, true) => HelperId.RclW,
            (4, true) => HelperId.RclL,
            (1, false) => HelperId.RcrB,
            (2, false) => HelperId.RcrW,
            _ => HelperId.RcrL,
        };
        int x = ctx.Read(dst);
        // The helper reads CF from the lazy state, leaves everything alone for a zero count, and
        // otherwise stores the new flags as CcOp.Eflags.
        int r = b.Call(helper, x, CountTemp(ctx, known, n));
        ctx.Write(dst, r);
        ctx.FlagsUnknown();
    }

    private static void DoubleShift(FrontendContext ctx)
    {
        var b = ctx.B;
        Operand dst = ctx.Resolve(0);
        bool known = ConstantCount(ctx, 2, out uint n);
        if (known && n == 0)
        {
            WriteBackUnchanged(ctx, dst);
            return;
        }
        bool left = ctx.Insn.Mnemonic == Mnemonic.Shld;
        HelperId helper = (dst.Size, left) switch
        {
            (2, true) => HelperId.Shld16,
            (4, true) => HelperId.Shld32,
            (2, false) => HelperId.Shrd16,
            _ => HelperId.Shrd32,
        };
        int x = ctx.Read(dst);
        int src = ctx.Read(1);
        int r = b.Call(helper, x, src, CountTemp(ctx, known, n));
        ctx.Write(dst, r);
        ctx.FlagsUnknown();
    }
}
