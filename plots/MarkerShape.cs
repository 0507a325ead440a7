namespace Hdbt.Plots;

/// <summary>Point markers of line charts, one per series, so that lines stay distinguishable in black and white.</summary>
public enum MarkerShape
{
    Circle,
    Square,
    TriangleUp,
    Diamond,
    TriangleDown,
    Cross,
    Plus,
    Star,
}
