using Hdbt.Ir;

namespace Hdbt.Llvm.Lower;

/// <summary>
/// Lowering of shifts and rotates. The IR takes counts modulo 32 (an LLVM shift by 32 or more is poison), so
/// shift counts are masked; rotates are the funnel shifts <c>llvm.fshl/fshr(x, x, n)</c>, which take the count
/// modulo the width themselves.
/// </summary>
public static unsafe class Shift
{
    public static void Lower(FunctionBuilder f, in Op op)
    {
        var a = f.Api;
        var b = f.B;
        var x = f.Value(op.S0);
        var n = f.Value(op.S1);
        LlvmValueRef r;
        if (op.Code is Opcode.Rotl or Opcode.Rotr)
            r = f.CallIntrinsic(op.Code == Opcode.Rotl ? "llvm.fshl" : "llvm.fshr", f.I32, [x, x, n]);
        else
        {
            var count = a.BuildAnd(b, n, f.Const(31), LlvmApi.NoName);
            r = op.Code switch
            {
                Opcode.Shl => a.BuildShl(b, x, count, LlvmApi.NoName),
                Opcode.Shr => a.BuildLShr(b, x, count, LlvmApi.NoName),
                _ => a.BuildAShr(b, x, count, LlvmApi.NoName),
            };
        }
        f.Set(op.D0, r);
    }
}
