namespace Hdbt.Linux;

/// <summary>Implements one syscall; returns the result or <c>-errno</c>.</summary>
public delegate long SyscallHandler(LinuxKernel kernel, in SyscallArgs args);
