namespace Hdbt.Guest;

/// <summary>The segment selectors of i386 Linux user mode: what the loader starts a process with, what
/// <c>set_thread_area</c> hands out and what the segment helpers accept.</summary>
public static class SegmentSelectors
{
    /// <summary>User code and data selectors of i386 Linux (GDT entries 14 and 15, RPL 3).</summary>
    public const ushort UserCs = 0x73, UserDs = 0x7B;

    /// <summary>First GDT entry number available to set_thread_area (GDT_ENTRY_TLS_MIN on i386; entries 6..8).</summary>
    public const int TlsEntryMin = 6;
}
