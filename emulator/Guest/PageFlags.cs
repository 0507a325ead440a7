namespace Hdbt.Guest;

/// <summary>Per-page state kept by <see cref="GuestMemory"/> (one byte per 4 KiB guest page).</summary>
[Flags]
public enum PageFlags : byte
{
    None = 0,
    Read = 1,
    Write = 2,
    Exec = 4,
    /// <summary>The page is part of a guest mapping (even with no access rights).</summary>
    Mapped = 8,
    /// <summary>Some translated block was decoded from this page; a write must invalidate it.</summary>
    Code = 16,
    /// <summary>A MAP_SHARED file mapping: host protection follows the guest's, so writes reach the file.</summary>
    Shared = 32,
    /// <summary>
    /// Set by the host fault handler when generated code stored into this code page (which the host had
    /// write-protected): the page is writable again on the host, and its code is invalidated at the next
    /// return to the engine (<see cref="GuestMemory.ProcessHostCodeWrites"/>).
    /// </summary>
    CodeWritten = 64,
}
