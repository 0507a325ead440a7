namespace Hdbt.Tests.Differential;

/// <summary>Operand values: the edge values every family is tested with, and seeded random ones.</summary>
public static class DiffValues
{
    /// <summary>Edge values at 32 bits; <see cref="Edges"/> truncates them to an operand size.</summary>
    public static readonly uint[] Edges32 =
    [
        0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF,
    ];

    /// <summary>All-ones mask of an operand size in bytes.</summary>
    public static uint Mask(int size) => size == 4 ? 0xFFFF_FFFFu : (1u << (8 * size)) - 1;

    /// <summary>Sign bit of an operand size in bytes.</summary>
    public static uint Sign(int size) => 1u << (8 * size - 1);

    /// <summary>The distinct edge values of an operand size (0, 1, max, signed max/min, and the wider ones truncated).</summary>
    public static uint[] Edges(int size) => Edges32.Select(v => v & Mask(size)).Append(Mask(size) - 1).Distinct().ToArray();

    /// <summary>Every ordered pair of edge values.</summary>
    public static IEnumerable<(uint, uint)> EdgePairs(int size)
    {
        var e = Edges(size);
        foreach (var x in e)
            foreach (var y in e)
                yield return (x, y);
    }

    /// <summary>A random value of the size, biased towards interesting ones: uniform half the time, else near an edge.</summary>
    public static uint Random(Random rng, int size)
    {
        uint mask = Mask(size);
        switch (rng.Next(4))
        {
            case 0:
            case 1:
                return (uint)rng.NextInt64(0, 1L << 32) & mask;
            case 2:
            {
                // Near an edge: edge plus or minus a small delta.
                var e = Edges(size);
                return (e[rng.Next(e.Length)] + (uint)rng.Next(-3, 4)) & mask;
            }
            default:
                // A single bit or a run of ones (carry and sign boundaries inside the operand).
                int bit = rng.Next(8 * size);
                return (rng.Next(2) == 0 ? 1u << bit : (uint)((1ul << bit) - 1)) & mask;
        }
    }

    /// <summary>A full 32-bit random value (for the bits of a register outside the operand).</summary>
    public static uint Random32(Random rng) => (uint)rng.NextInt64(0, 1L << 32);

    /// <summary>A random combination of the six arithmetic flags (DF clear).</summary>
    public static uint RandomArithFlags(Random rng) => (uint)rng.Next(64) switch
    {
        var b => ((b & 1) != 0 ? UndefinedFlags.CF : 0) | ((b & 2) != 0 ? UndefinedFlags.PF : 0) |
                 ((b & 4) != 0 ? UndefinedFlags.AF : 0) | ((b & 8) != 0 ? UndefinedFlags.ZF : 0) |
                 ((b & 16) != 0 ? UndefinedFlags.SF : 0) | ((b & 32) != 0 ? UndefinedFlags.OF : 0),
    };
}
