using Hdbt.Fpu;

namespace Hdbt.Tests.Fpu;

/// <summary>The 80-bit arithmetic on known bit patterns (values checked against the real x87).</summary>
public sealed class Float80Tests
{
    private const ushort Nearest64 = 0x037F, Down64 = 0x077F, Up64 = 0x0B7F, Zero64 = 0x0F7F, Nearest53 = 0x027F, Nearest24 = 0x007F;

    private static Float80 F(ushort se, ulong m) => new(m, se);

    private static readonly Float80 One = F(0x3FFF, 0x8000_0000_0000_0000), Three = F(0x4000, 0xC000_0000_0000_0000);

    [Theory]
    [InlineData(Nearest64, 0xAAAA_AAAA_AAAA_AAABul, FpStatus.PE | FpStatus.C1)]
    [InlineData(Down64, 0xAAAA_AAAA_AAAA_AAAAul, FpStatus.PE)]
    [InlineData(Up64, 0xAAAA_AAAA_AAAA_AAABul, FpStatus.PE | FpStatus.C1)]
    [InlineData(Zero64, 0xAAAA_AAAA_AAAA_AAAAul, FpStatus.PE)]
    [InlineData(Nearest53, 0xAAAA_AAAA_AAAA_A800ul, FpStatus.PE)]
    [InlineData(Nearest24, 0xAAAA_AB00_0000_0000ul, FpStatus.PE | FpStatus.C1)]
    public void OneThirdInEachModeAndPrecision(ushort cw, ulong mant, ushort status)
    {
        var env = new FpEnv(cw);
        var r = F80Arith.Div(One, Three, ref env);
        Assert.Equal(F(0x3FFD, mant), r);
        Assert.Equal(status, env.Status);
    }

    [Fact]
    public void SqrtTwo()
    {
        var env = new FpEnv(Nearest64);
        Assert.Equal(F(0x3FFF, 0xB504_F333_F9DE_6484), F80Arith.Sqrt(F(0x4000, 0x8000_0000_0000_0000), ref env));
        Assert.Equal(FpStatus.PE, env.Status);
    }

    [Fact]
    public void TiesGoToEvenAndDirectedModesDoNot()
    {
        var tiny = F(0x3FFF - 64, 0x8000_0000_0000_0000); // 2^-64: half an ulp of 1
        var env = new FpEnv(Nearest64);
        Assert.Equal(One, F80Arith.Add(One, tiny, ref env));
        env = new FpEnv(Up64);
        Assert.Equal(F(0x3FFF, 0x8000_0000_0000_0001), F80Arith.Add(One, tiny, ref env));
        Assert.Equal(FpStatus.PE | FpStatus.C1, env.Status);
    }

    [Fact]
    public void DenormalResultsAndUnderflow()
    {
        var minNormal = F(0x0001, 0x8000_0000_0000_0000);
        var two = F(0x4000, 0x8000_0000_0000_0000);
        var env = new FpEnv(Nearest64);
        // Exact denormal: no UE while underflow is masked.
        Assert.Equal(F(0x0000, 0x4000_0000_0000_0000), F80Arith.Div(minNormal, two, ref env));
        Assert.Equal(0, env.Status);
        // The smallest denormal halved: a tie, rounded to even zero, with UE and PE.
        env = new FpEnv(Nearest64);
        Assert.Equal(F(0x0000, 0), F80Arith.Div(F(0x0000, 1), two, ref env));
        Assert.Equal(FpStatus.UE | FpStatus.PE | FpStatus.DE, env.Status);
    }

    [Fact]
    public void OverflowGoesToInfinityOrTheLargestFinite()
    {
        var max = F(0x7FFE, 0xFFFF_FFFF_FFFF_FFFF);
        var env = new FpEnv(Nearest64);
        Assert.Equal(Float80.Infinity(false), F80Arith.Add(max, max, ref env));
        Assert.Equal(FpStatus.OE | FpStatus.PE | FpStatus.C1, env.Status);
        env = new FpEnv(Zero64);
        Assert.Equal(max, F80Arith.Add(max, max, ref env));
        env = new FpEnv(Nearest53);
        Assert.Equal(F(0x7FFE, 0xFFFF_FFFF_FFFF_F800), F80Arith.Mul(F(0x7FFE, 0xFFFF_FFFF_FFFF_F800), One, ref env));
    }

    [Fact]
    public void InvalidOperationsGiveTheIndefinite()
    {
        var env = new FpEnv(Nearest64);
        Assert.Equal(Float80.Indefinite, F80Arith.Sub(Float80.Infinity(false), Float80.Infinity(false), ref env));
        Assert.Equal(FpStatus.IE, env.Status);
        env = new FpEnv(Nearest64);
        Assert.Equal(Float80.Indefinite, F80Arith.Sqrt(One.Negate(), ref env));
        env = new FpEnv(Nearest64);
        Assert.Equal(Float80.Indefinite, F80Arith.Add(F(0x3FFF, 0x4000_0000_0000_0000), One, ref env)); // unnormal
        Assert.Equal(FpStatus.IE, env.Status);
    }

