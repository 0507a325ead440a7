using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hdbt.Host;

namespace Hdbt.Guest;

/// <summary>
/// The guest's 4 GiB address space: one host reservation, guest address <c>a</c> at host
/// address <c>Base + a</c>, with guest page permissions tracked in a byte per page.
/// </summary>
/// <remarks>
/// Two ways to enforce the guest's rights. By default mapped guest pages are read-write on the host
/// whatever the guest asked for (except shared file mappings), the checked accessors here enforce the
/// guest's rights, and a guest access never faults the host. With <see cref="HostProtection"/> (set
/// before anything is mapped, for generated code that stores directly) the host protection of every
/// page follows the guest's rights, and a page holding translated code is read-only on the host, as in
/// QEMU's user mode: a store of generated code into it faults, and the host fault handler makes the page
/// writable, marks it <see cref="PageFlags.CodeWritten"/> and lets the store run; the engine then drops
/// the page's code (<see cref="ProcessHostCodeWrites"/>). C# writes go through <see cref="Check"/> or
/// <see cref="Poke"/>, which invalidate code and lift the protection first. Unmapped pages stay
/// PROT_NONE on the host in both ways.
/// </remarks>
public sealed unsafe class GuestMemory : IDisposable
{
    public const int PageShift = 12;
    public const uint PageSize = 1u << PageShift;
    public const uint PageMask = PageSize - 1;
    /// <summary>Size of the host reservation: the whole 32-bit guest address space.</summary>
    public const ulong ReservationSize = 1ul << 32;

    private const int PageCount = 1 << (32 - PageShift);
    private readonly byte* _base;
    // Native (not a managed array) so the hot checked accessors index it without bounds checks:
    // every 32-bit address has an entry.
    private readonly PageFlags* _pages = (PageFlags*)NativeMemory.AllocZeroed(PageCount);
    private bool _disposed;
    private GCHandle _handle;

    /// <summary>Called with a page number when a write hits a page holding translated code.</summary>
    public Action<uint>? CodeWriteHandler { get; set; }

    /// <summary>
    /// Whether host page protection follows the guest's rights and pages holding code are write-protected
    /// on the host (see the remarks). Set once, before the program is loaded.
    /// </summary>
    public bool HostProtection
    {
        get => _hostProtection;
        set
        {
            if (value != _hostProtection && _mappedAny) throw new InvalidOperationException("HostProtection must be set before anything is mapped");
            _hostProtection = value;
        }
    }

    private bool _hostProtection;
    private bool _mappedAny;

    /// <summary>Times <see cref="ProcessHostCodeWrites"/> found code pages that generated code had stored into (a statistic).</summary>
    public long HostCodeWriteEvents { get; private set; }

    public GuestMemory()
    {
        nint p = HostKernel.Mmap(0, unchecked((nuint)ReservationSize), HostKernel.ProtNone,
            HostKernel.MapPrivate | HostKernel.MapAnonymous | HostKernel.MapNoReserve, -1, 0);
        if (p < 0 && p > -4096) throw new InvalidOperationException($"cannot reserve 4 GiB for guest memory (errno {-p})");
        _base = (byte*)p;
    }

    /// <summary>Host address of guest address 0.</summary>
    public byte* Base => _base;

    /// <summary>Host pointer for a guest address, without any check.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte* HostPointer(uint address) => _base + address;

    /// <summary>The flags of a guest page (by page number).</summary>
    public PageFlags PageAt(uint page) => _pages[page];

    /// <summary>The page-flags table itself (one byte per page, every 32-bit page has one): generated code checks it inline.</summary>
    public PageFlags* PageTable => _pages;

    /// <summary>The flags of the page holding a guest address.</summary>
    public PageFlags PageOf(uint address) => _pages[address >> PageShift];

    public static uint PageFloor(uint a) => a & ~PageMask;
    public static ulong PageCeil(ulong a) => (a + PageMask) & ~(ulong)PageMask;

    public static PageFlags FromProt(int prot) =>
        PageFlags.Mapped | ((prot & HostKernel.ProtRead) != 0 ? PageFlags.Read : 0) |
        ((prot & HostKernel.ProtWrite) != 0 ? PageFlags.Write : 0) | ((prot & HostKernel.ProtExec) != 0 ? PageFlags.Exec | PageFlags.Read : 0);

