using Hdbt.Ir;

namespace Hdbt.Llvm.Lower;

/// <summary>Lowering of moves, 8/16-bit extensions and deposit (partial register writes).</summary>
public static unsafe class Mov
{
    public static void Move(FunctionBuilder f, in Op op) => f.Set(op.D0, f.Value(op.S0));

    public static void Extend(FunctionBuilder f, in Op op)
    {
        var a = f.Api;
        var b = f.B;
        var narrow = a.BuildTrunc(b, f.Value(op.S0), op.Code is Opcode.Ext8S or Opcode.Ext8U ? f.I8 : f.I16, LlvmApi.NoName);
        f.Set(op.D0, op.Code is Opcode.Ext8S or Opcode.Ext16S
            ? a.BuildSExt(b, narrow, f.I32, LlvmApi.NoName)
            : a.BuildZExt(b, narrow, f.I32, LlvmApi.NoName));
    }

    /// <summary>
    /// D0 = S0 with bits [pos, pos+len) replaced by the low bits of S1 (<see cref="ConstantFolding.Deposit"/>): the
    /// mask is a constant, so this is <c>(S0 &amp; ~mask) | ((S1 &lt;&lt; pos) &amp; mask)</c>.
    /// </summary>
    public static void Deposit(FunctionBuilder f, in Op op)
    {
        var a = f.Api;
        var b = f.B;
        int pos = (int)(op.Imm & 0xFF), len = (int)(op.Imm >> 8);
        uint mask = (len >= 32 ? 0xFFFF_FFFFu : (1u << len) - 1) << pos;
        // C#'s shift takes its count modulo 32 (the folding's definition); LLVM's would be poison past 31.
        var field = a.BuildShl(b, f.Value(op.S1), f.Const((uint)pos & 31), LlvmApi.NoName);
        var kept = a.BuildAnd(b, f.Value(op.S0), f.Const(~mask), LlvmApi.NoName);
        f.Set(op.D0, a.BuildOr(b, kept, a.BuildAnd(b, field, f.Const(mask), LlvmApi.NoName), LlvmApi.NoName));
    }
}
