namespace Hdbt.Linux;

/// <summary>The six i386 syscall argument registers (EBX, ECX, EDX, ESI, EDI, EBP).</summary>
public readonly record struct SyscallArgs(uint A1, uint A2, uint A3, uint A4, uint A5, uint A6);
