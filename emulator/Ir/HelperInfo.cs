namespace Hdbt.Ir;

/// <summary>Static description of one helper: name (as printed), number of arguments, effects.</summary>
public sealed record HelperInfo(HelperId Id, string Name, int ArgCount, HelperEffects Effects, string Description);
