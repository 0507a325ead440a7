using Hdbt.Ir;

namespace Hdbt.Llvm.Lower;

/// <summary>
/// Lowering of the widening multiplies (mul, imul one-operand forms): one 64-bit multiply, low and high halves.
/// Division stays a helper call (it faults on a zero divisor or an overflowing quotient).
/// </summary>
public static unsafe class MulDiv
{
    public static void Mul2(FunctionBuilder f, in Op op)
    {
        var a = f.Api;
        var b = f.B;
        bool signed = op.Code == Opcode.MulS2;
        LlvmValueRef Wide(int t) => signed ? a.BuildSExt(b, f.Value(t), f.I64, LlvmApi.NoName) : a.BuildZExt(b, f.Value(t), f.I64, LlvmApi.NoName);
        var x = Wide(op.S0);
        var y = Wide(op.S1);
        var p = a.BuildMul(b, x, y, LlvmApi.NoName);
        var low = a.BuildTrunc(b, p, f.I32, LlvmApi.NoName);
        var high = a.BuildTrunc(b, a.BuildLShr(b, p, f.Const64(32), LlvmApi.NoName), f.I32, LlvmApi.NoName);
        if (op.D0 >= 0) f.Set(op.D0, low);
        if (op.D1 >= 0) f.Set(op.D1, high);
    }
}
