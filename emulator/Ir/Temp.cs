namespace Hdbt.Ir;

/// <summary>Description of one IR temp: its kind and, for constants, its value; for globals, its slot.</summary>
public readonly record struct Temp(TempKind Kind, uint Value)
{
    public bool IsConst => Kind == TempKind.Const;
    public bool IsGlobal => Kind == TempKind.Global;
}
