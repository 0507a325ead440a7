using Hdbt.Guest;
using Hdbt.Ir;
using Iced.Intel;

namespace Hdbt.Frontend;

/// <summary>Bit tests and scans: bt, bts, btr, btc, bsf, bsr (and tzcnt/lzcnt, which execute as bsf/bsr here).</summary>
public static class Bit
{
    public static void Register(HandlerTable t)
    {
        t.Add(BitTest, Mnemonic.Bt, Mnemonic.Bts, Mnemonic.Btr, Mnemonic.Btc);
        // tzcnt and lzcnt are rep-prefixed bsf and bsr. Our CPUID advertises neither BMI1 nor LZCNT,
        // and a CPU without them ignores the prefix and executes bsf/bsr; compilers rely on that when
        // they emit "rep bsf" for generic targets (same result for a nonzero source).
        t.Add(BitScan, Mnemonic.Bsf, Mnemonic.Bsr, Mnemonic.Tzcnt, Mnemonic.Lzcnt);
    }

    private static void BitTest(FrontendContext ctx)
    {
        var b = ctx.B;
        var m = ctx.Insn.Mnemonic;
        Operand dst = ctx.Resolve(0);
        int size = dst.Size, bits = size * 8;
        int offset = ctx.Read(1);
        if (dst.Kind == OperandKind.Memory && ctx.Insn.Op1Kind == OpKind.Register)
        {
            // A register bit offset is a signed index into the bit string that starts at the
            // operand: it can select a word or dword before or after it.
            int signedOffset = ctx.SignExtend(size, offset);
            int displacement = b.Shl(b.Sar(signedOffset, b.Const(size == 2 ? 4u : 5u)), b.Const(size == 2 ? 1u : 2u));
            dst = dst with { Address = b.Add(dst.Address, displacement) };
        }
        // An immediate offset and an offset into a register select a bit modulo the operand width.
        int bit = b.AndI(offset, (uint)bits - 1);
        int value = ctx.Read(dst);
        int cf = b.AndI(b.Shr(value, bit), 1);
        if (m != Mnemonic.Bt)
        {
            int mask = b.Shl(b.Const(1), bit);
            int r = m switch
            {
                Mnemonic.Bts => b.Or(value, mask),
                Mnemonic.Btr => b.And(value, b.Unary(Opcode.Not, mask)),
                _ => b.Xor(value, mask),
            };
            ctx.Write(dst, r);
        }
        // CF is the selected bit; ZF is unchanged and OF, SF, AF, PF (undefined) stay as they were,
        // which is what the hardware does.
        ctx.SetEflags(b.Or(b.AndI(ctx.ComputeEflags(), ~Flags.CF), cf));
    }

    private static void BitScan(FrontendContext ctx)
    {
        var b = ctx.B;
        bool forward = ctx.Insn.Mnemonic is Mnemonic.Bsf or Mnemonic.Tzcnt;
        var reg = ctx.Insn.Op0Register;
        int size = reg.GetSize();
        int src = ctx.Read(1);
        // src is zero-extended, so a nonzero 16-bit source has its bits where a 32-bit scan finds them.
        int index = forward ? b.Unary(Opcode.Ctz, src) : b.Xor(b.Unary(Opcode.Clz, src), b.Const(31));
        // A zero source leaves the destination unchanged (AMD documents it; Intel parts do the same).
        ctx.WriteReg(reg, b.Select(src, index, ctx.ReadReg(reg)));
        // ZF = (source == 0). The others are undefined; the hardware (measured on AMD) sets them as a
        // logic op on the index would, except that ZF stays clear for index 0: CF = OF = SF = AF = 0,
        // PF = parity of the index; and for a zero source PF = 1. A logic op on (index | 0x100), or on
        // 0 for a zero source, gives exactly that (bit 8 only makes the value nonzero).
        int flagValue = b.Select(src, b.Or(index, b.Const(0x100)), b.Const(0));
        ctx.SetFlags(CcOp.LogicB, size, flagValue);
    }
}
