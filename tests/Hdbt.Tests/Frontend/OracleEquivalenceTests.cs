using System.Runtime.InteropServices;
using Hdbt.Tests.Support;

namespace Hdbt.Tests.Frontend;

/// <summary>
/// The x86-64 builds of the frontend programs (Programs/NAME.x86_64, the CPU oracle on hosts whose
/// kernel runs no i386 programs: <see cref="NativeOracle"/>) give exactly the outputs recorded
/// natively from the i386 builds. That is what makes them a stand-in for the i386 programs: the
/// same inline-asm x87 and SSE instructions, executed by the CPU in 64-bit mode, with the same
/// results and status words. Runs on every x86-64 host, whatever its kernel does with i386 code.
/// </summary>
/// <remarks>
/// Covered: x87's exact groups and its short random run (x87.x86_64 is the oracle of the 500,000
/// random cases and the transcendentals), and every SSE arithmetic, compare and conversion form
/// under every MXCSR mode (sse_fp, sse_cvt: the forms sse_rand draws from, whose x86-64 build is the
/// oracle of the randomized SSE runs). Not comparable, so not an oracle anywhere: x87's libm group
/// (glibc's x86-64 libm computes with SSE2, not the x87) and its sigfpe case (1/0 in C is SSE there).
/// sse_fault.x86_64's statuses are checked by SseIntegerTests.FaultsAsNative against the i386 ones.
/// </remarks>
public sealed class OracleEquivalenceTests
{
    public static TheoryData<string, string, string> Recorded() => new()
    {
        { "x87", "arith", "x87.arith.expected" },
        { "x87", "unary", "x87.unary.expected" },
        { "x87", "convert", "x87.convert.expected" },
        { "x87", "compare", "x87.compare.expected" },
        { "x87", "stack", "x87.stack.expected" },
        { "x87", "env", "x87.env.expected" },
        { "x87", "random 20000 1", "x87.random.expected" },
        { "sse_fp", "f32", "sse_fp.f32.expected" },
        { "sse_fp", "f64", "sse_fp.f64.expected" },
        { "sse_fp", "cmp", "sse_fp.cmp.expected" },
        { "sse_cvt", "cvt", "sse_cvt.cvt.expected" },
        { "sse_cvt", "approx", "sse_cvt.approx.expected" },
    };

    [Theory]
    [MemberData(nameof(Recorded))]
    public void X86_64BuildGivesTheI386Output(string program, string args, string expectedFile)
    {
        string path = CommittedProgram.PathOf("Frontend", program + NativeOracle.X86_64Suffix);
        Assert.True(RuntimeInformation.OSArchitecture == Architecture.X64, $"the x86-64 builds need an x86-64 host (this is {RuntimeInformation.OSArchitecture})");
        Assert.True(File.Exists(path), $"{path} is missing: tests/Hdbt.Tests/Frontend/Programs/build.sh x86_64 makes it (apt-get install gcc libc6-dev)");
        var r = ChildProcess.Run(path, args.Split(' '));
        Assert.True(r.ExitCode == 0, $"{path} {args}: {r}");
        string expected = CommittedProgram.Expected("Frontend", expectedFile);
        if (expected == r.StdoutText) return;
        var a = expected.Split('\n');
        var b = r.StdoutText.Split('\n');
        int i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        Assert.Fail($"{program}.x86_64 {args}: line {i + 1} differs from {expectedFile} (recorded natively from the i386 build)\n" +
            $"  i386:   {(i < a.Length ? a[i] : "<end of output>")}\n  x86-64: {(i < b.Length ? b[i] : "<end of output>")}");
    }
}
