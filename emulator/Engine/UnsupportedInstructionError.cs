namespace Hdbt.Engine;

/// <summary>The guest reached an instruction hdbt does not implement; the message has pc, bytes and disassembly.</summary>
public sealed class UnsupportedInstructionError(uint pc, string message) : Exception(message)
{
    public uint Pc { get; } = pc;
}
