using Hdbt.Helpers;
using Hdbt.Ir;

namespace Hdbt.Llvm.Lower;

/// <summary>
/// Lowering of helper calls, generic over <see cref="HelperTable"/>: every helper goes through
/// <see cref="HelperAbi.CallHelperAddress"/> (<c>u64 CallHelper(CpuState*, id, a0, a1, a2, a3)</c>, the one
/// catching trampoline), called at its address as a constant. Globals go to CpuState before a helper that reads or
/// writes them and come back after one that writes them (<see cref="HelperEffects"/>); a helper that may fault is
/// followed by the fault check. x87 and SSE are such helpers, so no x87 or SSE state lives in LLVM code.
/// </summary>
/// <remarks>
/// tcg follows gpr_to_sse, x87_control and fninit with a check of the guest's exception masks, because it inlines
/// SSE and x87 only while they are all masked. Nothing here is inlined, so no code depends on the masks, the
/// backend never needs a flush for them, and there is no such check.
/// </remarks>
public static unsafe class Call
{
    public static void Lower(FunctionBuilder f, in Op op)
    {
        var a = f.Api;
        var info = HelperTable.Get((HelperId)op.Imm);
        if ((info.Effects & (HelperEffects.ReadsGlobals | HelperEffects.WritesGlobals)) != 0) f.StoreGlobals();
        var type = a.Function(f.I64, [f.Ptr, f.I32, f.I32, f.I32, f.I32, f.I32]);
        var result = a.Call(f.B, type, a.ConstPointer(f.Context, (nint)HelperAbi.CallHelperAddress),
            [f.Cpu, f.Const(op.Imm), f.ValueOrZero(op.S0), f.ValueOrZero(op.S1), f.ValueOrZero(op.S2), f.ValueOrZero(op.S3)]);
        const HelperEffects mayFault = HelperEffects.CanFault | HelperEffects.ReadsMemory | HelperEffects.WritesMemory;
        if ((info.Effects & mayFault) != 0) f.CheckFault(result, f.CurrentPc);
        if ((info.Effects & HelperEffects.WritesGlobals) != 0) f.LoadGlobals();
        if (op.D0 >= 0) f.Set(op.D0, a.BuildTrunc(f.B, result, f.I32, LlvmApi.NoName));
        if (SmcExitPoints.WritesMemory(op))
        {
            f.NoteCodeWrite();
            f.StoresInInsn = true;
        }
    }
}
