namespace Hdbt.Fpu;

/// <summary>x87/SSE state instructions with a memory operand (a helper argument).</summary>
public enum X87Control : uint
{
    Fldcw, Fnstcw, Fnstsw, Fldenv, Fnstenv, Fnsave, Frstor, Fxsave, Fxrstor,
}
