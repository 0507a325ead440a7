namespace Hdbt.Fpu;

/// <summary>The x87 transcendental instructions (see README.md for their accuracy against hardware).</summary>
public static class F80Transcendental
{
    /// <summary>fsin/fcos/fptan/fsincos leave an operand with |x| &gt;= 2^63 unchanged and set C2.</summary>
    public static bool OutOfRange(Float80 a) => a.Exp != Float80.MaxExp && a.Exp >= Float80.Bias + 63 && !a.IsUnsupported;

    public static Float80 Sin(Float80 a, ref FpEnv env) => throw new NotImplementedException();
    public static Float80 Cos(Float80 a, ref FpEnv env) => throw new NotImplementedException();
    public static Float80 Tan(Float80 a, ref FpEnv env) => throw new NotImplementedException();
    public static (Float80 Sin, Float80 Cos) SinCos(Float80 a, ref FpEnv env) => throw new NotImplementedException();
    public static Float80 Exp2m1(Float80 a, ref FpEnv env) => throw new NotImplementedException();
    public static Float80 Atan2(Float80 y, Float80 x, ref FpEnv env) => throw new NotImplementedException();
    public static Float80 YLog2X(Float80 y, Float80 x, ref FpEnv env) => throw new NotImplementedException();
    public static Float80 YLog2XP1(Float80 y, Float80 x, ref FpEnv env) => throw new NotImplementedException();
}
