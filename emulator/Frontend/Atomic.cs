using Hdbt.Guest;
using Hdbt.Ir;
using Iced.Intel;
using IcedRegister = Iced.Intel.Register;

namespace Hdbt.Frontend;

/// <summary>Exchange and compare-exchange: xchg, cmpxchg, cmpxchg8b, xadd.</summary>
/// <remarks>
/// The lock prefix (and the implicit lock of xchg with memory) needs no work: the guest runs on
/// one thread and nothing else touches guest memory between the IR ops of one instruction.
/// </remarks>
public static class Atomic
{
    public static void Register(HandlerTable t)
    {
        t.Add(Mnemonic.Xchg, Xchg);
        t.Add(Mnemonic.Cmpxchg, Cmpxchg);
        t.Add(Mnemonic.Cmpxchg8b, Cmpxchg8b);
        t.Add(Mnemonic.Xadd, Xadd);
    }

    private static void Xchg(FrontendContext ctx)
    {
        Operand a = ctx.Resolve(0), c = ctx.Resolve(1);
        int x = ctx.Read(a), y = ctx.Read(c);
        // Both values are read before either write, so xchg %al,%ah and the like swap correctly.
        ctx.Write(a, y);
        ctx.Write(c, x);
    }

    private static void Cmpxchg(FrontendContext ctx)
    {
        var b = ctx.B;
        if (ctx.Insn.Code is not (Code.Cmpxchg_rm8_r8 or Code.Cmpxchg_rm16_r16 or Code.Cmpxchg_rm32_r32))
            throw new UnsupportedInstructionException($"{ctx.Insn.Code}");
        Operand dst = ctx.Resolve(0);
        int size = dst.Size;
        IcedRegister acc = size == 1 ? IcedRegister.AL : size == 2 ? IcedRegister.AX : IcedRegister.EAX;
        int old = ctx.Read(dst);
        int src = ctx.ReadReg(ctx.Insn.Op1Register);
        int a = ctx.ReadReg(acc);
        ctx.SetFlags(CcOp.SubB, size, b.Sub(a, old), old);
        int equal = b.SetCond(Cond.Eq, a, old);
        // The accumulator receives the old destination in both cases (on success they are equal);
        // it is written first so that a destination that is the accumulator itself ends as src.
        ctx.WriteReg(acc, old);
        // The destination is always written, as on hardware: a read-only page faults even on failure.
        ctx.Write(dst, b.Select(equal, src, old));
    }

    private static void Cmpxchg8b(FrontendContext ctx)
    {
        var b = ctx.B;
        if (ctx.Insn.Op0Kind != OpKind.Memory) throw new UnsupportedInstructionException("cmpxchg8b with a register operand");
        int flags = ctx.ComputeEflags();
        int address = ctx.MemoryAddress();
        int high = b.AddI(address, 4);
        int lo = ctx.Load(4, address), hi = ctx.Load(4, high);
        int eax = IrBuilder.Global(GlobalSlot.Eax), edx = IrBuilder.Global(GlobalSlot.Edx);
        int equal = b.And(b.SetCond(Cond.Eq, lo, eax), b.SetCond(Cond.Eq, hi, edx));
        // Written back on failure too (see cmpxchg).
        ctx.Store(4, b.Select(equal, IrBuilder.Global(GlobalSlot.Ebx), lo), address);
        ctx.Store(4, b.Select(equal, IrBuilder.Global(GlobalSlot.Ecx), hi), high);
        b.Mov(eax, lo);
        b.Mov(edx, hi);
        // Only ZF changes.
        int zf = b.Select(equal, b.Const(Flags.ZF), b.Const(0));
        ctx.SetEflags(b.Or(b.And(flags, b.Const(~Flags.ZF)), zf));
    }

    private static void Xadd(FrontendContext ctx)
    {
        var b = ctx.B;
        Operand dst = ctx.Resolve(0);
        IcedRegister srcReg = ctx.Insn.Op1Register;
        int x = ctx.Read(dst), y = ctx.ReadReg(srcReg);
        int sum = b.Add(x, y);
        // The source register takes the old destination first, so xadd %eax,%eax leaves the sum.
        ctx.WriteReg(srcReg, x);
        ctx.Write(dst, sum);
        ctx.SetFlags(CcOp.AddB, dst.Size, sum, y);
    }
}
