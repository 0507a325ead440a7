using Hdbt.Backend;

namespace Hdbt.Engine;

/// <summary>
/// The engine's code cache: the valid unit at each guest pc, whatever backend made it, and the page
/// index that self-modifying code is checked against. The units' code lives in their backend.
/// </summary>
public sealed class CodeCache
{
    private readonly Dictionary<uint, TranslatedUnit> _byPc = [];
    private readonly PageIndex _pages = new();

    /// <summary>Units that exist now (valid, since the last flush).</summary>
    public int Count => _byPc.Count;

    public TranslatedUnit? Lookup(uint pc) => _byPc.GetValueOrDefault(pc);

    public void Insert(TranslatedUnit unit)
    {
        _byPc[unit.GuestPc] = unit;
        _pages.Add(unit);
    }

    /// <summary>Removes every unit with code on the page from the lookup and returns them (null: none).</summary>
    public List<TranslatedUnit>? TakePage(uint page)
    {
        var list = _pages.Take(page);
        if (list == null) return null;
        foreach (var u in list)
            if (_byPc.TryGetValue(u.GuestPc, out var cur) && cur == u) _byPc.Remove(u.GuestPc);
        return list;
    }

    /// <summary>Every valid unit (for statistics and flushes).</summary>
    public IEnumerable<TranslatedUnit> All => _byPc.Values;

    public void Clear()
    {
        _byPc.Clear();
        _pages.Clear();
    }
}
