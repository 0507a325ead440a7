using Iced.Intel;

namespace Hdbt.Tests.Differential;

/// <summary>
/// The cases of one test, built with one seeded random generator so every run builds the same
/// cases. New cases start with random register values and arithmetic flags (DF clear), so that
/// registers and flags an instruction must not touch are checked too.
/// </summary>
public sealed class CaseSet
{
    /// <summary>Multiplier of the random case counts for the long run (<c>--filter Category=Long</c>).</summary>
    public const int LongScale = 20;

    public CaseSet(string name, int seed, int scale = 1)
    {
        Name = name;
        Scale = scale;
        Rng = new Random(seed);
        DefaultMemory = new byte[DiffLayout.MemSize];
        Rng.NextBytes(DefaultMemory);
    }

    public string Name { get; }

    /// <summary>Which floating-point state the harness initialises and records for every case of the set.</summary>
    public FpuKind Fpu { get; init; }

    /// <summary>1 for the default run, <see cref="LongScale"/> for the long one.</summary>
    public int Scale { get; }

    public Random Rng { get; }

    /// <summary>Initial memory of cases that do not set their own (random bytes from the seed).</summary>
    public byte[] DefaultMemory { get; }

    public List<SnippetCase> Cases { get; } = [];

    /// <summary>Adds a case with random registers and arithmetic flags.</summary>
    public SnippetCase Add(string form, Action<Assembler>? emit = null)
    {
        var c = new SnippetCase(form, emit) { Flags = DiffValues.RandomArithFlags(Rng) };
        for (int r = 0; r < 8; r++)
            if (r != 4) c.Regs[r] = DiffValues.Random32(Rng);
        Cases.Add(c);
        return c;
    }

    /// <summary>A random value of an operand size (see <see cref="DiffValues.Random"/>).</summary>
    public uint Value(int size) => DiffValues.Random(Rng, size);

    /// <summary>Picks an element at random.</summary>
    public T Pick<T>(IReadOnlyList<T> items) => items[Rng.Next(items.Count)];

    /// <summary>
    /// Operand value pairs for a binary operation: edge-value pairs first (a random subset in the
    /// default run, all of them when scaled up), then random pairs; <paramref name="count"/> times
    /// <see cref="Scale"/> in all.
    /// </summary>
    public IEnumerable<(uint X, uint Y)> Pairs(int size, int count)
    {
        int total = count * Scale;
        var edges = DiffValues.EdgePairs(size).ToList();
        Shuffle(edges);
        int fromEdges = Math.Min(edges.Count, Scale > 1 ? total : total / 2);
        for (int i = 0; i < fromEdges; i++) yield return edges[i];
        for (int i = fromEdges; i < total; i++) yield return (Value(size), Value(size));
    }

    /// <summary>Single operand values: edge values first, then random ones, like <see cref="Pairs"/>.</summary>
    public IEnumerable<uint> Values(int size, int count)
    {
        int total = count * Scale;
        var edges = DiffValues.Edges(size).ToList();
        Shuffle(edges);
        int fromEdges = Math.Min(edges.Count, Scale > 1 ? total : (total + 1) / 2);
        for (int i = 0; i < fromEdges; i++) yield return edges[i];
        for (int i = fromEdges; i < total; i++) yield return Value(size);
    }

    /// <summary>Shuffles a list in place with the set's generator.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = Rng.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>
    /// A memory operand of <paramref name="size"/> bytes at <c>Mem + offset</c> in a random addressing
    /// form (absolute, base+disp8, base+index*scale+disp32, index*scale+disp32, [esp+disp], [base]).
    /// Sets the base and index registers it uses in <paramref name="c"/>, never picking one of
    /// <paramref name="avoid"/> (registers whose values the case sets itself).
    /// </summary>
    public AssemblerMemoryOperand MemOperand(SnippetCase c, int size, int offset, params Register[] avoid)
    {
        uint target = DiffLayout.Mem + (uint)offset;
        var avoidFull = avoid.Select(AsmOps.Full).ToHashSet();
        var free = AsmOps.Gprs(4).Where(r => !avoidFull.Contains(r)).ToList();
        int form = free.Count >= 2 ? Rng.Next(6) : free.Count == 1 ? Rng.Next(2) * 4 : 0;
        switch (form)
        {
            case 0:
                return AsmOps.MemAbs(size, target);
            case 1:
            {
                var b = Pick(free);
                int disp = Rng.Next(-128, 128);
                c.Set(b, target - (uint)disp);
                return AsmOps.Mem(size, AsmOps.R32(b) + disp);
            }
            case 2:
            {
                var b = Pick(free);
                var x = Pick(free.Where(r => r != b).ToList());
                int scale = 1 << Rng.Next(4);
                uint bv = DiffValues.Random32(Rng), xv = (uint)Rng.Next(-1000, 1000);
                c.Set(b, bv).Set(x, xv);
                int disp = (int)(target - bv - xv * (uint)scale);
                return AsmOps.Mem(size, AsmOps.R32(b) + AsmOps.R32(x) * scale + disp);
            }
            case 3:
            {
                var x = Pick(free);
                int scale = 1 << Rng.Next(4);
                uint xv = (uint)Rng.Next(0, 5000);
                c.Set(x, xv);
                int disp = (int)(target - xv * (uint)scale);
                return AsmOps.Mem(size, AsmOps.R32(x) * scale + disp);
            }
            case 4:
            {
                var b = Pick(free);
                c.Set(b, target);
                return AsmOps.MemAt(size, AsmOps.R32(b));
            }
            default:
                // ESP-relative (the stack pointer is fixed when the case starts): the data area lies below it.
                return AsmOps.Mem(size, AsmOps.R32(Register.ESP) + (int)(target - DiffLayout.StackTop));
        }
    }

    /// <summary>Writes a value into a case's memory area.</summary>
    public void Poke(SnippetCase c, int offset, uint value, int size) => c.Poke(offset, value, size, DefaultMemory);
}