    /// <summary>Maps fresh zeroed anonymous pages (replacing whatever was there).</summary>
    public void MapAnonymous(uint address, uint length, int prot)
    {
        if (length == 0) return;
        nint r = HostKernel.Mmap((nint)(_base + address), length, _hostProtection ? HostProt(FromProt(prot)) : HostKernel.ProtRead | HostKernel.ProtWrite,
            HostKernel.MapPrivate | HostKernel.MapAnonymous | HostKernel.MapFixed, -1, 0);
        if (r < 0 && r > -4096) throw new InvalidOperationException($"host mmap failed (errno {-r})");
        SetPages(address, length, FromProt(prot));
    }

    /// <summary>Maps a host file descriptor at a guest address (MAP_FIXED on the host). Returns 0 or -errno.</summary>
    public long MapFile(uint address, uint length, int prot, bool shared, int hostFd, long offset)
    {
        int hostProt = shared || _hostProtection ? ToHostProt(prot) : HostKernel.ProtRead | HostKernel.ProtWrite;
        nint r = HostKernel.Mmap((nint)(_base + address), length, hostProt,
            (shared ? HostKernel.MapShared : HostKernel.MapPrivate) | HostKernel.MapFixed, hostFd, offset);
        if (r < 0 && r > -4096) return r;
        SetPages(address, length, FromProt(prot) | (shared ? PageFlags.Shared : 0));
        return 0;
    }

    /// <summary>Unmaps pages: the host range returns to PROT_NONE and the guest pages are free.</summary>
    public void Unmap(uint address, uint length)
    {
        if (length == 0) return;
        InvalidateCode(address, length);
        HostKernel.Mmap((nint)(_base + address), length, HostKernel.ProtNone,
            HostKernel.MapPrivate | HostKernel.MapAnonymous | HostKernel.MapFixed | HostKernel.MapNoReserve, -1, 0);
        SetPages(address, length, PageFlags.None);
    }

    /// <summary>Changes guest rights of mapped pages; returns false if some page in the range is unmapped.</summary>
    public bool Protect(uint address, uint length, int prot)
    {
        uint first = address >> PageShift, count = (uint)(PageCeil((ulong)address + length) >> PageShift) - first;
        for (uint i = 0; i < count; i++)
            if ((_pages[first + i] & PageFlags.Mapped) == 0) return false;
        PageFlags rights = FromProt(prot);
        for (uint i = 0; i < count; i++)
        {
            ref PageFlags p = ref _pages[first + i];
            if ((p & PageFlags.Code) != 0 && (rights & PageFlags.Exec) == 0) CodeWriteHandler?.Invoke(first + i);
            p = (p & (PageFlags.Shared | PageFlags.Code | PageFlags.CodeWritten)) | rights;
        }
        // The host side: one mprotect per run of pages that get the same host protection (segments of hundreds of pages).
        for (uint i = 0; i < count;)
        {
            uint page = first + i;
            if ((_pages[page] & PageFlags.Shared) == 0 && !_hostProtection) { i++; continue; }
            int hostProt = HostProtectionOf(page);
            uint j = i + 1;
            while (j < count && ((_pages[first + j] & PageFlags.Shared) != 0 || _hostProtection) && HostProtectionOf(first + j) == hostProt) j++;
            HostKernel.Mprotect((nint)(_base + ((ulong)page << PageShift)), (nuint)(j - i) << PageShift, hostProt);
            i = j;
        }
        return true;
    }

    /// <summary>The host protection a page gets under <see cref="HostProtection"/> (shared pages: always): the guest's rights, less write while it holds code.</summary>
    private static int HostProt(PageFlags p) =>
        ((p & PageFlags.Read) != 0 ? HostKernel.ProtRead : 0) |
        ((p & PageFlags.Write) != 0 && (p & PageFlags.Code) == 0 ? HostKernel.ProtWrite : 0);

    private void SetHostProtection(uint page) =>
        HostKernel.Mprotect((nint)(_base + ((ulong)page << PageShift)), PageSize, HostProtectionOf(page));

    /// <summary>The host protection <see cref="SetHostProtection"/> gives a page now.</summary>
    private int HostProtectionOf(uint page)
    {
        PageFlags p = _pages[page];
        // Without host protection only shared pages come here: they follow the guest's rights alone.
        if (!_hostProtection) p &= ~PageFlags.Code;
        return HostProt(p);
    }

    private static int ToHostProt(int prot) =>
        ((prot & (HostKernel.ProtRead | HostKernel.ProtExec)) != 0 ? HostKernel.ProtRead : 0) | (prot & HostKernel.ProtWrite);

    private void SetPages(uint address, uint length, PageFlags flags)
    {
        if (flags != PageFlags.None) _mappedAny = true;
        uint first = address >> PageShift;
        ulong end = PageCeil((ulong)address + length) >> PageShift;
        for (ulong i = first; i < end; i++) _pages[i] = flags;
    }

