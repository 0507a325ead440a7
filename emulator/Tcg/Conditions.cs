using Hdbt.Ir;
using Iced.Intel;

namespace Hdbt.Tcg;

/// <summary>IR conditions as x86 condition codes (after <c>cmp a, b</c> or, for tst*, <c>test a, b</c>).</summary>
public static class Conditions
{
    public static Code Setcc(Cond c) => c switch
    {
        Cond.Eq or Cond.TstEq => Code.Sete_rm8,
        Cond.Ne or Cond.TstNe => Code.Setne_rm8,
        Cond.LtU => Code.Setb_rm8,
        Cond.GeU => Code.Setae_rm8,
        Cond.LeU => Code.Setbe_rm8,
        Cond.GtU => Code.Seta_rm8,
        Cond.Lt => Code.Setl_rm8,
        Cond.Ge => Code.Setge_rm8,
        Cond.Le => Code.Setle_rm8,
        Cond.Gt => Code.Setg_rm8,
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    /// <summary><c>jcc label</c> for a condition.</summary>
    public static void Jump(Assembler a, Cond c, Label l)
    {
        switch (c)
        {
            case Cond.Eq or Cond.TstEq: a.je(l); break;
            case Cond.Ne or Cond.TstNe: a.jne(l); break;
            case Cond.LtU: a.jb(l); break;
            case Cond.GeU: a.jae(l); break;
            case Cond.LeU: a.jbe(l); break;
            case Cond.GtU: a.ja(l); break;
            case Cond.Lt: a.jl(l); break;
            case Cond.Ge: a.jge(l); break;
            case Cond.Le: a.jle(l); break;
            case Cond.Gt: a.jg(l); break;
            default: throw new ArgumentOutOfRangeException(nameof(c));
        }
    }
}
