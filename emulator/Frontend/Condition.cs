using Hdbt.Ir;

namespace Hdbt.Frontend;

/// <summary>An x86 condition lowered to an IR comparison: it holds iff <c>Cond(A, B)</c>.</summary>
public readonly record struct Condition(Cond Cond, int A, int B)
{
    public Condition Invert() => this with { Cond = Cond.Invert() };
}
