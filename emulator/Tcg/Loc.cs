using Iced.Intel;

namespace Hdbt.Tcg;

/// <summary>The home of one IR temp in generated code.</summary>
public readonly struct Loc
{
    public readonly LocKind Kind;
    /// <summary>For <see cref="LocKind.Reg"/>: the 64-bit host register.</summary>
    public readonly Register Reg;
    /// <summary>For <see cref="LocKind.Mem"/>: base register and displacement.</summary>
    public readonly Register Base;
    public readonly int Disp;
    public readonly uint Imm;

    private Loc(LocKind kind, Register reg, Register @base, int disp, uint imm)
    {
        Kind = kind; Reg = reg; Base = @base; Disp = disp; Imm = imm;
    }

    public static Loc InReg(Register r64) => new(LocKind.Reg, r64, Register.None, 0, 0);
    public static Loc InMem(Register @base, int disp) => new(LocKind.Mem, Register.None, @base, disp, 0);
    public static Loc Const(uint value) => new(LocKind.Imm, Register.None, Register.None, 0, value);

    public bool IsReg => Kind == LocKind.Reg;
    public bool IsMem => Kind == LocKind.Mem;
    public bool IsImm => Kind == LocKind.Imm;

    public Register R32 => HostRegs.R32(Reg);
    public MemoryOperand Memory => new(Base, Disp);

    public bool SameAs(in Loc o) => Kind == o.Kind && Reg == o.Reg && Base == o.Base && Disp == o.Disp && Imm == o.Imm;
}
