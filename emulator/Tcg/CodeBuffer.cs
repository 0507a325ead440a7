using Hdbt.Backend;
using Hdbt.Host;

namespace Hdbt.Tcg;

/// <summary>
/// One large RWX mapping for all generated code, so rel32 jumps reach every block. Its first
/// bytes hold the <see cref="TcgContext"/>, the jump cache and the blocks' entry counters (all reachable
/// RIP-relative), then the prologue, epilogue and recovery stubs, then blocks, allocated upward until a
/// flush. The counters are data pages of their own: a counter next to the code it counts made every block
/// entry a store into a line being executed, which the CPU handles as self-modifying code (tcg ran 3 to 10
/// times slower with its counter in the block header).
/// </summary>
public sealed unsafe class CodeBuffer : IDisposable
{
    private const int JumpCacheOffset = 4096;
    private const int CountersOffset = JumpCacheOffset + JumpCacheIndex.Size * 16;
    private const int StubsSize = 8192;

    private byte* _base;
    private readonly long _size;
    private readonly long _stubsOffset;
    private long _blocksStart;
    private long _used;

    /// <param name="size">Bytes of the whole buffer (context, jump cache, counters, stubs and blocks).</param>
    public CodeBuffer(long size)
    {
        if (size < 128 << 10) size = 128 << 10;
        // One 8-byte counter per block: blocks are rarely under 64 bytes of code, and a block that would need a
        // slot beyond the last makes the buffer count as full (flushed like a buffer out of bytes).
        CounterSlots = (int)Math.Clamp(size / 64, 1024, 1 << 24);
        _stubsOffset = CountersOffset + ((CounterSlots * 8L + 4095) & ~4095L);
        _size = size;
        nint p = HostKernel.Mmap(0, (nuint)size, HostKernel.ProtRead | HostKernel.ProtWrite | HostKernel.ProtExec,
            HostKernel.MapPrivate | HostKernel.MapAnonymous | HostKernel.MapNoReserve, -1, 0);
        if (p < 0 && p > -4096) throw new InvalidOperationException($"cannot map the {size >> 20} MiB code cache (errno {-p})");
        _base = (byte*)p;
        _blocksStart = _used = _stubsOffset + StubsSize;
        ClearJumpCache();
        Context->JumpCache = (ulong)JumpCache;
    }

    public byte* Base => _base;
    public long Size => _size;
    public TcgContext* Context => (TcgContext*)_base;
    public JumpCacheEntry* JumpCache => (JumpCacheEntry*)(_base + JumpCacheOffset);

    /// <summary>How many blocks can have an entry counter (block ids 0 .. CounterSlots - 1 between flushes).</summary>
    public int CounterSlots { get; }

    /// <summary>The entry counter of the block with id <paramref name="id"/>.</summary>
    public ulong* Counter(int id) => (ulong*)(_base + CountersOffset) + id;

    /// <summary>Where the stubs go (written once, before any block).</summary>
    public byte* Stubs => _base + _stubsOffset;
    public int StubsCapacity => StubsSize;

    /// <summary>Next free byte for a block.</summary>
    public byte* Current => _base + _used;

    /// <summary>Free bytes left for blocks.</summary>
    public long Free => _size - _used;

    /// <summary>Bytes used by blocks since the last flush.</summary>
    public long BlockBytes => _used - _blocksStart;

    /// <summary>Claims <paramref name="bytes"/> at <see cref="Current"/> (16-byte aligned afterwards).</summary>
    public void Commit(int bytes) => _used = (_used + bytes + 15) & ~15L;

    /// <summary>Drops every block (the caller has forgotten them).</summary>
    public void Reset()
    {
        _used = _blocksStart;
        ClearJumpCache();
    }

    public void ClearJumpCache()
    {
        var jc = JumpCache;
        for (int i = 0; i < JumpCacheIndex.Size; i++) { jc[i].GuestPc = JumpCacheEntry.Empty; jc[i].HostCode = 0; }
    }

    /// <summary>Whether a host address lies in generated code.</summary>
    public bool Contains(ulong address) => address >= (ulong)_base && address < (ulong)_base + (ulong)_size;

    public void Dispose()
    {
        if (_base == null) return;
        HostKernel.Syscall(HostKernel.Nr.Munmap, (nint)_base, _size);
        _base = null;
    }
}
