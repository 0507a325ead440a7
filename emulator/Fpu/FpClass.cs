namespace Hdbt.Fpu;

/// <summary>What an operand is, as the arithmetic sees it.</summary>
public enum FpClass : byte
{
    Zero,
    /// <summary>A finite nonzero value (normal, denormal or pseudo-denormal; see <see cref="Unpacked.Denormal"/>).</summary>
    Finite,
    Infinity,
    QNaN,
    SNaN,
    /// <summary>Unnormal, pseudo-NaN or pseudo-infinity: an invalid operand.</summary>
    Unsupported,
}
