namespace Hdbt.Frontend;

/// <summary>TODO(helper): family MulDiv.</summary>
public static class MulDiv
{
    public static void Register(HandlerTable t)
    {
    }
}
