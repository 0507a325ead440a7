using Hdbt.Backend;
using Hdbt.Guest;

namespace Hdbt.Engine;

/// <summary>
/// The one page index for self-modifying code: which units hold code from each guest page, so a
/// write to the page (which <see cref="GuestMemory"/> reports because the translator marked it as
/// code) can drop exactly those units.
/// </summary>
public sealed class PageIndex
{
    private readonly Dictionary<uint, List<TranslatedUnit>> _byPage = [];

    /// <summary>Records a unit under every page of its guest range.</summary>
    public void Add(TranslatedUnit unit)
    {
        foreach (var (start, end) in unit.GuestRanges)
        {
            uint last = (end - 1) >> GuestMemory.PageShift;
            for (uint page = start >> GuestMemory.PageShift; page <= last; page++)
            {
                if (!_byPage.TryGetValue(page, out var list)) _byPage[page] = list = [];
                // A trace may pass through one page several times; it is listed once.
                if (list.Count == 0 || list[^1] != unit) list.Add(unit);
            }
        }
    }

    /// <summary>Removes and returns the units recorded under a page (null when there are none).</summary>
    public List<TranslatedUnit>? Take(uint page) => _byPage.Remove(page, out var list) ? list : null;

    public void Clear() => _byPage.Clear();
}
