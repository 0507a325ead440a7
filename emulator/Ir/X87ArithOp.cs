namespace Hdbt.Ir;

/// <summary>
/// The two-operand x87 arithmetic operations: argument s0 of <see cref="HelperId.X87ArithReg"/> and
/// <see cref="HelperId.X87ArithMem"/>. The values are the x86 encoding's ModRM reg field of the
/// D8/DC/DE (and DA/DE integer) opcodes, so a backend can index its own tables by it; 2 and 3 (fcom,
/// fcomp) are compares, which take <see cref="HelperId.X87Compare"/> instead.
/// </summary>
public enum X87ArithOp : uint
{
    /// <summary>dst = dst + src (fadd, faddp, fiadd).</summary>
    Add = 0,
    /// <summary>dst = dst * src (fmul, fmulp, fimul).</summary>
    Mul = 1,
    /// <summary>dst = dst - src (fsub, fsubp, fisub).</summary>
    Sub = 4,
    /// <summary>dst = src - dst (fsubr, fsubrp, fisubr).</summary>
    Subr = 5,
    /// <summary>dst = dst / src (fdiv, fdivp, fidiv).</summary>
    Div = 6,
    /// <summary>dst = src / dst (fdivr, fdivrp, fidivr).</summary>
    Divr = 7,
}
