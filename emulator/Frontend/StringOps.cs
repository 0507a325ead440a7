namespace Hdbt.Frontend;

/// <summary>TODO(helper): family StringOps.</summary>
public static class StringOps
{
    public static void Register(HandlerTable t)
    {
    }
}
