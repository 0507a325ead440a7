using Hdbt.Guest;
using Hdbt.Ir;
using Iced.Intel;

namespace Hdbt.Tcg.Emit;

/// <summary>
/// Emission of guest loads and stores: <c>[r15 + address]</c>, one host instruction, where the host's
/// page protection enforces the guest's rights (<see cref="CodeGenerator.DirectLoads"/>,
/// <see cref="CodeGenerator.DirectStores"/>); otherwise after an inline check of the guest page-flags
/// table, where a failed check (no right, page holding code for stores, an access crossing a page)
/// takes an out-of-line slow path through the checked C# accessors, which fault, invalidate code or
/// do the access.
/// </summary>
public static class Memory
{
    public static void Load(CodeGenerator g, in Op op)
    {
        Loc d = g.L(op.D0);
        Register x = Address(g, g.L(op.S0));
        int size = op.Mem.Bytes();
        int slow = g.E.CreateLabel(), done = g.E.CreateLabel();
        if (!g.DirectLoads) CheckPage(g, x, size, PageFlags.Read, slow);
        var mem = new MemoryOperand(HostRegs.MemBase, x, 1);
        Register dst = d.IsReg ? d.R32 : Register.EAX;
        Code code = op.Mem switch
        {
            MemOp.U8 => Code.Movzx_r32_rm8,
            MemOp.S8 => Code.Movsx_r32_rm8,
            MemOp.U16 => Code.Movzx_r32_rm16,
            MemOp.S16 => Code.Movsx_r32_rm16,
            _ => Code.Mov_r32_rm32,
        };
        g.Emit(Instruction.Create(code, dst, mem));
        if (!d.IsReg) g.MovFromReg(d, Register.EAX);
        g.Bind(done);
        if (g.DirectLoads) return;
        g.OutOfLine(new OutOfLineCode(OutOfLineKind.SlowLoad, slow, done, g.CurrentPc, Value: d, Address: x, Mem: op.Mem));
    }

    /// <summary>The slow path of a checked load (<see cref="OutOfLineKind.SlowLoad"/>), up to the jump back.</summary>
    internal static void SlowLoad(CodeGenerator g, in OutOfLineCode c)
    {
        g.Emit(Instruction.Create(Code.Mov_r32_rm32, Register.EAX, HostRegs.R32(c.Address)));
        g.E.CallTo(g.LoadStub(c.Mem));
        g.CheckFault(c.Pc);
        g.MovFromReg(c.Value, Register.EAX);
    }

    public static void Store(CodeGenerator g, in Op op)
    {
        Loc v = g.L(op.S0);
        Register x = Address(g, g.L(op.S1));
        int size = op.Mem.Bytes();
        int slow = g.E.CreateLabel(), done = g.E.CreateLabel();
        // Direct stores: the host's page protection enforces the guest's rights and catches writes to code.
        if (!g.DirectStores) CheckPage(g, x, size, PageFlags.Write, slow);
        var mem = new MemoryOperand(HostRegs.MemBase, x, 1);
        if (v.IsImm)
        {
            g.Emit(size switch
            {
                1 => Instruction.Create(Code.Mov_rm8_imm8, mem, v.Imm & 0xFF),
                2 => Instruction.Create(Code.Mov_rm16_imm16, mem, v.Imm & 0xFFFF),
                _ => Instruction.Create(Code.Mov_rm32_imm32, mem, v.Imm),
            });
        }
        else
        {
            Register r = HostRegs.R64(g.InReg(v, Register.EAX));
            g.Emit(size switch
            {
                1 => Instruction.Create(Code.Mov_rm8_r8, mem, HostRegs.R8(r)),
                2 => Instruction.Create(Code.Mov_rm16_r16, mem, HostRegs.R16(r)),
                _ => Instruction.Create(Code.Mov_rm32_r32, mem, HostRegs.R32(r)),
            });
        }
        g.Bind(done);
        if (g.DirectStores) return;
        g.OutOfLine(new OutOfLineCode(OutOfLineKind.SlowStore, slow, done, g.CurrentPc, Value: v, Address: x, Mem: op.Mem));
    }

    /// <summary>The slow path of a checked store (<see cref="OutOfLineKind.SlowStore"/>), up to the jump back.</summary>
    internal static void SlowStore(CodeGenerator g, in OutOfLineCode c)
    {
        // Address first: it may be in ECX, which then receives the value (never in EAX or ECX itself).
        g.Emit(Instruction.Create(Code.Mov_r32_rm32, Register.EAX, HostRegs.R32(c.Address)));
        g.MovToReg(Register.ECX, c.Value);
        g.E.CallTo(g.StoreStub(c.Mem));
        g.CheckFault(c.Pc);
    }

    /// <summary>The 64-bit register holding the guest address (upper half zero): its own, or RCX loaded.</summary>
    internal static Register Address(CodeGenerator g, in Loc a)
    {
        if (a.IsReg) return a.Reg;
        g.MovToReg(Register.ECX, a);
        return Register.RCX;
    }

    /// <summary>
    /// Jumps to <paramref name="slow"/> unless the page has <paramref name="right"/> (and, for
    /// stores, holds no translated code) and the access stays inside the page.
    /// </summary>
    internal static void CheckPage(CodeGenerator g, Register x, int size, PageFlags right, int slow)
    {
        Register x32 = HostRegs.R32(x);
        g.Emit(Instruction.Create(Code.Mov_r32_rm32, Register.EAX, x32));
        g.Emit(Instruction.Create(Code.Shr_rm32_imm8, Register.EAX, GuestMemory.PageShift));
        g.Emit(Instruction.Create(Code.Add_r64_rm64, Register.RAX, CodeGenerator.Stack(Frame.PageTable)));
        if (right == PageFlags.Read)
        {
            g.Emit(Instruction.Create(Code.Test_rm8_imm8, new MemoryOperand(Register.RAX), (uint)PageFlags.Read));
            g.E.Branch(Code.Je_rel32_64, slow);
        }
        else
        {
            g.Emit(Instruction.Create(Code.Movzx_r32_rm8, Register.EAX, new MemoryOperand(Register.RAX)));
            g.Emit(Instruction.Create(Code.And_rm32_imm8, Register.EAX, (int)(PageFlags.Write | PageFlags.Code)));
            g.Emit(Instruction.Create(Code.Cmp_rm32_imm8, Register.EAX, (int)PageFlags.Write));
            g.E.Branch(Code.Jne_rel32_64, slow);
        }
        if (size > 1)
        {
            g.Emit(Instruction.Create(Code.Mov_r32_rm32, Register.EAX, x32));
            g.Emit(Instruction.Create(Code.And_rm32_imm32, Register.EAX, (int)GuestMemory.PageMask));
            g.Emit(Instruction.Create(Code.Cmp_rm32_imm32, Register.EAX, (int)(GuestMemory.PageSize - (uint)size)));
            g.E.Branch(Code.Ja_rel32_64, slow);
        }
    }
}
