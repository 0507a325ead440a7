using Hdbt.Ir;
using Iced.Intel;
using IcedRegister = Iced.Intel.Register;

namespace Hdbt.Frontend;

/// <summary>
/// Shared emission for SSE, SSE2 and MMX instructions: each becomes one helper call naming an
/// <see cref="SseOp"/> (packed with <see cref="SseOpBits"/>), register indices and a guest address.
/// </summary>
public static class SseEmit
{
    /// <summary>Index (0..7) of an XMM or MMX register and whether it is an MMX register.</summary>
    public static (uint Index, bool Mm) Reg(IcedRegister r)
    {
        if (r >= IcedRegister.XMM0 && r <= IcedRegister.XMM7) return ((uint)(r - IcedRegister.XMM0), false);
        if (r >= IcedRegister.MM0 && r <= IcedRegister.MM7) return ((uint)(r - IcedRegister.MM0), true);
        throw new UnsupportedInstructionException($"register {r}");
    }

    /// <summary>The instruction's imm8 when its last operand is one.</summary>
    public static uint Imm(in Instruction i) =>
        i.OpCount > 0 && i.GetOpKind(i.OpCount - 1) == OpKind.Immediate8 ? i.Immediate8 : 0u;

    /// <summary>
    /// dst (operand 0, a register) op= src (operand 1: register or memory; an imm8-only form uses
    /// the destination as a dummy source). Register files follow the operands.
    /// </summary>
    public static void Op(FrontendContext ctx, SseOp op)
    {
        var i = ctx.Insn;
        var (d, dmm) = Reg(i.Op0Register);
        uint flags = dmm ? SseOpBits.DstMm : 0;
        var b = ctx.B;
        ctx.SyncPc();
        switch (i.Op1Kind)
        {
            case OpKind.Register:
            {
                var (s, smm) = Reg(i.Op1Register);
                if (smm) flags |= SseOpBits.SrcMm;
                b.Call(HelperId.SseReg, b.Const(SseOpBits.Pack(op, flags, Imm(i))), b.Const(d), b.Const(s));
                break;
            }
            case OpKind.Memory:
            {
                int address = ctx.MemoryAddress();
                b.Call(HelperId.SseMem, b.Const(SseOpBits.Pack(op, flags, Imm(i))), b.Const(d), address,
                    b.Const((uint)i.MemorySize.GetSize()));
                break;
            }
            default:
                b.Call(HelperId.SseReg, b.Const(SseOpBits.Pack(op, flags, Imm(i))), b.Const(d), b.Const(d));
                break;
        }
    }

    /// <summary>Stores register operand 1 to the memory operand 0.</summary>
    public static void Store(FrontendContext ctx, SseOp op)
    {
        var (s, smm) = Reg(ctx.Insn.Op1Register);
        int address = ctx.MemoryAddress();
        ctx.SyncPc();
        ctx.B.Call(HelperId.SseStore, ctx.B.Const(SseOpBits.Pack(op, smm ? SseOpBits.SrcMm : 0)), ctx.B.Const(s), address);
    }

    /// <summary>A move: store when operand 0 is memory, else a register-register or load operation.</summary>
    public static InstructionHandler Move(SseOp regOp, SseOp loadOp, SseOp storeOp) => ctx =>
    {
        if (ctx.Insn.Op0Kind == OpKind.Memory) Store(ctx, storeOp);
        else Op(ctx, ctx.Insn.Op1Kind == OpKind.Memory ? loadOp : regOp);
    };

    /// <summary>A value for a general register from operand <paramref name="srcOperand"/> (register, or memory read by the helper).</summary>
    public static int ToGpr(FrontendContext ctx, SseOp op, int srcOperand)
    {
        var i = ctx.Insn;
        var b = ctx.B;
        ctx.SyncPc();
        if (i.GetOpKind(srcOperand) == OpKind.Memory)
            return b.Call(HelperId.SseToGpr, b.Const(SseOpBits.Pack(op, 0, Imm(i))), ctx.MemoryAddress(),
                b.Const((uint)i.MemorySize.GetSize()));
        var (s, smm) = Reg(i.GetOpRegister(srcOperand));
        return b.Call(HelperId.SseToGpr, b.Const(SseOpBits.Pack(op, smm ? SseOpBits.SrcMm : 0, Imm(i))), b.Const(s), b.Const(0));
    }

    /// <summary>Puts a 32-bit value into register operand 0 (or MXCSR).</summary>
    public static void FromGpr(FrontendContext ctx, SseOp op, uint dst, bool mm, int value)
    {
        ctx.SyncPc();
        ctx.B.Call(HelperId.GprToSse, ctx.B.Const(SseOpBits.Pack(op, mm ? SseOpBits.DstMm : 0, Imm(ctx.Insn))), ctx.B.Const(dst), value);
    }

    /// <summary>Registers one operation for mnemonics whose forms all take (register, register/memory[, imm8]).</summary>
    public static void Add(HandlerTable t, Mnemonic m, SseOp op) => t.Add(m, ctx => Op(ctx, op));

    /// <summary>True when the instruction's operand 0 or 1 is an XMM register (tells SSE movsd/cmpsd from the string ops).</summary>
    public static bool HasXmm(in Instruction i) =>
        (i.OpCount > 0 && i.Op0Kind == OpKind.Register && i.Op0Register.IsXMM()) ||
        (i.OpCount > 1 && i.Op1Kind == OpKind.Register && i.Op1Register.IsXMM());
}
