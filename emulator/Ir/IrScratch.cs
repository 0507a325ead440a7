namespace Hdbt.Ir;

/// <summary>
/// Working arrays of the IR passes, one set per thread and reused for every block, so that
/// optimizing a block allocates nothing once they have grown to the largest block seen. Each caller
/// names the array it wants by an index (the constants below) and gets it cleared to the length it asks for.
/// </summary>
/// <remarks>Per thread rather than per translator because the passes are static and a block may be optimized
/// on any thread (LLVM worker threads in <c>hybridm</c>); a pass never holds an array across a call into another pass
/// that uses the same index.</remarks>
public sealed class IrScratch
{
    /// <summary><see cref="DeadCode"/>: the live sets at labels, and the running live set.</summary>
    public const int WordsLabels = 0, WordsLive = 1;

    /// <summary><see cref="DeadCode"/>: which labels are reached; the self-modifying-code exit points (<see cref="DeadCode"/> and <see cref="CopyCoalescing"/>).</summary>
    public const int FlagsLabels = 0, FlagsSmcExits = 1;

    /// <summary><see cref="ConstantFolding"/>: the copy table; <see cref="CopyCoalescing"/>: the definition counts.</summary>
    public const int IntsCopyOf = 0, IntsDefs = 1, IntsActive = 2;

    [ThreadStatic] private static IrScratch? t_current;

    private readonly ulong[][] _words = [[], []];
    private readonly bool[][] _flags = [[], []];
    private readonly int[][] _ints = [[], [], []];

    /// <summary>This thread's arrays.</summary>
    public static IrScratch ForThisThread => t_current ??= new IrScratch();

    /// <summary>Array <paramref name="index"/> of 64-bit words, <paramref name="length"/> long, zeroed.</summary>
    public Span<ulong> Words(int index, int length) => Cleared(ref _words[index], length);

    /// <summary>Array <paramref name="index"/> of flags, <paramref name="length"/> long, all false.</summary>
    public Span<bool> Flags(int index, int length) => Cleared(ref _flags[index], length);

    /// <summary>Array <paramref name="index"/> of ints, at least <paramref name="length"/> long, its first <paramref name="length"/> zeroed (the rest is undefined).</summary>
    public int[] Ints(int index, int length)
    {
        Cleared(ref _ints[index], length);
        return _ints[index];
    }

    private static Span<T> Cleared<T>(ref T[] array, int length)
    {
        if (array.Length < length) array = new T[Math.Max(length, array.Length * 2)];
        var span = array.AsSpan(0, length);
        span.Clear();
        return span;
    }
}
