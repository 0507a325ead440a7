using Hdbt.Ir;
using Iced.Intel;
using IcedRegister = Iced.Intel.Register;

namespace Hdbt.Frontend;

/// <summary>
/// The x87 FPU: each instruction becomes one helper call (see <c>Helpers/X87Helpers.cs</c>) on the
/// register stack in CpuState, with register indices, memory formats and guest addresses as
/// arguments; only fnstsw ax, fcomi (EFLAGS) and fcmov (a condition) involve IR around the call.
/// </summary>
public static class X87
{
    public static void Register(HandlerTable t)
    {
        t.Add(Mnemonic.Fld, Fld);
        t.Add(Load, Mnemonic.Fild, Mnemonic.Fbld);
        t.Add(Mnemonic.Fst, ctx => Fst(ctx, pop: false));
        t.Add(Mnemonic.Fstp, ctx => Fst(ctx, pop: true));
        t.Add(Mnemonic.Fist, ctx => StoreMem(ctx, pop: false, truncate: false));
        t.Add(Mnemonic.Fistp, ctx => StoreMem(ctx, pop: true, truncate: false));
        t.Add(Mnemonic.Fisttp, ctx => StoreMem(ctx, pop: true, truncate: true));
        t.Add(Mnemonic.Fbstp, ctx => StoreMem(ctx, pop: true, truncate: false));

        t.Add(Mnemonic.Fadd, ctx => Arith(ctx, X87ArithOp.Add, false));
        t.Add(Mnemonic.Faddp, ctx => Arith(ctx, X87ArithOp.Add, true));
        t.Add(Mnemonic.Fiadd, ctx => Arith(ctx, X87ArithOp.Add, false));
        t.Add(Mnemonic.Fmul, ctx => Arith(ctx, X87ArithOp.Mul, false));
        t.Add(Mnemonic.Fmulp, ctx => Arith(ctx, X87ArithOp.Mul, true));
        t.Add(Mnemonic.Fimul, ctx => Arith(ctx, X87ArithOp.Mul, false));
        t.Add(Mnemonic.Fsub, ctx => Arith(ctx, X87ArithOp.Sub, false));
        t.Add(Mnemonic.Fsubp, ctx => Arith(ctx, X87ArithOp.Sub, true));
        t.Add(Mnemonic.Fisub, ctx => Arith(ctx, X87ArithOp.Sub, false));
        t.Add(Mnemonic.Fsubr, ctx => Arith(ctx, X87ArithOp.Subr, false));
        t.Add(Mnemonic.Fsubrp, ctx => Arith(ctx, X87ArithOp.Subr, true));
        t.Add(Mnemonic.Fisubr, ctx => Arith(ctx, X87ArithOp.Subr, false));
        t.Add(Mnemonic.Fdiv, ctx => Arith(ctx, X87ArithOp.Div, false));
        t.Add(Mnemonic.Fdivp, ctx => Arith(ctx, X87ArithOp.Div, true));
        t.Add(Mnemonic.Fidiv, ctx => Arith(ctx, X87ArithOp.Div, false));
        t.Add(Mnemonic.Fdivr, ctx => Arith(ctx, X87ArithOp.Divr, false));
        t.Add(Mnemonic.Fdivrp, ctx => Arith(ctx, X87ArithOp.Divr, true));
        t.Add(Mnemonic.Fidivr, ctx => Arith(ctx, X87ArithOp.Divr, false));

        t.Add(Mnemonic.Fcom, ctx => Compare(ctx, X87CompareFlags.None));
        t.Add(Mnemonic.Fcomp, ctx => Compare(ctx, X87CompareFlags.Pop1));
        t.Add(Mnemonic.Fcompp, ctx => Compare(ctx, X87CompareFlags.Pop2));
        t.Add(Mnemonic.Fucom, ctx => Compare(ctx, X87CompareFlags.Quiet));
        t.Add(Mnemonic.Fucomp, ctx => Compare(ctx, X87CompareFlags.Quiet | X87CompareFlags.Pop1));
        t.Add(Mnemonic.Fucompp, ctx => Compare(ctx, X87CompareFlags.Quiet | X87CompareFlags.Pop2));
        t.Add(Mnemonic.Ficom, ctx => Compare(ctx, X87CompareFlags.None));
        t.Add(Mnemonic.Ficomp, ctx => Compare(ctx, X87CompareFlags.Pop1));
        t.Add(Mnemonic.Fcomi, ctx => Comi(ctx, X87CompareFlags.None));
        t.Add(Mnemonic.Fcomip, ctx => Comi(ctx, X87CompareFlags.Pop1));
        t.Add(Mnemonic.Fucomi, ctx => Comi(ctx, X87CompareFlags.Quiet));
        t.Add(Mnemonic.Fucomip, ctx => Comi(ctx, X87CompareFlags.Quiet | X87CompareFlags.Pop1));

        AddUnary(t, Mnemonic.Fchs, X87Unary.Fchs);
        AddUnary(t, Mnemonic.Fabs, X87Unary.Fabs);
        AddUnary(t, Mnemonic.Fsqrt, X87Unary.Fsqrt);
        AddUnary(t, Mnemonic.Frndint, X87Unary.Frndint);
        AddUnary(t, Mnemonic.Ftst, X87Unary.Ftst);
        AddUnary(t, Mnemonic.Fxam, X87Unary.Fxam);
        AddUnary(t, Mnemonic.F2xm1, X87Unary.F2xm1);
        AddUnary(t, Mnemonic.Fsin, X87Unary.Fsin);
        AddUnary(t, Mnemonic.Fcos, X87Unary.Fcos);
        AddUnary(t, Mnemonic.Fsincos, X87Unary.Fsincos);
        AddUnary(t, Mnemonic.Fptan, X87Unary.Fptan);
        AddUnary(t, Mnemonic.Fpatan, X87Unary.Fpatan);
        AddUnary(t, Mnemonic.Fyl2x, X87Unary.Fyl2x);
        AddUnary(t, Mnemonic.Fyl2xp1, X87Unary.Fyl2xp1);
        AddUnary(t, Mnemonic.Fscale, X87Unary.Fscale);
        AddUnary(t, Mnemonic.Fxtract, X87Unary.Fxtract);
        AddUnary(t, Mnemonic.Fprem, X87Unary.Fprem);
        AddUnary(t, Mnemonic.Fprem1, X87Unary.Fprem1);
        AddUnary(t, Mnemonic.Fincstp, X87Unary.Fincstp);
        AddUnary(t, Mnemonic.Fdecstp, X87Unary.Fdecstp);
        AddUnary(t, Mnemonic.Fninit, X87Unary.Fninit);
        AddUnary(t, Mnemonic.Fnclex, X87Unary.Fnclex);
        AddUnary(t, Mnemonic.Wait, X87Unary.Fwait);
        AddUnary(t, Mnemonic.Fnop, X87Unary.Fnop);
        // 8087/287 control instructions that the 387 and later execute as no-ops.
        AddUnary(t, Mnemonic.Fneni, X87Unary.Fnop);
        AddUnary(t, Mnemonic.Fndisi, X87Unary.Fnop);
        AddUnary(t, Mnemonic.Fnsetpm, X87Unary.Fnop);
        AddUnary(t, Mnemonic.Fld1, X87Unary.Fld1);
        AddUnary(t, Mnemonic.Fldl2t, X87Unary.Fldl2t);
        AddUnary(t, Mnemonic.Fldl2e, X87Unary.Fldl2e);
        AddUnary(t, Mnemonic.Fldpi, X87Unary.Fldpi);
        AddUnary(t, Mnemonic.Fldlg2, X87Unary.Fldlg2);
        AddUnary(t, Mnemonic.Fldln2, X87Unary.Fldln2);
        AddUnary(t, Mnemonic.Fldz, X87Unary.Fldz);
        // The waiting forms Iced decodes as one instruction (9B prefix): wait first, then the no-wait form.
        t.Add(Mnemonic.Finit, ctx => { Wait(ctx); ctx.B.Call(HelperId.X87Unary, ctx.B.Const((uint)X87Unary.Fninit)); });
        t.Add(Mnemonic.Fclex, ctx => { Wait(ctx); ctx.B.Call(HelperId.X87Unary, ctx.B.Const((uint)X87Unary.Fnclex)); });

        t.Add(Mnemonic.Fxch, ctx => ctx.B.Call(HelperId.X87Exchange, ctx.B.Const(StIndex(ctx, SecondOrFirst(ctx)))));
        t.Add(Mnemonic.Ffree, ctx => ctx.B.Call(HelperId.X87Free, ctx.B.Const(StIndex(ctx, 0)), ctx.B.Const(0)));
        t.Add(Mnemonic.Ffreep, ctx => ctx.B.Call(HelperId.X87Free, ctx.B.Const(StIndex(ctx, 0)), ctx.B.Const(1)));
        t.Add(Mnemonic.Fcmovb, ctx => Fcmov(ctx, ConditionCode.b));
        t.Add(Mnemonic.Fcmove, ctx => Fcmov(ctx, ConditionCode.e));
        t.Add(Mnemonic.Fcmovbe, ctx => Fcmov(ctx, ConditionCode.be));
        t.Add(Mnemonic.Fcmovu, ctx => Fcmov(ctx, ConditionCode.p));
        t.Add(Mnemonic.Fcmovnb, ctx => Fcmov(ctx, ConditionCode.ae));
        t.Add(Mnemonic.Fcmovne, ctx => Fcmov(ctx, ConditionCode.ne));
        t.Add(Mnemonic.Fcmovnbe, ctx => Fcmov(ctx, ConditionCode.a));
        t.Add(Mnemonic.Fcmovnu, ctx => Fcmov(ctx, ConditionCode.np));

        t.Add(Mnemonic.Fnstsw, ctx => Fnstsw(ctx, wait: false));
        t.Add(Mnemonic.Fstsw, ctx => Fnstsw(ctx, wait: true));
        AddControl(t, Mnemonic.Fldcw, X87Control.Fldcw, false);
        AddControl(t, Mnemonic.Fnstcw, X87Control.Fnstcw, false);
        AddControl(t, Mnemonic.Fstcw, X87Control.Fnstcw, true);
        AddControl(t, Mnemonic.Fldenv, X87Control.Fldenv, false);
        AddControl(t, Mnemonic.Fnstenv, X87Control.Fnstenv, false);
        AddControl(t, Mnemonic.Fstenv, X87Control.Fnstenv, true);
        AddControl(t, Mnemonic.Fnsave, X87Control.Fnsave, false);
        AddControl(t, Mnemonic.Fsave, X87Control.Fnsave, true);
        AddControl(t, Mnemonic.Frstor, X87Control.Frstor, false);
        AddControl(t, Mnemonic.Fxsave, X87Control.Fxsave, false);
        AddControl(t, Mnemonic.Fxrstor, X87Control.Fxrstor, false);
    }

