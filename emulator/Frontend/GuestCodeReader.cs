using Hdbt.Guest;
using Iced.Intel;

namespace Hdbt.Frontend;

/// <summary>Feeds guest code bytes to Iced's decoder, stopping (returning -1) at a non-executable page.</summary>
public sealed unsafe class GuestCodeReader(GuestMemory memory) : CodeReader
{
    /// <summary>Next guest address to read.</summary>
    public uint Position { get; set; }

    /// <summary>Whether a read hit a page without execute permission.</summary>
    public bool HitNonExecutable { get; private set; }

    public void Reset(uint pc)
    {
        Position = pc;
        HitNonExecutable = false;
    }

    public override int ReadByte()
    {
        uint a = Position;
        if ((memory.PageOf(a) & PageFlags.Exec) == 0)
        {
            HitNonExecutable = true;
            return -1;
        }
        Position = a + 1;
        return memory.HostPointer(a)[0];
    }
}