    [Fact]
    public void NaNPropagation()
    {
        var qnan = F(0x7FFF, 0xC000_0000_0000_1234);
        var snan = F(0x7FFF, 0xA000_0000_0000_5678);
        var env = new FpEnv(Nearest64);
        Assert.Equal(qnan, F80Arith.Add(snan, qnan, ref env)); // the QNaN wins over an SNaN
        Assert.Equal(FpStatus.IE, env.Status);
        env = new FpEnv(Nearest64);
        Assert.Equal(F(0x7FFF, 0xE000_0000_0000_5678), F80Arith.Mul(One, snan, ref env)); // quieted
        env = new FpEnv(Nearest64);
        Assert.Equal(F(0x7FFF, 0xC000_0000_0000_1234), F80Arith.Add(F(0xFFFF, 0xC000_0000_0000_0001), qnan, ref env)); // larger significand
        Assert.Equal(0, env.Status);
    }

    [Fact]
    public void ConversionsToMemoryFormats()
    {
        var third = F(0x3FFD, 0xAAAA_AAAA_AAAA_AAAB);
        var env = new FpEnv(Nearest64);
        Assert.Equal(0x3FD5_5555_5555_5555ul, F80Convert.ToDouble(third, ref env));
        Assert.Equal(0x3EAA_AAABu, F80Convert.ToSingle(third, ref env));
        var twoAndHalf = F(0x4000, 0xA000_0000_0000_0000);
        env = new FpEnv(Nearest64);
        Assert.Equal(2, F80Convert.ToInt(twoAndHalf, 32, false, ref env));
        env = new FpEnv(Up64);
        Assert.Equal(3, F80Convert.ToInt(twoAndHalf, 32, false, ref env));
        Assert.Equal(FpStatus.PE | FpStatus.C1, env.Status);
        env = new FpEnv(Nearest64);
        Assert.Equal(2, F80Convert.ToInt(twoAndHalf.Negate().Negate(), 16, true, ref env));
        env = new FpEnv(Nearest64);
        Assert.Equal(long.MinValue, F80Convert.ToInt(F(0x403E, 0x8000_0000_0000_0000), 64, false, ref env)); // 2^63
        Assert.Equal(FpStatus.IE, env.Status);
        env = new FpEnv(Nearest64);
        Assert.Equal(long.MinValue, F80Convert.ToInt(F(0xC03E, 0x8000_0000_0000_0000), 64, false, ref env)); // -2^63 fits
        Assert.Equal(0, env.Status);
        env = new FpEnv(Nearest64);
        Assert.Equal(F(0x3BCD, 0x8000_0000_0000_0000), F80Convert.FromDouble(1, ref env)); // smallest double denormal, 2^-1074
        Assert.Equal(FpStatus.DE, env.Status);
    }

    [Fact]
    public void BcdRoundTrip()
    {
        byte[] bcd = [0x21, 0x43, 0x65, 0x87, 0x09, 0, 0, 0, 0, 0x80];
        var v = F80Convert.FromBcd(bcd);
        Assert.Equal(F80Convert.FromInt64(-987654321), v);
        var env = new FpEnv(Nearest64);
        var back = new byte[10];
        F80Convert.ToBcd(v, back, ref env);
        Assert.Equal(bcd, back);
    }

    [Fact]
    public void PartialRemainderQuotientBits()
    {
        var env = new FpEnv(Nearest64);
        var r = F80Misc.Remainder(F80Convert.FromInt64(10), Three, ieee: false, ref env);
        Assert.Equal(One, r);
        Assert.Equal(FpStatus.C3 | FpStatus.C1, env.Status); // quotient 3: q1 = 1, q0 = 1
        env = new FpEnv(Nearest64);
        r = F80Misc.Remainder(F80Convert.FromInt64(11), Three, ieee: true, ref env);
        Assert.Equal(One.Negate(), r); // 11 = 4*3 - 1
        Assert.Equal(FpStatus.C0, env.Status); // quotient 4
    }

    [Fact]
    public void TranscendentalsOnKnownValues()
    {
        var env = new FpEnv(Nearest64);
        // fsin of pi rounded to 64 bits is the distance to the x87's 66-bit pi: exactly -2^-64.
        Assert.Equal(F(0xBFBF, 0x8000_0000_0000_0000), F80Transcendental.Sin(F(0x4000, 0xC90F_DAA2_2168_C235), ref env));
        env = new FpEnv(Nearest64);
        Assert.Equal(F(0x3FFE, 0x8000_0000_0000_0000), F80Transcendental.YLog2X(F(0x3FFE, 0x8000_0000_0000_0000), F(0x4000, 0x8000_0000_0000_0000), ref env));
        env = new FpEnv(Nearest64);
        // 2^0.5 - 1
        Assert.Equal(F(0x3FFD, 0xD413_CCCF_E779_9211), F80Transcendental.Exp2m1(F(0x3FFE, 0x8000_0000_0000_0000), ref env));
    }
}