    private static void AddUnary(HandlerTable t, Mnemonic m, X87Unary op) =>
        t.Add(m, ctx => ctx.B.Call(HelperId.X87Unary, ctx.B.Const((uint)op)));

    private static void AddControl(HandlerTable t, Mnemonic m, X87Control op, bool wait) => t.Add(m, ctx =>
    {
        // The 16-bit (operand-size prefixed) environment layouts are not implemented.
        if (ctx.Insn.MemorySize is MemorySize.FpuEnv14 or MemorySize.FpuState94)
            throw new UnsupportedInstructionException($"{m} with a 16-bit environment layout");
        if (wait) Wait(ctx);
        int addr = ctx.MemoryAddress();
        ctx.SyncPc();
        ctx.B.Call(HelperId.X87Control, ctx.B.Const((uint)op), addr);
    });

    private static void Wait(FrontendContext ctx) => ctx.B.Call(HelperId.X87Unary, ctx.B.Const((uint)X87Unary.Fwait));

    /// <summary>The stack index of register operand <paramref name="i"/> (ST(0)..ST(7)).</summary>
    private static uint StIndex(FrontendContext ctx, int i) => (uint)(ctx.Insn.GetOpRegister(i) - IcedRegister.ST0);

    /// <summary>Operand 1 when the instruction has two (fxch st, st(i)), else operand 0.</summary>
    private static int SecondOrFirst(FrontendContext ctx) => ctx.Insn.OpCount > 1 ? 1 : 0;

