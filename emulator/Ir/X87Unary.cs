namespace Hdbt.Ir;

/// <summary>x87 instructions without operands that one helper performs: argument s0 of <see cref="HelperId.X87Unary"/>.</summary>
public enum X87Unary : uint
{
    Fchs, Fabs, Fsqrt, Frndint, Ftst, Fxam,
    F2xm1, Fsin, Fcos, Fsincos, Fptan, Fpatan, Fyl2x, Fyl2xp1,
    Fscale, Fxtract, Fprem, Fprem1,
    Fincstp, Fdecstp, Fninit, Fnclex, Fwait, Fnop,
    Fld1, Fldl2t, Fldl2e, Fldpi, Fldlg2, Fldln2, Fldz,
}
