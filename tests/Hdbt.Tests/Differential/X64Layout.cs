namespace Hdbt.Tests.Differential;

/// <summary>
/// Addresses a 64-bit test program (<see cref="X64Program"/>) adds to the i386 layout of
/// <see cref="DiffLayout"/>, which it keeps unchanged so that the memory a case sees, and the
/// addresses in its registers, are the same as in the i386 program.
/// </summary>
/// <param name="TableLow">Lowest i386 address with an entry in the indirect-target table.</param>
public sealed record X64Layout(uint TableLow)
{
    /// <summary>Where the code starts (after the ELF64 headers, which are larger than ELF32's).</summary>
    public const uint CodeAddress = DiffLayout.TextBase + 0x200;

    /// <summary>Where the indirect-target table lives: 8 bytes (a 64-bit code address) per i386 code byte from <see cref="TableLow"/>.</summary>
    public const uint TableBase = 0x2000_0000;

    /// <summary>Top of the small stack pushfq/popfq use inside a case: between the fxsave area and the harness's own stack.</summary>
    public const uint FlagStackTop = DiffLayout.DataBase + 0x2800;

    /// <summary>The displacement of <c>[r8*8 + disp]</c> that addresses the entry of the i386 address in R8.</summary>
    public int TableDisplacement => checked((int)((long)TableBase - 8L * TableLow));

    /// <summary>Address of the table entry of i386 address <paramref name="ip"/>.</summary>
    public static long EntryOffset(uint low, ulong ip) => 8L * (long)(ip - low);
}
