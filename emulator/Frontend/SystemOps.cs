using Hdbt.Guest;
using Hdbt.Ir;
using Iced.Intel;
using Hdbt.Host;
using Hdbt.Helpers;

namespace Hdbt.Frontend;

/// <summary>System and miscellaneous instructions: int 0x80, int3, ud2, hlt, cpuid, rdtsc, nop forms, fences, prefetches.</summary>
public static class SystemOps
{
    public static void Register(HandlerTable t)
    {
        t.Add(Nop, Mnemonic.Nop, Mnemonic.Pause, Mnemonic.Endbr32, Mnemonic.Prefetchnta, Mnemonic.Prefetcht0,
            Mnemonic.Prefetcht1, Mnemonic.Prefetcht2, Mnemonic.Prefetchw, Mnemonic.Lfence, Mnemonic.Mfence, Mnemonic.Sfence);
        t.Add(Mnemonic.Int, Int);
        t.Add(Mnemonic.Int3, ctx => Trap(ctx, Signals.SIGTRAP));
        t.Add(Mnemonic.Into, Into);
        t.Add(Mnemonic.Ud2, ctx => ctx.Raise(Signals.SIGILL));
        t.Add(Mnemonic.Ud0, ctx => ctx.Raise(Signals.SIGILL));
        t.Add(Mnemonic.Ud1, ctx => ctx.Raise(Signals.SIGILL));
        // Privileged instructions fault with #GP, which Linux delivers as SIGSEGV (address 0).
        t.Add(Privileged, Mnemonic.Hlt, Mnemonic.Cli, Mnemonic.Sti, Mnemonic.In, Mnemonic.Out, Mnemonic.Insb,
            Mnemonic.Insw, Mnemonic.Insd, Mnemonic.Outsb, Mnemonic.Outsw, Mnemonic.Outsd, Mnemonic.Lgdt, Mnemonic.Lidt,
            Mnemonic.Invd, Mnemonic.Wbinvd, Mnemonic.Wrmsr, Mnemonic.Rdmsr);
        t.Add(Mnemonic.Cpuid, ctx => ctx.B.Call(HelperId.Cpuid));
        t.Add(Mnemonic.Rdtsc, ctx => ctx.B.Call(HelperId.Rdtsc));
    }

    private static void Nop(FrontendContext ctx)
    {
        // Fences and prefetches need no work in a single-threaded emulation; a prefetch never faults.
    }

    private static void Int(FrontendContext ctx)
    {
        if (ctx.Insn.Immediate8 == 0x80)
        {
            ctx.B.Mov(IrBuilder.Global(GlobalSlot.Eip), ctx.B.Const(ctx.NextPc));
            ctx.B.ExitSyscall();
            ctx.BlockEnded = true;
            return;
        }
        // Any other vector is not accessible from user mode: #GP, SIGSEGV.
        ctx.Raise(Signals.SIGSEGV, 0);
    }

    /// <summary>int3 and into report the pc after the instruction, as the kernel does for traps.</summary>
    private static void Trap(FrontendContext ctx, int signal)
    {
        ctx.B.Mov(IrBuilder.Global(GlobalSlot.Eip), ctx.B.Const(ctx.NextPc));
        ctx.B.Raise(signal, -1);
        ctx.BlockEnded = true;
    }

    private static void Into(FrontendContext ctx)
    {
        var c = ctx.Condition(ConditionCode.o);
        int label = ctx.B.NewLabel();
        ctx.B.BrCond(c.Cond.Invert(), c.A, c.B, label);
        ctx.B.Mov(IrBuilder.Global(GlobalSlot.Eip), ctx.B.Const(ctx.NextPc));
        ctx.B.Raise(Signals.SIGSEGV, -1);
        ctx.B.Label(label);
    }

    private static void Privileged(FrontendContext ctx) => ctx.Raise(Signals.SIGSEGV, 0);
}