    /// <summary>The x87 memory format of the current instruction's memory operand.</summary>
    private static X87MemKind MemKind(FrontendContext ctx, bool truncate = false) => ctx.Insn.MemorySize switch
    {
        MemorySize.Float32 => X87MemKind.Single,
        MemorySize.Float64 => X87MemKind.Double,
        MemorySize.Float80 => X87MemKind.Extended,
        MemorySize.Int16 => truncate ? X87MemKind.Int16Trunc : X87MemKind.Int16,
        MemorySize.Int32 => truncate ? X87MemKind.Int32Trunc : X87MemKind.Int32,
        MemorySize.Int64 => truncate ? X87MemKind.Int64Trunc : X87MemKind.Int64,
        MemorySize.Bcd => X87MemKind.Bcd,
        var s => throw new UnsupportedInstructionException($"x87 memory operand {s}"),
    };

    private static bool IsMemory(FrontendContext ctx, int i) => ctx.Insn.GetOpKind(i) == OpKind.Memory;

    private static void Fld(FrontendContext ctx)
    {
        if (IsMemory(ctx, 0)) Load(ctx);
        else ctx.B.Call(HelperId.X87LoadReg, ctx.B.Const(StIndex(ctx, 0)));
    }

    private static void Load(FrontendContext ctx)
    {
        var kind = MemKind(ctx);
        int addr = ctx.MemoryAddress();
        ctx.SyncPc();
        ctx.B.Call(HelperId.X87Load, ctx.B.Const((uint)kind), addr);
    }

