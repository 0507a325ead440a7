namespace Hdbt.Loader;

/// <summary>One ELF32 program header.</summary>
public readonly record struct ProgramHeader(uint Type, uint Offset, uint VAddr, uint FileSize, uint MemSize, uint Flags, uint Align);
