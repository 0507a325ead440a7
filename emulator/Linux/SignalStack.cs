namespace Hdbt.Linux;

/// <summary>The guest's alternate signal stack as sigaltstack records it; <see cref="Size"/> 0 means none (SS_DISABLE).</summary>
/// <param name="Sp">Lowest address of the stack.</param>
/// <param name="Flags">Flag bits kept with the stack (SS_AUTODISARM).</param>
/// <param name="Size">Size in bytes.</param>
public record struct SignalStack(uint Sp, uint Flags, uint Size);
