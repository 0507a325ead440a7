namespace Hdbt.Backend;

/// <summary>
/// The one definition of the jump cache's hash (QEMU's tb_jmp_cache): slot = (pc ^ (pc &gt;&gt; <see cref="Shift"/>))
/// &amp; (<see cref="Size"/> - 1). C# (filling and clearing entries) and generated code (the inline lookup of
/// indirect exits) both use these constants, so they cannot disagree.
/// </summary>
public static class JumpCacheIndex
{
    /// <summary>Entries of a jump cache (a power of two).</summary>
    public const int Size = 4096;

    /// <summary>How far the pc is shifted before it is folded onto itself (the page bits land on the low ones).</summary>
    public const int Shift = 12;

    /// <summary>The slot of a guest pc.</summary>
    public static int Of(uint pc) => (int)((pc ^ (pc >> Shift)) & (Size - 1));
}
