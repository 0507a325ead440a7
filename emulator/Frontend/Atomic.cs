namespace Hdbt.Frontend;

/// <summary>TODO(helper): family Atomic.</summary>
public static class Atomic
{
    public static void Register(HandlerTable t)
    {
    }
}
