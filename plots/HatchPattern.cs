namespace Hdbt.Plots;

/// <summary>Fill patterns drawn over a series' colour, so that bars stay distinguishable in black and white.</summary>
public enum HatchPattern
{
    Solid,
    Diagonal,
    BackDiagonal,
    Cross,
    Horizontal,
    Vertical,
    Dots,
    DiagonalCross,
}
