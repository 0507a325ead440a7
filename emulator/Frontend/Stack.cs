using Hdbt.Guest;
using Hdbt.Ir;
using Iced.Intel;
using IcedRegister = Iced.Intel.Register;

namespace Hdbt.Frontend;

/// <summary>Stack instructions: push, pop, pusha/popa, pushf/popf, enter, leave.</summary>
public static class Stack
{
    public static void Register(HandlerTable t)
    {
        t.Add(Mnemonic.Push, Push);
        t.Add(Mnemonic.Pop, Pop);
        t.Add(Pusha, Mnemonic.Pushad, Mnemonic.Pusha);
        t.Add(Popa, Mnemonic.Popad, Mnemonic.Popa);
        t.Add(Pushf, Mnemonic.Pushfd, Mnemonic.Pushf);
        t.Add(Popf, Mnemonic.Popfd, Mnemonic.Popf);
        t.Add(Mnemonic.Enter, Enter);
        t.Add(Mnemonic.Leave, Leave);
    }

    /// <summary>Operand size of a stack instruction: 2 with the 0x66 prefix, else 4.</summary>
    /// <remarks>From the opcode (the 16-bit forms are listed), not from the stack pointer increment, which is
    /// not ±2 for a 16-bit enter (it includes the frame) or leave (ESP comes from EBP). Not from
    /// <c>Code.ToOpCode().OperandSize</c> either: its first use builds Iced's table of every opcode's
    /// description, strings included, which cost a cold process about 2 ms, a tenth of a hello world.</remarks>
    internal static int StackSize(in Instruction i) => i.Code switch
    {
        Code.Push_r16 or Code.Pop_r16 or Code.Push_rm16 or Code.Pop_rm16 or Code.Push_imm16 or Code.Pushw_imm8
            or Code.Pushw_ES or Code.Pushw_CS or Code.Pushw_SS or Code.Pushw_DS or Code.Pushw_FS or Code.Pushw_GS
            or Code.Popw_ES or Code.Popw_CS or Code.Popw_SS or Code.Popw_DS or Code.Popw_FS or Code.Popw_GS
            or Code.Pushfw or Code.Popfw or Code.Enterw_imm16_imm8 or Code.Leavew => 2,
        _ => 4,
    };

    private static void Push(FrontendContext ctx)
    {
        var i = ctx.Insn;
        int size = StackSize(i);
        int v;
        if (i.Op0Kind == OpKind.Register && i.Op0Register.IsSegmentRegister())
            v = ctx.B.Call(HelperId.ReadSegment, ctx.SegmentArg(i.Op0Register));
        else
        {
            v = ctx.Read(0);
            // push imm8 sign-extends to the stack width; Read already gives the 32-bit value.
        }
        ctx.Push(v, size);
    }

    private static void Pop(FrontendContext ctx)
    {
        var i = ctx.Insn;
        int size = StackSize(i);
        int v = ctx.Pop(size);
        if (i.Op0Kind == OpKind.Register && i.Op0Register.IsSegmentRegister())
        {
            ctx.SyncPc();
            ctx.B.Call(HelperId.LoadSegment, ctx.SegmentArg(i.Op0Register), v);
            return;
        }
        // A memory destination's address is computed with ESP already incremented.
        ctx.Write(0, v);
    }

    private static void Pusha(FrontendContext ctx)
    {
        int size = ctx.Insn.Mnemonic == Mnemonic.Pusha ? 2 : 4;
        int esp = ctx.Copy(IrBuilder.Global(GlobalSlot.Esp));
        var b = ctx.B;
        for (int r = 0; r < 8; r++)
        {
            int value = r == 4 ? esp : r;
            int addr = b.Sub(esp, b.Const((uint)(size * (r + 1))));
            ctx.Store(size, value, addr);
        }
        b.Mov(IrBuilder.Global(GlobalSlot.Esp), b.Sub(esp, b.Const((uint)(size * 8))));
    }

    private static void Popa(FrontendContext ctx)
    {
        int size = ctx.Insn.Mnemonic == Mnemonic.Popa ? 2 : 4;
        int esp = ctx.Copy(IrBuilder.Global(GlobalSlot.Esp));
        var b = ctx.B;
        var values = new int[8];
        for (int r = 0; r < 8; r++)
            if (r != 4) values[r] = ctx.Load(size, b.AddI(esp, (uint)(size * (7 - r))));
        var regs = size == 2 ? IcedRegister.AX : IcedRegister.EAX;
        for (int r = 0; r < 8; r++)
            if (r != 4) ctx.WriteReg(regs + r, values[r]);
        b.Mov(IrBuilder.Global(GlobalSlot.Esp), b.AddI(esp, (uint)(size * 8)));
    }

    /// <summary>The whole EFLAGS value as pushf stores it.</summary>
    public static int ReadEflags(FrontendContext ctx)
    {
        var b = ctx.B;
        int arith = ctx.ComputeEflags();
        int df = b.And(IrBuilder.Global(GlobalSlot.Df), b.Const(Flags.DF));
        int rest = b.Or(IrBuilder.Global(GlobalSlot.EflagsRest), b.Const(Flags.Reserved1 | Flags.IF));
        return b.Or(b.Or(arith, df), rest);
    }

    private static void Pushf(FrontendContext ctx) => ctx.Push(ReadEflags(ctx), StackSize(ctx.Insn));

    private static void Popf(FrontendContext ctx)
    {
        int size = StackSize(ctx.Insn);
        int v = ctx.Pop(size);
        if (size == 2)
            v = ctx.B.Or(v, ctx.B.And(IrBuilder.Global(GlobalSlot.EflagsRest), ctx.B.Const(0xFFFF_0000)));
        ctx.B.Call(HelperId.Popf, v);
        ctx.FlagsUnknown();
    }

    private static void Enter(FrontendContext ctx)
    {
        var b = ctx.B;
        uint frameSize = ctx.Insn.Immediate16;
        int level = ctx.Insn.Immediate8_2nd & 31;
        int size = StackSize(ctx.Insn);
        int ebp = IrBuilder.Global(GlobalSlot.Ebp);
        ctx.Push(ctx.Copy(ebp), size);
        int frameTemp = ctx.Copy(IrBuilder.Global(GlobalSlot.Esp));
        if (level > 0)
        {
            int oldEbp = ctx.Copy(ebp);
            for (int i = 1; i < level; i++)
            {
                int addr = b.Sub(oldEbp, b.Const((uint)(size * i)));
                ctx.Push(ctx.Load(size, addr), size);
            }
            ctx.Push(frameTemp, size);
        }
        if (size == 2) ctx.WriteReg(IcedRegister.BP, frameTemp);
        else b.Mov(ebp, frameTemp);
        int esp = IrBuilder.Global(GlobalSlot.Esp);
        b.Mov(esp, b.Sub(esp, b.Const(frameSize)));
    }

    private static void Leave(FrontendContext ctx)
    {
        int size = StackSize(ctx.Insn);
        ctx.B.Mov(IrBuilder.Global(GlobalSlot.Esp), ctx.Copy(IrBuilder.Global(GlobalSlot.Ebp)));
        int v = ctx.Pop(size);
        if (size == 2) ctx.WriteReg(IcedRegister.BP, v);
        else ctx.B.Mov(IrBuilder.Global(GlobalSlot.Ebp), v);
    }
}