    private static void Fst(FrontendContext ctx, bool pop)
    {
        if (IsMemory(ctx, 0)) StoreMem(ctx, pop, truncate: false);
        else ctx.B.Call(HelperId.X87StoreReg, ctx.B.Const(StIndex(ctx, 0)), ctx.B.Const(pop ? 1u : 0u));
    }

    private static void StoreMem(FrontendContext ctx, bool pop, bool truncate)
    {
        var kind = MemKind(ctx, truncate);
        int addr = ctx.MemoryAddress();
        ctx.SyncPc();
        ctx.B.Call(HelperId.X87Store, ctx.B.Const((uint)kind), addr, ctx.B.Const(pop ? 1u : 0u));
    }

    /// <summary>Two-operand arithmetic: register forms (dst op= src, popping forms pop after) or ST(0) op= memory.</summary>
    private static void Arith(FrontendContext ctx, X87ArithOp op, bool pop)
    {
        if (ctx.Insn.OpCount == 1 && IsMemory(ctx, 0))
        {
            var kind = MemKind(ctx);
            int addr = ctx.MemoryAddress();
            ctx.SyncPc();
            ctx.B.Call(HelperId.X87ArithMem, ctx.B.Const((uint)op), ctx.B.Const((uint)kind), addr);
            return;
        }
        uint dst, src;
        if (ctx.Insn.OpCount == 2)
        {
            dst = StIndex(ctx, 0);
            src = StIndex(ctx, 1);
        }
        else
        {
            // faddp with no operands is faddp st(1), st(0).
            dst = ctx.Insn.OpCount == 1 ? StIndex(ctx, 0) : 1;
            src = 0;
        }
        ctx.B.Call(HelperId.X87ArithReg, ctx.B.Const((uint)op), ctx.B.Const(dst), ctx.B.Const(src), ctx.B.Const(pop ? 1u : 0u));
    }

    private static void Compare(FrontendContext ctx, X87CompareFlags mode)
    {
        if (ctx.Insn.OpCount >= 1 && IsMemory(ctx, ctx.Insn.OpCount - 1))
        {
            var kind = MemKind(ctx);
            int addr = ctx.MemoryAddress();
            ctx.SyncPc();
            ctx.B.Call(HelperId.X87Compare, ctx.B.Const((uint)(mode | X87CompareFlags.Memory)), ctx.B.Const((uint)kind), addr);
            return;
        }
        // fcom st(i) / fcom st, st(i) / fcompp (st(1)).
        uint i = ctx.Insn.OpCount switch
        {
            0 => 1,
            1 => StIndex(ctx, 0),
            _ => StIndex(ctx, 1),
        };
        ctx.B.Call(HelperId.X87Compare, ctx.B.Const(mode.With(i)), ctx.B.Const(0), ctx.B.Const(0));
    }

    private static void Comi(FrontendContext ctx, X87CompareFlags mode)
    {
        uint i = StIndex(ctx, ctx.Insn.OpCount - 1);
        int flags = ctx.B.Call(HelperId.X87Comi, ctx.B.Const(mode.With(i)));
        ctx.SetEflags(flags);
    }

    private static void Fcmov(FrontendContext ctx, ConditionCode cc)
    {
        int cond = ctx.ConditionValue(ctx.Condition(cc));
        ctx.B.Call(HelperId.X87Fcmov, cond, ctx.B.Const(StIndex(ctx, 1)));
    }

    private static void Fnstsw(FrontendContext ctx, bool wait)
    {
        if (wait) Wait(ctx);
        if (IsMemory(ctx, 0))
        {
            int addr = ctx.MemoryAddress();
            ctx.SyncPc();
            ctx.B.Call(HelperId.X87Control, ctx.B.Const((uint)X87Control.Fnstsw), addr);
            return;
        }
        int sw = ctx.B.Call(HelperId.X87StatusWord);
        ctx.WriteReg(IcedRegister.AX, sw);
    }
}
