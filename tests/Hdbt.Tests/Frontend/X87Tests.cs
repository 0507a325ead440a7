using System.Globalization;
using Hdbt.Linux;
using Hdbt.Loader;
using Hdbt.Engine;
using Hdbt.Tests.Support;
using Hdbt.Host;

namespace Hdbt.Tests.Frontend;

/// <summary>
/// The x87 FPU against the real CPU (Programs/x87.c): every instruction form over edge values under
/// every rounding and precision control, results and status words bit for bit.
/// </summary>
public sealed class X87Tests
{
    /// <summary>Groups whose output must equal the native one exactly (see x87.c for what each covers).</summary>
    [Theory]
    [InlineData("arith")]
    [InlineData("unary")]
    [InlineData("convert")]
    [InlineData("compare")]
    [InlineData("stack")]
    [InlineData("env")]
    [InlineData("libm")]
    public void MatchesNative(string group) =>
        CommittedProgram.AssertMatchesNative("Frontend", "x87", args: [group], expectedFile: $"x87.{group}.expected");

    /// <summary>20000 random operand pairs for add/sub/mul/div/fprem/fprem1/fscale/fsqrt/frndint under random controls.</summary>
    [Fact]
    public void RandomOperandsMatchNative() =>
        CommittedProgram.AssertMatchesNative("Frontend", "x87", args: ["random", "20000", "1"], expectedFile: "x87.random.expected");

    /// <summary>
    /// An unmasked exception is reported at the next waiting x87 instruction as SIGFPE, as natively,
    /// at the same instruction in both modes (tcg: the fldcw that unmasks leaves the inline x87 code).
    /// </summary>
    [Fact]
    public void UnmaskedExceptionRaisesSigfpe()
    {
        string path = CommittedProgram.PathOf("Frontend", "x87");
        var pcs = new List<uint?>();
        foreach (var mode in new[] { ExecutionMode.Interp, ExecutionMode.Tcg })
        {
            using var emulator = new Emulator(new EmulatorOptions { Log = TextWriter.Null, Mode = mode, Translator = new() { VerifyIr = true } });
            var result = emulator.Run(ElfFile.Load(path), path, [path, "sigfpe"], []);
            Assert.Equal(Signals.SIGFPE, result.Signal);
            pcs.Add(result.Pc);
        }
        Assert.NotNull(pcs[0]);
        Assert.Equal(pcs[0], pcs[1]);
    }

    /// <summary>
    /// The x87 stack, TOP, tags and status kept across a syscall, cpuid, an x87 store into a page
    /// holding code, MMX, fxsave/fxrstor and fnsave/frstor, and exception-mask changes: where tcg
    /// moves the state between the host's x87 unit and CpuState (Programs/x87_state.c).
    /// </summary>
    [Theory]
    [InlineData("syscall")]
    [InlineData("cpuid")]
    [InlineData("codepage")]
    [InlineData("mmx")]
    [InlineData("save")]
    [InlineData("masks")]
    public void StateSurvivesCallsExitsAndMaskChanges(string group) =>
        CommittedProgram.AssertMatchesNative("Frontend", "x87_state", args: [group], expectedFile: $"x87_state.{group}.expected");

    /// <summary>Half a million random cases more, on the real CPU (<see cref="NativeOracle"/>) and under hdbt.</summary>
    [Fact]
    [Trait("Category", "Long")]
    public void ManyRandomOperandsMatchNative()
    {
        foreach (var seed in new[] { "2", "3" })
        {
            string[] args = ["random", "250000", seed];
            var native = NativeOracle.Run("Frontend", "x87", args);
            Assert.True(native.ExitCode == 0, $"native ({NativeOracle.Description}): {native}");
            var r = CommittedProgram.Run("Frontend", "x87", args: args);
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.True(native.StdoutText == r.StdoutText, NativeOracle.FirstDifference($"x87 random seed {seed} (10000 cases a line)", native.StdoutText, r.StdoutText));
        }
    }

    /// <summary>
    /// Transcendentals (fsin, fcos, fptan, fsincos, f2xm1, fpatan, fyl2x, fyl2xp1 over the edge values
    /// and every control word): the hardware's are not correctly rounded, hdbt's are (to ~2^-100 before
    /// the final rounding), so results may differ by one unit in the last place and, with them, C1.
    /// fyl2xp1 outside its domain (|x| &gt;= 1 - sqrt(2)/2, undefined by Intel) is not compared.
    /// </summary>
    [Theory]
    [Trait("Category", "Long")]
    [InlineData("trans1")]
    [InlineData("trans2")]
    public void TranscendentalsWithinOneUlpOfNative(string group)
    {
        string[] args = ["-v", group];
        var native = NativeOracle.Run("Frontend", "x87", args);
        Assert.True(native.ExitCode == 0, $"native ({NativeOracle.Description}): {native}");
        var r = CommittedProgram.Run("Frontend", "x87", args: args, hdbtOptions: []);
        Assert.True(r.ExitCode == 0, r.ToString());
        var a = native.StdoutText.Split('\n');
        var b = r.StdoutText.Split('\n');
        Assert.Equal(a.Length, b.Length);
        // Edge values inside fyl2xp1's domain (see the edge table in x87.c).
        int[] inDomain = [0, 1, 6, 10, 11, 12, 13, 36, 37, 40];
        var bad = new List<string>();
        string form = "";
        for (int i = a.Length - 1; i >= 0; i--)
        {
            // Each form's summary line follows its cases: walk backwards to know the form of a case.
            if (!a[i].StartsWith("  ", StringComparison.Ordinal))
            {
                form = a[i].Split(' ')[0];
                continue;
            }
            if (a[i] == b[i]) continue;
            if (form == "fyl2xp1" && !inDomain.Contains(int.Parse(a[i].Trim().Split(',')[0], CultureInfo.InvariantCulture))) continue;
            if (!WithinOneUlp(a[i], b[i])) bad.Add($"{form}: native {a[i].Trim()} hdbt {b[i].Trim()}");
        }
        Assert.True(bad.Count == 0, $"{bad.Count} results more than one ulp from native ({NativeOracle.Description}):\n{string.Join('\n', bad.Take(20))}");
    }

    /// <summary>Same sign and exception flags; magnitudes adjacent (the encoding is monotonic across binades).</summary>
    private static bool WithinOneUlp(string native, string hdbt)
    {
        static (UInt128 Key, bool Sign, int Flags) Parse(string line)
        {
            var parts = line.Split("->")[1].Trim().Split(' ');
            var v = parts[0].Split(':');
            uint se = uint.Parse(v[0], NumberStyles.HexNumber);
            ulong m = ulong.Parse(v[1], NumberStyles.HexNumber);
            int sw = int.Parse(parts[1]["sw=".Length..], NumberStyles.HexNumber);
            return (((UInt128)(se & 0x7FFF) << 63) + (m & ~(1ul << 63)), (se & 0x8000) != 0, sw & 0x7F);
        }
        var x = Parse(native);
        var y = Parse(hdbt);
        UInt128 d = x.Key > y.Key ? x.Key - y.Key : y.Key - x.Key;
        return x.Sign == y.Sign && d <= 1 && x.Flags == y.Flags;
    }
}
