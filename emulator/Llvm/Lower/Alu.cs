using Hdbt.Ir;

namespace Hdbt.Llvm.Lower;

/// <summary>Lowering of the two-operand ALU ops, neg/not, setcond and select: one LLVM instruction each (32-bit, wrapping).</summary>
public static unsafe class Alu
{
    public static void Binary(FunctionBuilder f, in Op op)
    {
        var a = f.Api;
        var x = f.Value(op.S0);
        var y = f.Value(op.S1);
        var b = f.B;
        var r = op.Code switch
        {
            Opcode.Add => a.BuildAdd(b, x, y, LlvmApi.NoName),
            Opcode.Sub => a.BuildSub(b, x, y, LlvmApi.NoName),
            Opcode.Mul => a.BuildMul(b, x, y, LlvmApi.NoName),
            Opcode.And => a.BuildAnd(b, x, y, LlvmApi.NoName),
            Opcode.Or => a.BuildOr(b, x, y, LlvmApi.NoName),
            _ => a.BuildXor(b, x, y, LlvmApi.NoName),
        };
        f.Set(op.D0, r);
    }

    public static void Unary(FunctionBuilder f, in Op op)
    {
        var a = f.Api;
        var x = f.Value(op.S0);
        f.Set(op.D0, op.Code == Opcode.Neg ? a.BuildNeg(f.B, x, LlvmApi.NoName) : a.BuildNot(f.B, x, LlvmApi.NoName));
    }

    /// <summary>D0 = cond(S0, S1) ? 1 : 0.</summary>
    public static void SetCond(FunctionBuilder f, in Op op)
    {
        var c = f.Compare(op.Cond, f.Value(op.S0), f.Value(op.S1));
        f.Set(op.D0, f.Api.BuildZExt(f.B, c, f.I32, LlvmApi.NoName));
    }

    /// <summary>D0 = S0 != 0 ? S1 : S2.</summary>
    public static void Select(FunctionBuilder f, in Op op)
    {
        var a = f.Api;
        var c = a.BuildICmp(f.B, LlvmIntPredicate.Ne, f.Value(op.S0), f.Const(0), LlvmApi.NoName);
        f.Set(op.D0, a.BuildSelect(f.B, c, f.Value(op.S1), f.Value(op.S2), LlvmApi.NoName));
    }
}
