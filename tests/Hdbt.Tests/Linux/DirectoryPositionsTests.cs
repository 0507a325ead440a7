using Hdbt.Linux;

namespace Hdbt.Tests.Linux;

/// <summary>
/// The directory position tables on their own: host cookies (any 64-bit values) become 1, 2, 3, ...
/// in order of first appearance and map back; tables are shared per directory and retired after use.
/// </summary>
public sealed class DirectoryPositionsTests
{
    // Cookies as ext4 hands them to a 64-bit caller: 63-bit hashes, and its end-of-directory value.
    private static readonly long[] s_cookies = [0x5A3F_0C1D_2E4B_6F78, 0x0000_0001_0000_0000, 0x7123_4567_89AB_CDEF, 42, long.MaxValue];

    [Fact]
    public void PositionsAreSmallAndNumberedInOrderOfFirstAppearance()
    {
        var p = new DirectoryPositions(1, 2);
        for (int i = 0; i < s_cookies.Length; i++) Assert.Equal((uint)i + 1, p.ToGuest(s_cookies[i]));
        // Seen again: the same numbers, nothing new.
        for (int i = s_cookies.Length - 1; i >= 0; i--) Assert.Equal((uint)i + 1, p.ToGuest(s_cookies[i]));
        Assert.Equal((uint)s_cookies.Length, p.Count);
    }

    [Fact]
    public void SeekSetRoundTripsAndZeroStaysZero()
    {
        var p = new DirectoryPositions(1, 2);
        Assert.Equal(0u, p.ToGuest(0));
        Assert.True(p.TryToHost(0, out long start));
        Assert.Equal(0, start);
        foreach (long c in s_cookies)
        {
            uint pos = p.ToGuest(c);
            Assert.True(p.TryToHost(pos, out long back));
            Assert.Equal(c, back);
        }
        Assert.Equal((uint)s_cookies.Length, p.Count);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    [InlineData(0x7123_4567)]
    [InlineData(long.MaxValue)]
    public void UnknownPositionsHaveNoCookie(long position)
    {
        var p = new DirectoryPositions(1, 2);
        p.ToGuest(s_cookies[0]);
        p.ToGuest(s_cookies[1]);
        Assert.False(p.TryToHost(position, out _));
    }

    [Fact]
    public void ManyCookiesKeepTheirNumbers()
    {
        var p = new DirectoryPositions(1, 2);
        var rng = new Random(7);
        var cookies = Enumerable.Range(0, 5000).Select(_ => rng.NextInt64(1, long.MaxValue)).Distinct().ToArray();
        foreach (long c in cookies) p.ToGuest(c);
        for (int i = 0; i < cookies.Length; i++)
        {
            Assert.Equal((uint)i + 1, p.ToGuest(cookies[i]));
            Assert.True(p.TryToHost(i + 1, out long back));
            Assert.Equal(cookies[i], back);
        }
    }

    [Fact]
    public void TheSameDirectorySharesOneTable()
    {
        var t = new DirectoryPositionTable();
        var a = t.Acquire(10, 20);
        var b = t.Acquire(10, 20);
        var other = t.Acquire(10, 21);
        Assert.Same(a, b);
        Assert.NotSame(a, other);
        Assert.Equal(2, t.Count);
    }

    [Fact]
    public void ReleasedTablesAreKeptForAReopenUntilTheRetiredLimit()
    {
        var t = new DirectoryPositionTable();
        var first = t.Acquire(1, 1);
        uint pos = first.ToGuest(s_cookies[0]);
        t.Release(first);
        // Opened again: the same table, the same position.
        var again = t.Acquire(1, 1);
        Assert.Same(first, again);
        Assert.Equal(pos, again.ToGuest(s_cookies[0]));
        t.Release(again);
        // RetiredLimit other directories opened and closed after it: it is dropped, and they are kept.
        for (ulong i = 0; i < DirectoryPositionTable.RetiredLimit; i++) t.Release(t.Acquire(2, i));
        Assert.Equal(DirectoryPositionTable.RetiredLimit, t.Count);
        Assert.NotSame(first, t.Acquire(1, 1));
    }

    [Fact]
    public void TablesInUseAreNeverDropped()
    {
        var t = new DirectoryPositionTable();
        var held = t.Acquire(1, 1);
        var dup = t.Acquire(1, 1);
        t.Release(dup);
        for (ulong i = 0; i < 3 * DirectoryPositionTable.RetiredLimit; i++) t.Release(t.Acquire(2, i));
        Assert.Same(held, t.Acquire(1, 1));
        Assert.Throws<InvalidOperationException>(() => { var x = t.Acquire(3, 3); t.Release(x); t.Release(x); });
    }
}
