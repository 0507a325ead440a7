using BenchmarkDotNet.Attributes;
using Hdbt.Llvm;

namespace Hdbt.Harness.Micro;

/// <summary>
/// What LLVM costs per unit, before there is a lowering: one function of 44 instructions shaped like a
/// translated guest block (eight guest registers loaded from a CpuState-like struct, integer ALU work, a
/// compare and select, a guest memory load and store, the registers stored back), built with the C API,
/// verified, optimised at O1 or O2 and JIT-compiled at codegen level None or Default, then removed again
/// (removal is part of each compile's cost: a JIT that keeps every unit grows without bound).
/// </summary>
[MemoryDiagnoser]
public unsafe class LlvmBenchmarks
{
    /// <summary>Instructions in the benchmarked function (for per-instruction costs).</summary>
    public const int Instructions = 44;

    private LlvmJit? _o1, _o2, _o2None;
    private long _serial;

    [GlobalSetup]
    public void Setup()
    {
        _o1 = new LlvmJit(new LlvmJitOptions { Opt = LlvmOptLevel.O1, CodeGen = LlvmCodeGenLevel.Default });
        _o2 = new LlvmJit(new LlvmJitOptions { Opt = LlvmOptLevel.O2, CodeGen = LlvmCodeGenLevel.Default });
        _o2None = new LlvmJit(new LlvmJitOptions { Opt = LlvmOptLevel.O2, CodeGen = LlvmCodeGenLevel.None });
        // The first compile in a process initialises LLVM's target tables (tens of milliseconds): not per unit.
        foreach (var jit in new[] { _o1, _o2, _o2None }) Compile(jit);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _o1?.Dispose();
        _o2?.Dispose();
        _o2None?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "build + verify")]
    public bool BuildAndVerify()
    {
        using var unit = _o2!.CreateModule("bench");
        Build(unit, _o2.Api, "block");
        return _o2.Api.Verify(unit.Module) == null;
    }

    [Benchmark(Description = "O1, codegen Default")]
    public nint O1() => Compile(_o1!);

    [Benchmark(Description = "O2, codegen Default")]
    public nint O2() => Compile(_o2!);

    [Benchmark(Description = "O2, codegen None")]
    public nint O2CodegenNone() => Compile(_o2None!);

    private nint Compile(LlvmJit jit)
    {
        string name = $"block{_serial++}";
        var code = jit.Compile("bench", name, u => Build(u, jit.Api, name));
        nint entry = code.Entry;
        jit.Remove(code);
        return entry;
    }

    /// <summary>i32 name(ptr cpu, ptr mem): the block-shaped function (44 instructions).</summary>
    private static void Build(LlvmModuleUnit u, LlvmApi a, string name)
    {
        var (i32, i64, ptr) = (a.Int32TypeInContext(u.Context), a.Int64TypeInContext(u.Context), a.Pointer(u.Context));
        var f = a.AddFunctionNamed(u.Module, name, a.Function(i32, [ptr, ptr]));
        var b = u.Builder;
        a.PositionBuilderAtEnd(b, a.AppendBlock(u.Context, f, "entry"));
        var cpu = a.GetParam(f, 0);
        var mem = a.GetParam(f, 1);
        var regs = new LlvmValueRef[8];
        var slots = new LlvmValueRef[8];
        for (int r = 0; r < 8; r++)
        {
            slots[r] = r == 0 ? cpu : a.Gep(b, i32, cpu, [a.Const(i64, r)]);       // 7 geps
            regs[r] = a.Load(b, i32, slots[r], 4);                                  // 8 loads
        }
        var n = LlvmApi.NoName;
        var t = a.BuildAdd(b, regs[0], regs[1], n);                                 // 8 ALU
        t = a.BuildXor(b, t, regs[2], n);
        t = a.BuildShl(b, t, a.Const(i32, 3), n);
        t = a.BuildSub(b, t, regs[3], n);
        var u2 = a.BuildAnd(b, regs[4], a.Const(i32, 0xFF), n);
        u2 = a.BuildOr(b, u2, regs[5], n);
        u2 = a.BuildLShr(b, u2, a.Const(i32, 1), n);
        var m = a.BuildMul(b, t, u2, n);
        var c = a.BuildICmp(b, LlvmIntPredicate.Ult, m, regs[6], n);               // compare + select
        var s = a.BuildSelect(b, c, m, regs[6], n);
        var addr = a.BuildZExt(b, a.BuildAnd(b, regs[7], a.Const(i32, 0xFFFC), n), i64, n);
        var p = a.Gep(b, a.Int8TypeInContext(u.Context), mem, [addr]);           // guest memory: base + address
        var g = a.Load(b, i32, p, 1);
        a.Store(b, a.BuildAdd(b, g, s, n), p, 1);
        var e = a.BuildAShr(b, s, a.Const(i32, 2), n);
        e = a.BuildAdd(b, e, g, n);
        regs[0] = t; regs[1] = u2; regs[2] = m; regs[3] = s; regs[4] = e; regs[5] = g;
        regs[6] = a.BuildSub(b, regs[6], a.Const(i32, 1), n);
        regs[7] = a.BuildAdd(b, regs[7], a.Const(i32, 4), n);
        for (int r = 0; r < 8; r++) a.Store(b, regs[r], slots[r], 4);             // 8 stores
        a.BuildRet(b, regs[7]);                                                    // 1 ret
    }
}
