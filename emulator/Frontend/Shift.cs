namespace Hdbt.Frontend;

/// <summary>TODO(helper): family Shift.</summary>
public static class Shift
{
    public static void Register(HandlerTable t)
    {
    }
}
