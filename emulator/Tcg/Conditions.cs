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

    /// <summary>The near <c>jcc</c> of a condition.</summary>
    public static Code Jcc(Cond c) => c switch
    {
        Cond.Eq or Cond.TstEq => Code.Je_rel32_64,
        Cond.Ne or Cond.TstNe => Code.Jne_rel32_64,
        Cond.LtU => Code.Jb_rel32_64,
        Cond.GeU => Code.Jae_rel32_64,
        Cond.LeU => Code.Jbe_rel32_64,
        Cond.GtU => Code.Ja_rel32_64,
        Cond.Lt => Code.Jl_rel32_64,
        Cond.Ge => Code.Jge_rel32_64,
        Cond.Le => Code.Jle_rel32_64,
        Cond.Gt => Code.Jg_rel32_64,
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };
}
