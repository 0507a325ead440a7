using Hdbt.Fpu;

namespace Hdbt.Tests.Fpu;

/// <summary>
/// Every operation accepts every encoding (helpers must never throw: an exception would end the
/// emulator, not raise a guest signal), and results keep basic invariants.
/// </summary>
public sealed class Float80FuzzTests
{
    private static Float80 Random(Random rng)
    {
        ulong m = (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 33);
        int kind = rng.Next(8);
        ushort se = kind switch
        {
            0 => (ushort)rng.Next(0x10000),
            1 => (ushort)(rng.Next(2) << 15),
            2 => (ushort)((rng.Next(2) << 15) | 0x7FFF),
            _ => (ushort)((rng.Next(2) << 15) | (0x3FFF + rng.Next(-80, 80))),
        };
        if (kind >= 3) m |= 1ul << 63;
        if (rng.Next(10) == 0) m &= ~0ul << rng.Next(64);
        return new Float80(m, se);
    }

    [Fact]
    public void NoOperationThrows()
    {
        var rng = new Random(42);
        ushort[] controls = [0x037F, 0x077F, 0x0B7F, 0x0F7F, 0x027F, 0x007F];
        for (int i = 0; i < 30000; i++)
        {
            var a = Random(rng);
            var b = Random(rng);
            var env = new FpEnv(controls[i % controls.Length]);
            F80Arith.Add(a, b, ref env);
            F80Arith.Sub(a, b, ref env);
            F80Arith.Mul(a, b, ref env);
            F80Arith.Div(a, b, ref env);
            F80Arith.Sqrt(a, ref env);
            F80Convert.RoundToIntegral(a, ref env);
            F80Convert.ToDouble(a, ref env);
            F80Convert.ToSingle(a, ref env);
            F80Convert.ToInt(a, 64, false, ref env);
            F80Convert.ToBcd(a, new byte[10], ref env);
            F80Compare.Compare(a, b, true, ref env);
            F80Misc.Remainder(a, b, false, ref env);
            F80Misc.Remainder(a, b, true, ref env);
            F80Misc.Scale(a, b, ref env);
            F80Misc.Extract(a, ref env);
            if (!F80Transcendental.OutOfRange(a))
            {
                F80Transcendental.Sin(a, ref env);
                F80Transcendental.SinCos(a, ref env);
                F80Transcendental.Tan(a, ref env);
            }
            F80Transcendental.Exp2m1(a, ref env);
            F80Transcendental.Atan2(a, b, ref env);
            F80Transcendental.YLog2X(a, b, ref env);
            F80Transcendental.YLog2XP1(a, b, ref env);
        }
    }

    /// <summary>Results of finite operations are canonical encodings (never unnormals or pseudo-denormals).</summary>
    [Fact]
    public void ArithmeticResultsAreCanonical()
    {
        var rng = new Random(7);
        for (int i = 0; i < 20000; i++)
        {
            var a = Random(rng);
            var b = Random(rng);
            var env = new FpEnv(0x037F);
            foreach (var r in new[] { F80Arith.Add(a, b, ref env), F80Arith.Mul(a, b, ref env), F80Arith.Div(a, b, ref env), F80Arith.Sqrt(a, ref env) })
            {
                Assert.False(r.IsUnsupported, $"{a} {b} -> {r}");
                Assert.False(r.Exp == 0 && (r.Mant >> 63) != 0, $"pseudo-denormal {a} {b} -> {r}");
            }
        }
    }
}
