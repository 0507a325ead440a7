using Hdbt.Guest;
using Hdbt.Interp;

namespace Hdbt.Runtime;

/// <summary>Translated blocks by guest pc, with a per-page index so writes to code can invalidate them.</summary>
public sealed class BlockCache
{
    private readonly Dictionary<uint, InterpBlock> _byPc = [];
    private readonly Dictionary<uint, List<InterpBlock>> _byPage = [];

    public int Count => _byPc.Count;

    public InterpBlock? Lookup(uint pc) => _byPc.GetValueOrDefault(pc);

    public void Insert(InterpBlock block)
    {
        _byPc[block.GuestPc] = block;
        uint last = (block.GuestEnd - 1) >> GuestMemory.PageShift;
        for (uint page = block.GuestPc >> GuestMemory.PageShift; page <= last; page++)
        {
            if (!_byPage.TryGetValue(page, out var list)) _byPage[page] = list = [];
            list.Add(block);
        }
    }

    /// <summary>Removes every block with code on the page; returns them (the caller retires them).</summary>
    public List<InterpBlock> InvalidatePage(uint page)
    {
        if (!_byPage.Remove(page, out var list)) return [];
        foreach (var b in list)
        {
            b.Valid = false;
            if (_byPc.TryGetValue(b.GuestPc, out var cur) && cur == b) _byPc.Remove(b.GuestPc);
        }
        return list;
    }

    public IEnumerable<InterpBlock> All => _byPc.Values;
}
