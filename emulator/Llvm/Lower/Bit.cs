using Hdbt.Ir;

namespace Hdbt.Llvm.Lower;

/// <summary>
/// Lowering of bswap, clz and ctz as LLVM intrinsics. The IR defines clz and ctz of 0 as 32 (the interpreter's
/// <c>LeadingZeroCount</c> and its explicit ctz case), which is <c>llvm.ctlz/cttz</c> with is_zero_poison false.
/// </summary>
public static unsafe class Bit
{
    public static void Lower(FunctionBuilder f, in Op op)
    {
        var x = f.Value(op.S0);
        var notPoison = f.Api.ConstInt(f.I1, 0, 0);
        f.Set(op.D0, op.Code switch
        {
            Opcode.Bswap => f.CallIntrinsic("llvm.bswap", f.I32, [x]),
            Opcode.Clz => f.CallIntrinsic("llvm.ctlz", f.I32, [x, notPoison]),
            _ => f.CallIntrinsic("llvm.cttz", f.I32, [x, notPoison]),
        });
    }
}
