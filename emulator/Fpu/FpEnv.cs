namespace Hdbt.Fpu;

/// <summary>
/// The rounding environment of one x87 operation: the control word it obeys and the status bits
/// it raises (exception flags, C1). Operations only ever OR bits into <see cref="Status"/>,
/// except C1 which the caller clears before an operation that defines it.
/// </summary>
public struct FpEnv
{
    public ushort Control;
    public ushort Status;

    public FpEnv(ushort control)
    {
        Control = control;
        Status = 0;
    }

    /// <summary>Rounding control: 0 nearest-even, 1 down, 2 up, 3 toward zero.</summary>
    public readonly int RoundingControl => (Control >> 10) & 3;

    /// <summary>Significand bits kept by precision control (24, 53 or 64; the reserved value 1 acts as 64).</summary>
    public readonly int Precision => ((Control >> 8) & 3) switch { 0 => 24, 2 => 53, _ => 64 };

    public void Raise(ushort bits) => Status |= bits;
}
