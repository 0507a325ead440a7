namespace Hdbt.Loader;

/// <summary>Where the loader put the program: entry point, initial stack pointer, break and layout facts.</summary>
public sealed record LoadedImage(uint Entry, uint StackPointer, uint Brk, uint LoadBias, uint StackBottom, uint StackTop, bool ExecutableStack);