    private void InvalidateCode(uint address, uint length)
    {
        uint first = address >> PageShift;
        ulong end = PageCeil((ulong)address + length) >> PageShift;
        for (ulong i = first; i < end; i++)
            if ((_pages[i] & PageFlags.Code) != 0) InvalidatePage((uint)i);
    }

    private void InvalidatePage(uint page)
    {
        _pages[page] &= ~(PageFlags.Code | PageFlags.CodeWritten);
        if (_hostProtection && (_pages[page] & PageFlags.Write) != 0) SetHostProtection(page);
        CodeWriteHandler?.Invoke(page);
    }

    /// <summary>
    /// Drops the code of every page that generated code stored into since the last call (the host fault
    /// handler lifted their protection and marked them <see cref="PageFlags.CodeWritten"/>). The engine calls it
    /// whenever generated code returns; cheap when nothing happened.
    /// </summary>
    public void ProcessHostCodeWrites()
    {
        if (!HostFaultHandler.CodeWritesPending) return;
        HostCodeWriteEvents++;
        Span<uint> pages = stackalloc uint[HostFaultHandler.CodeWriteCapacity];
        int n = HostFaultHandler.TakeCodeWrites(pages, out bool overflow);
        for (int i = 0; i < n; i++)
            if ((_pages[pages[i]] & PageFlags.CodeWritten) != 0) InvalidatePage(pages[i]);
        if (!overflow) return;
        // More pages than the handler's list holds: find the rest by their flag.
        for (uint page = 0; page < PageCount; page++)
            if ((_pages[page] & PageFlags.CodeWritten) != 0) InvalidatePage(page);
    }

    /// <summary>Whether every page of the range is mapped.</summary>
    public bool IsMapped(uint address, uint length)
    {
        if (length == 0) return true;
        ulong end = PageCeil((ulong)address + length) >> PageShift;
        for (ulong i = address >> PageShift; i < end; i++)
            if ((_pages[i] & PageFlags.Mapped) == 0) return false;
        return true;
    }

    /// <summary>Whether every page of the range is entirely unmapped.</summary>
    public bool IsFree(uint address, ulong length)
    {
        if ((ulong)address + length > ReservationSize) return false;
        ulong end = PageCeil(address + length) >> PageShift;
        for (ulong i = address >> PageShift; i < end; i++)
            if (_pages[i] != PageFlags.None) return false;
        return true;
    }

    /// <summary>Finds a free page-aligned range, searching down from <paramref name="top"/> (as Linux's top-down mmap layout does).</summary>
    public uint? FindFree(uint length, uint top, uint bottom = 0x1000_0000)
    {
        ulong len = PageCeil(length);
        if (len == 0 || len > top) return null;
        ulong candidate = (top - len) & ~(ulong)PageMask;
        while (candidate >= bottom)
        {
            // Scan the candidate from its top; on a used page, restart just below it.
            ulong end = (candidate + len) >> PageShift;
            ulong used = ulong.MaxValue;
            for (ulong i = end; i-- > candidate >> PageShift;)
                if (_pages[i] != PageFlags.None) { used = i; break; }
            if (used == ulong.MaxValue) return (uint)candidate;
            if ((used << PageShift) < len) return null;
            candidate = (used << PageShift) - len;
        }
        return null;
    }

    /// <summary>Marks a page as holding translated code, so writes to it are noticed (under <see cref="HostProtection"/>: by the host).</summary>
    public void MarkCode(uint page)
    {
        if ((_pages[page] & PageFlags.Code) != 0) return;
        _pages[page] |= PageFlags.Code;
        if (_hostProtection && (_pages[page] & PageFlags.Write) != 0) SetHostProtection(page);
    }

    // ---- checked access ----

    /// <summary>Throws the guest SIGSEGV unless every byte of the range has the given right.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Check(uint address, uint length, PageFlags right)
    {
        uint last = address + length - 1;
        PageFlags first = _pages[address >> PageShift], end = _pages[last >> PageShift];
        if ((first & end & right) == 0 || last < address) CheckSlow(address, length, right);
        // A range over more than two pages may hold code in the pages between: InvalidateCode looks at each.
        if (right == PageFlags.Write && (((first | end) & PageFlags.Code) != 0 || length > PageSize)) InvalidateCode(address, length);
    }

    private void CheckSlow(uint address, uint length, PageFlags right)
    {
        ulong end = (ulong)address + length;
        if (end > ReservationSize) throw GuestFaultException.Segv(address);
        for (ulong a = address; a < end; a = (a & ~(ulong)PageMask) + PageSize)
            if ((_pages[a >> PageShift] & right) == 0) throw GuestFaultException.Segv((uint)a);
    }

