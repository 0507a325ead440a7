using System.Runtime.InteropServices;

namespace Hdbt.Tcg;

/// <summary>One jump-cache slot: a guest pc and the host address of its block (16 bytes, so the index scales by a shift).</summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
public struct JumpCacheEntry
{
    /// <summary>Guest pc; <see cref="Empty"/> when unused (no block starts there: it is not a valid 32-bit pc in a mapped page).</summary>
    public uint GuestPc;
    public uint Pad;
    public ulong HostCode;

    public const uint Empty = 0xFFFF_FFFF;
}
