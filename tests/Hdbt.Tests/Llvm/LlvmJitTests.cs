using System.Runtime.InteropServices;
using Hdbt.Llvm;

namespace Hdbt.Tests.Llvm;

/// <summary>
/// The bindings end to end: build small functions with the C API, verify, optimise, JIT, call them through
/// <c>delegate* unmanaged</c>. Each test has a JIT of its own (a JIT costs a few milliseconds).
/// </summary>
public sealed unsafe class LlvmJitTests
{
    public static TheoryData<LlvmOptLevel, LlvmCodeGenLevel> Levels()
    {
        var d = new TheoryData<LlvmOptLevel, LlvmCodeGenLevel>();
        foreach (var o in Enum.GetValues<LlvmOptLevel>())
            foreach (var c in Enum.GetValues<LlvmCodeGenLevel>()) d.Add(o, c);
        return d;
    }

    /// <summary>i32 f(i32 a, i32 b) = a + b.</summary>
    private static void BuildAdd(LlvmModuleUnit u, LlvmApi a, string name, int extra = 0)
    {
        var i32 = a.Int32TypeInContext(u.Context);
        var f = a.AddFunctionNamed(u.Module, name, a.Function(i32, [i32, i32]));
        a.PositionBuilderAtEnd(u.Builder, a.AppendBlock(u.Context, f, "entry"));
        var sum = a.BuildAdd(u.Builder, a.GetParam(f, 0), a.GetParam(f, 1), LlvmApi.NoName);
        a.BuildRet(u.Builder, a.BuildAdd(u.Builder, sum, a.Const(i32, extra), LlvmApi.NoName));
    }

