using System.Buffers.Binary;
using System.Numerics;
using Hdbt.Ir;
using Iced.Intel;

namespace Hdbt.Tcg.Emit;

/// <summary>Emission of bswap, clz and ctz.</summary>
public static class Bit
{
    public static void Emit(CodeGenerator g, in Op op)
    {
        Loc d = g.L(op.D0), a = g.L(op.S0);
        if (a.IsImm)
        {
            uint v = op.Code switch
            {
                Opcode.Bswap => BinaryPrimitives.ReverseEndianness(a.Imm),
                Opcode.Clz => (uint)BitOperations.LeadingZeroCount(a.Imm),
                _ => a.Imm == 0 ? 32u : (uint)BitOperations.TrailingZeroCount(a.Imm),
            };
            g.Move(d, Loc.Const(v));
            return;
        }
        switch (op.Code)
        {
            case Opcode.Bswap:
                g.MovToReg(Register.EAX, a);
                g.Emit(Instruction.Create(Code.Bswap_r32, Register.EAX));
                break;
            case Opcode.Clz:
                // bsr leaves its destination undefined for 0: select 63 then, and 63 ^ 31 = 32.
                g.Emit(Instruction.Create(Code.Mov_r32_imm32, Register.ECX, 63u));
                Bsx(g, Code.Bsr_r32_rm32, a);
                g.Emit(Instruction.Create(Code.Cmove_r32_rm32, Register.EAX, Register.ECX));
                g.Emit(Instruction.Create(Code.Xor_rm32_imm8, Register.EAX, 31));
                break;
            default:
                g.Emit(Instruction.Create(Code.Mov_r32_imm32, Register.ECX, 32u));
                Bsx(g, Code.Bsf_r32_rm32, a);
                g.Emit(Instruction.Create(Code.Cmove_r32_rm32, Register.EAX, Register.ECX));
                break;
        }
        g.MovFromReg(d, Register.EAX);
    }

    private static void Bsx(CodeGenerator g, Code code, in Loc a)
    {
        if (a.IsReg) g.Emit(Instruction.Create(code, Register.EAX, a.R32));
        else g.Emit(Instruction.Create(code, Register.EAX, a.Memory));
    }
}
