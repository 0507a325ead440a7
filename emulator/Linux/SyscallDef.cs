namespace Hdbt.Linux;

/// <summary>One implemented i386 syscall: number, name, how --strace prints it, and its implementation.</summary>
public sealed record SyscallDef(uint Number, string Name, ArgKind[] Args, ArgKind Result, SyscallHandler Handler);