    /// <summary>Checks a range for the given right without faulting: used by syscalls to return EFAULT.</summary>
    public bool CanAccess(uint address, uint length, PageFlags right)
    {
        if (length == 0) return true;
        ulong end = (ulong)address + length;
        if (end > ReservationSize) return false;
        for (ulong a = address; a < end; a = (a & ~(ulong)PageMask) + PageSize)
            if ((_pages[a >> PageShift] & right) == 0) return false;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte Read8(uint a) { Check(a, 1, PageFlags.Read); return _base[a]; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ushort Read16(uint a) { Check(a, 2, PageFlags.Read); return Unsafe.ReadUnaligned<ushort>(_base + a); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Read32(uint a) { Check(a, 4, PageFlags.Read); return Unsafe.ReadUnaligned<uint>(_base + a); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write8(uint a, byte v) { Check(a, 1, PageFlags.Write); _base[a] = v; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write16(uint a, ushort v) { Check(a, 2, PageFlags.Write); Unsafe.WriteUnaligned(_base + a, v); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write32(uint a, uint v) { Check(a, 4, PageFlags.Write); Unsafe.WriteUnaligned(_base + a, v); }

    /// <summary>A checked view of guest bytes (for the loader and syscalls).</summary>
    public Span<byte> Span(uint address, uint length, PageFlags right)
    {
        Check(address, length == 0 ? 1 : length, right);
        return new Span<byte>(_base + address, (int)length);
    }

    /// <summary>Writes bytes ignoring guest rights (loader, kernel-side writes into read-only pages).</summary>
    public void Poke(uint address, ReadOnlySpan<byte> data)
    {
        if (!IsMapped(address, (uint)data.Length)) throw GuestFaultException.Segv(address);
        InvalidateCode(address, (uint)data.Length);
        if (!_hostProtection)
        {
            data.CopyTo(new Span<byte>(_base + address, data.Length));
            return;
        }
        // The host may protect pages the guest cannot write: lift that for the copy, then put it back.
        // Pages the host already lets us write need no system call (the loader pokes the initial stack,
        // argv and auxv, a word at a time: 280 mprotect calls per start-up before this test).
        uint first = address >> PageShift;
        ulong end = PageCeil((ulong)address + (uint)data.Length) >> PageShift;
        bool writable = true;
        for (ulong i = first; i < end && writable; i++) writable = (HostProt(_pages[i]) & HostKernel.ProtWrite) != 0;
        if (writable)
        {
            data.CopyTo(new Span<byte>(_base + address, data.Length));
            return;
        }
        nint start = (nint)(_base + ((ulong)first << PageShift));
        HostKernel.Mprotect(start, (nuint)((end - first) << PageShift), HostKernel.ProtRead | HostKernel.ProtWrite);
        data.CopyTo(new Span<byte>(_base + address, data.Length));
        for (ulong i = first; i < end; i++) SetHostProtection((uint)i);
    }

    public void Poke32(uint address, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        Poke(address, b);
    }

    /// <summary>Length of a NUL-terminated guest string (at most <paramref name="max"/> bytes), or -1 if unreadable or unterminated.</summary>
    public int CStringLength(uint address, int max = 4096)
    {
        for (int i = 0; i < max; i++)
        {
            uint a = address + (uint)i;
            if ((_pages[a >> PageShift] & PageFlags.Read) == 0) return -1;
            if (_base[a] == 0) return i;
        }
        return -1;
    }

    /// <summary>Reads a NUL-terminated string (at most <paramref name="max"/> bytes) or null if unreadable.</summary>
    public byte[]? ReadCString(uint address, int max = 4096)
    {
        int length = CStringLength(address, max);
        return length < 0 ? null : new ReadOnlySpan<byte>(_base + address, length).ToArray();
    }

    /// <summary>A GCHandle to this object, for <see cref="CpuState.MemoryHandle"/>; made on first use, freed by Dispose.</summary>
    public nint Handle
    {
        get
        {
            if (!_handle.IsAllocated) _handle = GCHandle.Alloc(this, GCHandleType.Normal);
            return GCHandle.ToIntPtr(_handle);
        }
    }

    /// <summary>The guest memory of a CPU (for helpers, which get only the CpuState pointer).</summary>
    public static GuestMemory Of(CpuState* cpu) => (GuestMemory)GCHandle.FromIntPtr(cpu->MemoryHandle).Target!;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_handle.IsAllocated) _handle.Free();
        HostKernel.Syscall(HostKernel.Nr.Munmap, (nint)_base, (long)ReservationSize);
        NativeMemory.Free(_pages);
    }
}
