using Hdbt.Guest;
using Hdbt.Ir;
using Iced.Intel;
using IcedRegister = Iced.Intel.Register;

namespace Hdbt.Frontend;

/// <summary>Control flow: jmp, jcc, call, ret, loop/loope/loopne, jecxz/jcxz.</summary>
public static class Branch
{
    public static void Register(HandlerTable t)
    {
        t.Add(Mnemonic.Jmp, Jmp);
        t.Add(Jcc, Mnemonic.Jo, Mnemonic.Jno, Mnemonic.Jb, Mnemonic.Jae, Mnemonic.Je, Mnemonic.Jne, Mnemonic.Jbe,
            Mnemonic.Ja, Mnemonic.Js, Mnemonic.Jns, Mnemonic.Jp, Mnemonic.Jnp, Mnemonic.Jl, Mnemonic.Jge,
            Mnemonic.Jle, Mnemonic.Jg);
        t.Add(Mnemonic.Call, Call);
        t.Add(Mnemonic.Ret, Ret);
        t.Add(Loop, Mnemonic.Loop, Mnemonic.Loope, Mnemonic.Loopne, Mnemonic.Jecxz, Mnemonic.Jcxz);
    }

    private static bool IsDirect(in Instruction i) => i.Op0Kind is OpKind.NearBranch32 or OpKind.NearBranch16;

    private static void Jmp(FrontendContext ctx)
    {
        if (IsDirect(ctx.Insn)) { ctx.JumpTo((uint)ctx.Insn.NearBranchTarget); return; }
        if (ctx.Insn.Op0Kind is not (OpKind.Register or OpKind.Memory)) throw new UnsupportedInstructionException("far jmp");
        ctx.JumpIndirect(ctx.Read(0));
    }

    /// <summary>Ends the block with a two-way branch: slot 0 when the condition holds, slot 1 otherwise.</summary>
    private static void TwoWay(FrontendContext ctx, Condition c, uint taken, uint notTaken)
    {
        int label = ctx.B.NewLabel();
        ctx.B.BrCond(c.Cond, c.A, c.B, label);
        ctx.B.Goto(notTaken, 1);
        ctx.B.Label(label);
        ctx.JumpTo(taken, 0);
    }

    private static void Jcc(FrontendContext ctx)
    {
        var c = ctx.Condition(ctx.Insn.ConditionCode);
        TwoWay(ctx, c, (uint)ctx.Insn.NearBranchTarget, ctx.NextPc);
    }

    private static void Call(FrontendContext ctx)
    {
        if (IsDirect(ctx.Insn))
        {
            ctx.Push(ctx.B.Const(ctx.NextPc));
            ctx.JumpTo((uint)ctx.Insn.NearBranchTarget);
            return;
        }
        if (ctx.Insn.Op0Kind is not (OpKind.Register or OpKind.Memory)) throw new UnsupportedInstructionException("far call");
        // The target is read before the push: call *(%esp) calls what was on top before.
        int target = ctx.Read(0);
        ctx.Push(ctx.B.Const(ctx.NextPc));
        ctx.JumpIndirect(target);
    }

    private static void Ret(FrontendContext ctx)
    {
        int target = ctx.Pop();
        if (ctx.Insn.OpCount > 0)
        {
            int esp = IrBuilder.Global(GlobalSlot.Esp);
            ctx.B.Mov(esp, ctx.B.AddI(esp, (uint)ctx.Insn.Immediate16));
        }
        ctx.JumpIndirect(target);
    }

    private static void Loop(FrontendContext ctx)
    {
        var b = ctx.B;
        // Address size selects ECX or CX as the counter.
        bool cx = ctx.Insn.Code is Code.Loop_rel8_16_CX or Code.Loop_rel8_32_CX or Code.Loope_rel8_16_CX
            or Code.Loope_rel8_32_CX or Code.Loopne_rel8_16_CX or Code.Loopne_rel8_32_CX || ctx.Insn.Mnemonic == Mnemonic.Jcxz;
        IcedRegister counter = cx ? IcedRegister.CX : IcedRegister.ECX;
        uint target = (uint)ctx.Insn.NearBranchTarget;
        if (ctx.Insn.Mnemonic is Mnemonic.Jecxz or Mnemonic.Jcxz)
        {
            TwoWay(ctx, new Condition(Cond.Eq, ctx.ReadReg(counter), b.Const(0)), target, ctx.NextPc);
            return;
        }
        int n = b.Sub(ctx.ReadReg(counter), b.Const(1));
        ctx.WriteReg(counter, n);
        int nonzero = b.SetCond(Cond.Ne, ctx.ZeroExtend(cx ? 2 : 4, n), b.Const(0));
        int go = nonzero;
        if (ctx.Insn.Mnemonic is Mnemonic.Loope or Mnemonic.Loopne)
        {
            var z = ctx.Condition(ctx.Insn.Mnemonic == Mnemonic.Loope ? ConditionCode.e : ConditionCode.ne);
            go = b.And(nonzero, ctx.ConditionValue(z));
        }
        TwoWay(ctx, new Condition(Cond.Ne, go, b.Const(0)), target, ctx.NextPc);
    }
}