    /// <summary>i32 sum(i32 n) = 1 + 2 + ... + n (n ≥ 1), a loop with two phis.</summary>
    private static void BuildSum(LlvmModuleUnit u, LlvmApi a, string name)
    {
        var i32 = a.Int32TypeInContext(u.Context);
        var f = a.AddFunctionNamed(u.Module, name, a.Function(i32, [i32]));
        var entry = a.AppendBlock(u.Context, f, "entry");
        var loop = a.AppendBlock(u.Context, f, "loop");
        var exit = a.AppendBlock(u.Context, f, "exit");
        var b = u.Builder;
        a.PositionBuilderAtEnd(b, entry);
        a.BuildBr(b, loop);
        a.PositionBuilderAtEnd(b, loop);
        var i = a.BuildPhi(b, i32, LlvmApi.NoName);
        var s = a.BuildPhi(b, i32, LlvmApi.NoName);
        a.SetName(i, "i");
        a.SetName(s, "s");
        var s2 = a.BuildAdd(b, s, i, LlvmApi.NoName);
        var i2 = a.BuildAdd(b, i, a.Const(i32, 1), LlvmApi.NoName);
        a.AddIncomingOne(i, a.Const(i32, 1), entry);
        a.AddIncomingOne(i, i2, loop);
        a.AddIncomingOne(s, a.Const(i32, 0), entry);
        a.AddIncomingOne(s, s2, loop);
        a.BuildCondBr(b, a.BuildICmp(b, LlvmIntPredicate.Sgt, i2, a.GetParam(f, 0), LlvmApi.NoName), exit, loop);
        a.PositionBuilderAtEnd(b, exit);
        a.BuildRet(b, s2);
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void AddAndLoopAtEveryLevel(LlvmOptLevel opt, LlvmCodeGenLevel codegen)
    {
        using var jit = new LlvmJit(new LlvmJitOptions { Opt = opt, CodeGen = codegen });
        var add = jit.Compile("add", "add", u => BuildAdd(u, jit.Api, "add"));
        Assert.Equal(5, ((delegate* unmanaged<int, int, int>)add.Entry)(2, 3));
        Assert.Equal(int.MinValue, ((delegate* unmanaged<int, int, int>)add.Entry)(int.MaxValue, 1));
        var sum = jit.Compile("sum", "sum", u => BuildSum(u, jit.Api, "sum"));
        var f = (delegate* unmanaged<int, int>)sum.Entry;
        Assert.Equal(1, f(1));
        Assert.Equal(5050, f(100));
        Assert.Equal(2, jit.Units);
        Assert.True(jit.OptimizeTicks > 0 && jit.CodegenTicks > 0 && jit.VerifyTicks > 0);
    }

    [UnmanagedCallersOnly]
    private static int Twice(int x)
    {
        // A managed allocation and a collection inside the callback: the GC must be able to run while JIT code is on the stack.
        var garbage = new int[16];
        GC.Collect(0);
        return x * 2 + garbage.Length - 16;
    }

    private static nint TwiceAddress => (nint)(delegate* unmanaged<int, int>)&Twice;

    [Fact]
    public void CallsCSharpThroughAnAbsoluteSymbol()
    {
        using var jit = new LlvmJit(new LlvmJitOptions { Opt = LlvmOptLevel.O2 });
        jit.DefineAbsolute("hdbt_test_twice", TwiceAddress);
        var code = jit.Compile("m", "f", u =>
        {
            var a = jit.Api;
            var i32 = a.Int32TypeInContext(u.Context);
            var type = a.Function(i32, [i32]);
            var twice = a.AddFunctionNamed(u.Module, "hdbt_test_twice", type);
            var f = a.AddFunctionNamed(u.Module, "f", type);
            a.PositionBuilderAtEnd(u.Builder, a.AppendBlock(u.Context, f));
            var r = a.Call(u.Builder, type, twice, [a.GetParam(f, 0)]);
            a.BuildRet(u.Builder, a.BuildAdd(u.Builder, r, a.Const(i32, 1), LlvmApi.NoName));
        });
        Assert.Equal(43, ((delegate* unmanaged<int, int>)code.Entry)(21));
    }

    [Fact]
    public void CallsCSharpThroughAnIntToPtrConstant()
    {
        using var jit = new LlvmJit();
        var code = jit.Compile("m", "f", u =>
        {
            var a = jit.Api;
            var i32 = a.Int32TypeInContext(u.Context);
            var type = a.Function(i32, [i32]);
            var f = a.AddFunctionNamed(u.Module, "f", type);
            a.PositionBuilderAtEnd(u.Builder, a.AppendBlock(u.Context, f));
            var r = a.Call(u.Builder, type, a.ConstPointer(u.Context, TwiceAddress), [a.GetParam(f, 0)]);
            a.BuildRet(u.Builder, a.BuildSub(u.Builder, r, a.Const(i32, 1), LlvmApi.NoName));
        });
        Assert.Equal(41, ((delegate* unmanaged<int, int>)code.Entry)(21));
    }

    [Fact]
    public void LoadsAndStoresThroughAPointerArgument()
    {
        using var jit = new LlvmJit();
        // i32 f(ptr p) { v = p[1]; p[0] = v * 3 (volatile); p[2] = v + 1; return v }
        var code = jit.Compile("m", "f", u =>
        {
            var a = jit.Api;
            var (i32, i64, ptr) = (a.Int32TypeInContext(u.Context), a.Int64TypeInContext(u.Context), a.Pointer(u.Context));
            var f = a.AddFunctionNamed(u.Module, "f", a.Function(i32, [ptr]));
            var b = u.Builder;
            a.PositionBuilderAtEnd(b, a.AppendBlock(u.Context, f));
            var p = a.GetParam(f, 0);
            var v = a.Load(b, i32, a.Gep(b, i32, p, [a.Const(i64, 1)]), 4);
            a.Store(b, a.BuildMul(b, v, a.Const(i32, 3), LlvmApi.NoName), p, 4, isVolatile: true);
            a.Store(b, a.BuildAdd(b, v, a.Const(i32, 1), LlvmApi.NoName), a.Gep(b, i32, p, [a.Const(i64, 2)]), 1);
            a.BuildRet(b, v);
        });
        var data = stackalloc int[3] { 0, 7, 0 };
        Assert.Equal(7, ((delegate* unmanaged<int*, int>)code.Entry)(data));
        Assert.Equal(21, data[0]);
        Assert.Equal(8, data[2]);
    }

    [Fact]
    public void OverflowIntrinsicGivesSumAndFlag()
    {
        using var jit = new LlvmJit();
        // i64 f(i32 x, i32 y) = zext(overflow) << 32 | zext(x + y), through llvm.sadd.with.overflow.i32.
        var code = jit.Compile("m", "f", u =>
        {
            var a = jit.Api;
            var (i32, i64) = (a.Int32TypeInContext(u.Context), a.Int64TypeInContext(u.Context));
            var f = a.AddFunctionNamed(u.Module, "f", a.Function(i64, [i32, i32]));
            var b = u.Builder;
            a.PositionBuilderAtEnd(b, a.AppendBlock(u.Context, f));
            var (sadd, type) = a.Intrinsic(u.Module, "llvm.sadd.with.overflow", [i32]);
            var pair = a.Call(b, type, sadd, [a.GetParam(f, 0), a.GetParam(f, 1)]);
            var sum = a.BuildZExt(b, a.BuildExtractValue(b, pair, 0, LlvmApi.NoName), i64, LlvmApi.NoName);
            var flag = a.BuildZExt(b, a.BuildExtractValue(b, pair, 1, LlvmApi.NoName), i64, LlvmApi.NoName);
            a.BuildRet(b, a.BuildOr(b, a.BuildShl(b, flag, a.Const(i64, 32), LlvmApi.NoName), sum, LlvmApi.NoName));
            Assert.Contains("llvm.sadd.with.overflow.i32", a.PrintModule(u.Module));
        });
        var fn = (delegate* unmanaged<int, int, long>)code.Entry;
        Assert.Equal(3L, fn(1, 2));
        Assert.Equal(1L << 32 | 0x80000000L, fn(int.MaxValue, 1));
        Assert.Equal(1L << 32 | 0x7FFFFFFFL, fn(int.MinValue, -1));
    }

    [Fact]
    public void FloatingPointIncludingX87AndALibmCall()
    {
        using var jit = new LlvmJit();
        // double f(double x, double y) = (double)((x86_fp80)x + (x86_fp80)0.5) + frem(x, y)   (frem becomes a call to fmod)
        var code = jit.Compile("m", "f", u =>
        {
            var a = jit.Api;
            var (f64, f80) = (a.DoubleTypeInContext(u.Context), a.X86FP80TypeInContext(u.Context));
            var f = a.AddFunctionNamed(u.Module, "f", a.Function(f64, [f64, f64]));
            var b = u.Builder;
            a.PositionBuilderAtEnd(b, a.AppendBlock(u.Context, f));
            var x = a.GetParam(f, 0);
            var wide = a.BuildFAdd(b, a.BuildFPExt(b, x, f80, LlvmApi.NoName), a.ConstReal(f80, 0.5), LlvmApi.NoName);
            var rem = a.BuildFRem(b, x, a.GetParam(f, 1), LlvmApi.NoName);
            a.BuildRet(b, a.BuildFAdd(b, a.BuildFPTrunc(b, wide, f64, LlvmApi.NoName), rem, LlvmApi.NoName));
        });
        Assert.Equal(5.5 + 0.5 + 1.5, ((delegate* unmanaged<double, double, double>)code.Entry)(5.5, 2.0));
    }

    [Fact]
    public void VectorsAndI128()
    {
        using var jit = new LlvmJit();
        // void f(ptr p): p[0..3] (<4 x i32>) += <1,2,3,4>; p[4..7] as i128 = ~(p[4..7] as i128)
        var code = jit.Compile("m", "f", u =>
        {
            var a = jit.Api;
            var (i32, i64, i128) = (a.Int32TypeInContext(u.Context), a.Int64TypeInContext(u.Context), a.Int128TypeInContext(u.Context));
            var v4 = a.VectorType(i32, 4);
            var f = a.AddFunctionNamed(u.Module, "f", a.Function(a.VoidTypeInContext(u.Context), [a.Pointer(u.Context)]));
            var b = u.Builder;
            a.PositionBuilderAtEnd(b, a.AppendBlock(u.Context, f));
            var p = a.GetParam(f, 0);
            LlvmValueRef* lanes = stackalloc LlvmValueRef[4] { a.Const(i32, 1), a.Const(i32, 2), a.Const(i32, 3), a.Const(i32, 4) };
            a.Store(b, a.BuildAdd(b, a.Load(b, v4, p, 4), a.ConstVector(lanes, 4), LlvmApi.NoName), p, 4);
            var q = a.Gep(b, i32, p, [a.Const(i64, 4)]);
            a.Store(b, a.BuildXor(b, a.Load(b, i128, q, 4), a.Const128(u.Context, ulong.MaxValue, ulong.MaxValue), LlvmApi.NoName), q, 4);
            a.BuildRetVoid(b);
        });
        var data = stackalloc uint[8] { 10, 20, 30, 40, 0, 1, 2, 0xFFFFFFFF };
        ((delegate* unmanaged<uint*, void>)code.Entry)(data);
        Assert.Equal([11u, 22u, 33u, 44u, 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0u], new ReadOnlySpan<uint>(data, 8).ToArray());
    }

    [Fact]
    public void RemovedCodeCanBeDefinedAgain()
    {
        using var jit = new LlvmJit(new LlvmJitOptions { Opt = LlvmOptLevel.O1, CodeGen = LlvmCodeGenLevel.None });
        var first = jit.Compile("m1", "g", u => BuildAdd(u, jit.Api, "g", extra: 100));
        Assert.Equal(103, ((delegate* unmanaged<int, int, int>)first.Entry)(1, 2));
        var duplicate = Assert.Throws<LlvmException>(() => jit.Compile("m2", "g", u => BuildAdd(u, jit.Api, "g", extra: 200)));
        Assert.Contains("g", duplicate.Message);
        jit.Remove(first);
        Assert.True(first.Removed);
        jit.Remove(first); // a second removal does nothing
        var second = jit.Compile("m3", "g", u => BuildAdd(u, jit.Api, "g", extra: 200));
        Assert.Equal(203, ((delegate* unmanaged<int, int, int>)second.Entry)(1, 2));
    }

    [Fact]
    public void AModuleTheVerifierRejectsFailsWithItsMessage()
    {
        using var jit = new LlvmJit();
        var e = Assert.Throws<LlvmException>(() => jit.Compile("bad", "bad", u =>
        {
            var a = jit.Api;
            var i32 = a.Int32TypeInContext(u.Context);
            var f = a.AddFunctionNamed(u.Module, "bad", a.Function(i32, [i32]));
            a.PositionBuilderAtEnd(u.Builder, a.AppendBlock(u.Context, f, "entry"));
            a.BuildAdd(u.Builder, a.GetParam(f, 0), a.GetParam(f, 0), LlvmApi.NoName); // no terminator
        }));
        Assert.StartsWith("LLVM verifier rejected module for bad: ", e.Message);
        Assert.Contains("terminator", e.Message);
        // The JIT is still usable after a failure.
        var ok = jit.Compile("good", "good", u => BuildAdd(u, jit.Api, "good"));
        Assert.Equal(3, ((delegate* unmanaged<int, int, int>)ok.Entry)(1, 2));
    }

    [Fact]
    public void AnUnknownSymbolOrIntrinsicIsAClearError()
    {
        using var jit = new LlvmJit();
        var e = Assert.Throws<LlvmException>(() => jit.Compile("m", "missing", u => BuildAdd(u, jit.Api, "present")));
        Assert.StartsWith("LLVM could not compile missing: ", e.Message);
        using var unit = jit.CreateModule("m");
        var i = Assert.Throws<LlvmException>(() => jit.Api.Intrinsic(unit.Module, "llvm.no.such.thing", []));
        Assert.Contains("llvm.no.such.thing", i.Message);
    }

    [Fact]
    public void TwoThreadsCompilingIntoOneJitGetTheirOwnResults()
    {
        using var jit = new LlvmJit(new LlvmJitOptions { Opt = LlvmOptLevel.O2, CodeGen = LlvmCodeGenLevel.None });
        const int PerThread = 25;
        var results = new int[2, PerThread];
        var threads = Enumerable.Range(0, 2).Select(t => new Thread(() =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                string name = $"k{t}_{i}";
                int extra = t * 1000 + i;
                var code = jit.Compile(name, name, u => BuildAdd(u, jit.Api, name, extra));
                results[t, i] = ((delegate* unmanaged<int, int, int>)code.Entry)(1, 2);
                if (i % 5 == 0) jit.Remove(code);
            }
        })).ToList();
        foreach (var th in threads) th.Start();
        foreach (var th in threads) th.Join();
        for (int t = 0; t < 2; t++)
            for (int i = 0; i < PerThread; i++) Assert.Equal(3 + t * 1000 + i, results[t, i]);
        Assert.Equal(2 * PerThread, jit.Units);
    }

    [Fact]
    public void ADisposedUnitIsFreedAndAttributesApply()
    {
        using var jit = new LlvmJit();
        var unit = jit.CreateModule("m");
        BuildAdd(unit, jit.Api, "h");
        var h = jit.Api.GetNamedFunction(unit.Module, LlvmApi.NoName);
        Assert.True(h.IsNull);
        using (var name = new LlvmApi.Utf8Z("h", stackalloc byte[8])) h = jit.Api.GetNamedFunction(unit.Module, name.Pointer);
        jit.Api.AddAttribute(unit.Context, h, LlvmApi.FunctionIndex, "nounwind");
        Assert.Contains("nounwind", jit.Api.PrintModule(unit.Module));
        Assert.Contains(jit.Triple, jit.Api.PrintModule(unit.Module));
        unit.Dispose();
        Assert.True(unit.Consumed);
        Assert.Throws<InvalidOperationException>(() => jit.Compile(unit, "h"));
    }
}
