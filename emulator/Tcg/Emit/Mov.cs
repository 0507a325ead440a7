using Hdbt.Ir;
using Iced.Intel;

namespace Hdbt.Tcg.Emit;

/// <summary>Emission of moves, sign/zero extensions and deposits (8- and 16-bit register writes).</summary>
public static class Mov
{
    public static void Move(CodeGenerator g, in Op op) => g.Move(g.L(op.D0), g.L(op.S0));

    public static void Extend(CodeGenerator g, in Op op)
    {
        Loc d = g.L(op.D0), a = g.L(op.S0);
        if (a.IsImm)
        {
            uint v = op.Code switch
            {
                Opcode.Ext8S => (uint)(sbyte)a.Imm,
                Opcode.Ext8U => (byte)a.Imm,
                Opcode.Ext16S => (uint)(short)a.Imm,
                _ => (ushort)a.Imm,
            };
            g.Move(d, Loc.Const(v));
            return;
        }
        Code code = op.Code switch
        {
            Opcode.Ext8S => Code.Movsx_r32_rm8,
            Opcode.Ext8U => Code.Movzx_r32_rm8,
            Opcode.Ext16S => Code.Movsx_r32_rm16,
            _ => Code.Movzx_r32_rm16,
        };
        bool bytes = op.Code is Opcode.Ext8S or Opcode.Ext8U;
        Register dst = d.IsReg ? d.R32 : Register.EAX;
        if (a.IsReg) g.Emit(Instruction.Create(code, dst, bytes ? HostRegs.R8(a.Reg) : HostRegs.R16(a.Reg)));
        else g.Emit(Instruction.Create(code, dst, a.Memory));
        if (!d.IsReg) g.MovFromReg(d, Register.EAX);
    }

    public static void Deposit(CodeGenerator g, in Op op)
    {
        Loc d = g.L(op.D0), a = g.L(op.S0), b = g.L(op.S1);
        int pos = (int)(op.Imm & 0xFF), len = (int)(op.Imm >> 8);
        if (a.IsImm && b.IsImm)
        {
            g.Move(d, Loc.Const(ConstantFolding.Deposit(a.Imm, b.Imm, op.Imm)));
            return;
        }
        // The common case: AL/AX-style writes into the register itself (d == a, pos 0, len 8/16).
        if (d.SameAs(a) && pos == 0 && len is 8 or 16 && (d.IsReg || d.IsMem))
        {
            if (b.IsImm)
            {
                if (len == 8)
                {
                    if (d.IsReg) g.Emit(Instruction.Create(Code.Mov_r8_imm8, HostRegs.R8(d.Reg), b.Imm & 0xFF));
                    else g.Emit(Instruction.Create(Code.Mov_rm8_imm8, d.Memory, b.Imm & 0xFF));
                }
                else
                {
                    if (d.IsReg) g.Emit(Instruction.Create(Code.Mov_r16_imm16, HostRegs.R16(d.Reg), b.Imm & 0xFFFF));
                    else g.Emit(Instruction.Create(Code.Mov_rm16_imm16, d.Memory, b.Imm & 0xFFFF));
                }
                return;
            }
            Register src = g.InReg(b, Register.ECX);
            Register src64 = HostRegs.R64(src);
            if (len == 8)
            {
                if (d.IsReg) g.Emit(Instruction.Create(Code.Mov_r8_rm8, HostRegs.R8(d.Reg), HostRegs.R8(src64)));
                else g.Emit(Instruction.Create(Code.Mov_rm8_r8, d.Memory, HostRegs.R8(src64)));
            }
            else
            {
                if (d.IsReg) g.Emit(Instruction.Create(Code.Mov_r16_rm16, HostRegs.R16(d.Reg), HostRegs.R16(src64)));
                else g.Emit(Instruction.Create(Code.Mov_rm16_r16, d.Memory, HostRegs.R16(src64)));
            }
            return;
        }
        uint field = len >= 32 ? 0xFFFF_FFFFu : (1u << len) - 1;
        uint mask = field << pos;
        // eax = (b << pos) & mask; ecx = a & ~mask; d = eax | ecx.
        g.MovToReg(Register.EAX, b);
        if (pos != 0) g.Emit(Instruction.Create(Code.Shl_rm32_imm8, Register.EAX, pos));
        g.Emit(Instruction.Create(Code.And_rm32_imm32, Register.EAX, mask));
        g.MovToReg(Register.ECX, a);
        g.Emit(Instruction.Create(Code.And_rm32_imm32, Register.ECX, ~mask));
        g.Emit(Instruction.Create(Code.Or_r32_rm32, Register.EAX, Register.ECX));
        g.MovFromReg(d, Register.EAX);
    }
}
