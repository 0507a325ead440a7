namespace Hdbt.Frontend;

/// <summary>Translates the current instruction of <paramref name="ctx"/> into IR.</summary>
public delegate void InstructionHandler(FrontendContext ctx);
