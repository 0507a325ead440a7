using Hdbt.Guest;
using Hdbt.Helpers;
using Hdbt.Ir;

namespace Hdbt.Llvm.Lower;

/// <summary>
/// Lowering of guest loads and stores, checked as tcg's <c>--checked-loads --checked-stores</c> are: an inline test
/// of the page-flags table (<see cref="PageFlags.Read"/> for loads; <see cref="PageFlags.Write"/> and not
/// <see cref="PageFlags.Code"/> for stores; the access inside one page), then a plain little-endian access at
/// <c>memBase + zext(address)</c>. A failed test takes the slow path through <see cref="HelperAbi"/>'s checked
/// accessors, which fault (the unit leaves with a fault exit at the instruction's pc), invalidate code, or do the
/// access. The pc a fault reports is therefore exact without mapping host pcs back.
/// </summary>
public static unsafe class Memory
{
    public static void Load(FunctionBuilder f, in Op op)
    {
        var a = f.Api;
        var address = f.Value(op.S0);
        int size = op.Mem.Bytes();
        var fast = f.NewBlock("ld_fast");
        var slow = f.NewBlock("ld_slow");
        var done = f.NewBlock("ld_done");
        a.BuildCondBr(f.B, f.Expect(PageAllows(f, address, size, store: false), true), fast, slow);

        f.PositionAt(fast);
        var raw = a.Load(f.B, Narrow(f, size), HostAddress(f, address), 1);
        var value = size == 4 ? raw
            : op.Mem is MemOp.S8 or MemOp.S16 ? a.BuildSExt(f.B, raw, f.I32, LlvmApi.NoName) : a.BuildZExt(f.B, raw, f.I32, LlvmApi.NoName);
        var fastEnd = a.GetInsertBlock(f.B);
        a.BuildBr(f.B, done);

        f.PositionAt(slow);
        var type = a.Function(f.I64, [f.Ptr, f.I32, f.I32]);
        var result = a.Call(f.B, type, a.ConstPointer(f.Context, (nint)HelperAbi.LoadSlowAddress), [f.Cpu, address, f.Const((uint)op.Mem)]);
        f.CheckFault(result, f.CurrentPc);
        var slowValue = a.BuildTrunc(f.B, result, f.I32, LlvmApi.NoName);
        var slowEnd = a.GetInsertBlock(f.B);
        a.BuildBr(f.B, done);

        f.PositionAt(done);
        var phi = a.BuildPhi(f.B, f.I32, LlvmApi.NoName);
        a.AddIncomingOne(phi, value, fastEnd);
        a.AddIncomingOne(phi, slowValue, slowEnd);
        f.Set(op.D0, phi);
    }

    public static void Store(FunctionBuilder f, in Op op)
    {
        var a = f.Api;
        var value = f.Value(op.S0);
        var address = f.Value(op.S1);
        int size = op.Mem.Bytes();
        var fast = f.NewBlock("st_fast");
        var slow = f.NewBlock("st_slow");
        var done = f.NewBlock("st_done");
        a.BuildCondBr(f.B, f.Expect(PageAllows(f, address, size, store: true), true), fast, slow);

        f.PositionAt(fast);
        var narrow = size == 4 ? value : a.BuildTrunc(f.B, value, Narrow(f, size), LlvmApi.NoName);
        a.Store(f.B, narrow, HostAddress(f, address), 1);
        a.BuildBr(f.B, done);

        f.PositionAt(slow);
        var type = a.Function(f.I64, [f.Ptr, f.I32, f.I32, f.I32]);
        var result = a.Call(f.B, type, a.ConstPointer(f.Context, (nint)HelperAbi.StoreSlowAddress), [f.Cpu, address, value, f.Const((uint)op.Mem)]);
        f.CheckFault(result, f.CurrentPc);
        f.NoteCodeWrite();
        a.BuildBr(f.B, done);

        f.PositionAt(done);
    }

    private static LlvmTypeRef Narrow(FunctionBuilder f, int size) => size switch { 1 => f.I8, 2 => f.I16, _ => f.I32 };

    /// <summary><c>memBase + zext(address)</c>: guest memory is one 4 GiB reservation, so every guest address has a host byte.</summary>
    private static LlvmValueRef HostAddress(FunctionBuilder f, LlvmValueRef address)
    {
        var a = f.Api;
        return a.Gep(f.B, f.I8, f.MemBase, [a.BuildZExt(f.B, address, f.I64, LlvmApi.NoName)]);
    }

    /// <summary>
    /// i1: the page of <paramref name="address"/> allows the access (loads: readable; stores: writable and holding
    /// no translated code) and an access of <paramref name="size"/> bytes stays inside it (tcg's <c>CheckPage</c>).
    /// </summary>
    private static LlvmValueRef PageAllows(FunctionBuilder f, LlvmValueRef address, int size, bool store)
    {
        var a = f.Api;
        var b = f.B;
        var page = a.BuildZExt(b, a.BuildLShr(b, address, f.Const((uint)GuestMemory.PageShift), LlvmApi.NoName), f.I64, LlvmApi.NoName);
        var flags = a.Load(b, f.I8, a.Gep(b, f.I8, f.PageTable, [page]), 1);
        var i8 = f.I8;
        LlvmValueRef ok = store
            ? a.BuildICmp(b, LlvmIntPredicate.Eq, a.BuildAnd(b, flags, a.ConstInt(i8, (ulong)(PageFlags.Write | PageFlags.Code), 0), LlvmApi.NoName),
                a.ConstInt(i8, (ulong)PageFlags.Write, 0), LlvmApi.NoName)
            : a.BuildICmp(b, LlvmIntPredicate.Ne, a.BuildAnd(b, flags, a.ConstInt(i8, (ulong)PageFlags.Read, 0), LlvmApi.NoName),
                a.ConstInt(i8, 0, 0), LlvmApi.NoName);
        if (size == 1) return ok;
        var offset = a.BuildAnd(b, address, f.Const(GuestMemory.PageMask), LlvmApi.NoName);
        var inside = a.BuildICmp(b, LlvmIntPredicate.Ule, offset, f.Const(GuestMemory.PageSize - (uint)size), LlvmApi.NoName);
        return a.BuildAnd(b, ok, inside, LlvmApi.NoName);
    }
}
