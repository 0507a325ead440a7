using Hdbt.Guest;
using Hdbt.Ir;

namespace Hdbt.Tcg;

/// <summary>
/// The TCG code cache: generates blocks into the code buffer, finds them by guest pc, links
/// direct jumps (patching <c>jmp rel32</c> in place), keeps the jump cache, invalidates blocks
/// whose guest code changed, and flushes everything when the buffer is full.
/// </summary>
public sealed unsafe class TcgBackend : IDisposable
{
    private readonly CodeBuffer _buffer;
    private readonly CodeGenerator _generator;
    private readonly Dictionary<uint, TcgBlock> _byPc = [];
    private readonly Dictionary<uint, List<TcgBlock>> _byPage = [];
    private readonly List<TcgBlock> _blocks = [];
    private readonly delegate* unmanaged<CpuState*, byte*, byte*, byte*, uint> _enter;

    public TcgBackend(long codeCacheSize)
    {
        _buffer = new CodeBuffer(codeCacheSize);
        _generator = new CodeGenerator(_buffer);
        _enter = (delegate* unmanaged<CpuState*, byte*, byte*, byte*, uint>)_generator.Prologue;
    }

    public TcgContext* Context => _buffer.Context;
    public CodeBuffer Buffer => _buffer;
    public CodeGenerator Generator => _generator;

    /// <summary>Whether direct jumps get linked (off: every block exit returns to the dispatcher).</summary>
    public bool Linking { get; init; } = true;

    public long Flushes { get; private set; }
    public long LinksMade { get; private set; }
    public long HostBytes { get; private set; }
    public long Invalidated { get; private set; }

    /// <summary>Blocks that exist now (since the last flush).</summary>
    public int Count => _byPc.Count;

    public TcgBlock? Lookup(uint pc) => _byPc.GetValueOrDefault(pc);

    public TcgBlock BlockById(int id) => _blocks[id];

    /// <summary>Generates a block for the IR; flushes the cache first if it is full.</summary>
    public TcgBlock Add(IrBlock ir)
    {
        var block = _generator.Generate(ir, _blocks.Count);
        if (block == null)
        {
            Flush();
            block = _generator.Generate(ir, 0)
                ?? throw new InvalidOperationException($"tcg: a block does not fit in an empty code cache of {_buffer.Size} bytes");
        }
        _blocks.Add(block);
        _byPc[block.GuestPc] = block;
        uint last = (block.GuestEnd - 1) >> GuestMemory.PageShift;
        for (uint page = block.GuestPc >> GuestMemory.PageShift; page <= last; page++)
        {
            if (!_byPage.TryGetValue(page, out var list)) _byPage[page] = list = [];
            list.Add(block);
        }
        HostBytes += block.HostSize;
        return block;
    }

    /// <summary>Drops every block: the buffer is reused from its start.</summary>
    public void Flush()
    {
        foreach (var b in _blocks) b.Valid = false;
        _blocks.Clear();
        _byPc.Clear();
        _byPage.Clear();
        _buffer.Reset();
        Flushes++;
    }

    /// <summary>Patches <paramref name="from"/>'s slot to jump straight into <paramref name="to"/>.</summary>
    public void Link(TcgBlock from, int slot, TcgBlock to)
    {
        if (!Linking || !from.Valid || !to.Valid || from.SlotOffset[slot] < 0 || from.Next[slot] == to) return;
        byte* site = from.SlotSite(slot);
        *(int*)(site + 1) = (int)(to.HostCode - (site + 5));
        from.Next[slot] = to;
        to.Incoming.Add((from, slot));
        LinksMade++;
    }

    /// <summary>Enters a block in the jump cache (indirect jumps find it there without the dispatcher).</summary>
    public void CacheJump(TcgBlock b)
    {
        ref var e = ref _buffer.JumpCache[(b.GuestPc ^ (b.GuestPc >> 12)) & (TcgContext.JumpCacheSize - 1)];
        e.HostCode = (ulong)b.HostCode;
        e.GuestPc = b.GuestPc;
    }

    /// <summary>Invalidates every block with code on the page; returns how many.</summary>
    public int InvalidatePage(uint page)
    {
        if (!_byPage.Remove(page, out var list)) return 0;
        int n = 0;
        foreach (var b in list)
        {
            if (!b.Valid) continue;
            Invalidate(b);
            n++;
        }
        Invalidated += n;
        return n;
    }

    private void Invalidate(TcgBlock b)
    {
        b.Valid = false;
        // Seen by the block itself if it is running: it leaves at its next instruction after a store.
        b.HostCode[-CodeGenerator.BlockHeader] = 1;
        if (_byPc.TryGetValue(b.GuestPc, out var cur) && cur == b) _byPc.Remove(b.GuestPc);
        foreach (var (from, slot) in b.Incoming)
        {
            if (from.Next[slot] != b) continue;
            // Back to the unlinked exit just after the jump.
            *(int*)(from.SlotSite(slot) + 1) = 0;
            from.Next[slot] = null;
        }
        b.Incoming.Clear();
        ref var e = ref _buffer.JumpCache[(b.GuestPc ^ (b.GuestPc >> 12)) & (TcgContext.JumpCacheSize - 1)];
        if (e.HostCode == (ulong)b.HostCode) { e.GuestPc = JumpCacheEntry.Empty; e.HostCode = 0; }
    }

    /// <summary>Runs generated code from a block until it leaves; returns the exit value (see <see cref="ExitCode"/>).</summary>
    public uint Enter(CpuState* cpu, byte* memBase, byte* pageTable, TcgBlock block) => _enter(cpu, memBase, pageTable, block.HostCode);

    /// <summary>The block whose code contains a host address (blocks are laid out in id order), or null.</summary>
    public TcgBlock? BlockAt(ulong hostAddress)
    {
        int lo = 0, hi = _blocks.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            var b = _blocks[mid];
            if (hostAddress < (ulong)b.HostCode) hi = mid - 1;
            else if (hostAddress >= (ulong)b.HostCode + (ulong)b.HostSize) lo = mid + 1;
            else return b;
        }
        return null;
    }

    public IEnumerable<TcgBlock> All => _blocks;

    public void Dispose() => _buffer.Dispose();
}
