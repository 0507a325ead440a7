namespace Hdbt.Frontend;

/// <summary>TODO(helper): family Bit.</summary>
public static class Bit
{
    public static void Register(HandlerTable t)
    {
    }
}
