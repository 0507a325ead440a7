namespace Hdbt.Frontend;

/// <summary>Thrown by an instruction handler for a form it does not implement; the translator turns it into an exit.</summary>
public sealed class UnsupportedInstructionException(string reason) : Exception(reason);
