namespace Hdbt.Ir;

/// <summary>x87/SSE state instructions with a memory operand: argument s0 of <see cref="HelperId.X87Control"/> (s1 is the address).</summary>
public enum X87Control : uint
{
    Fldcw, Fnstcw, Fnstsw, Fldenv, Fnstenv, Fnsave, Frstor, Fxsave, Fxrstor,
}
