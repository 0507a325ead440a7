using System.Runtime.InteropServices;
using Hdbt.Linux;
using Hdbt.Host;

namespace Hdbt.Tests.Support;

/// <summary>
/// The real CPU as the reference for a committed test program (<see cref="CommittedProgram"/>) whose
/// results must be compared live: the i386 program run natively where the host's kernel executes
/// i386 programs, otherwise the same C source built as a static x86-64 program (NAME.x86_64 next
/// to NAME, made by the folder's build.sh) run natively. Every floating-point operation in those
/// sources is an inline-asm instruction, which the CPU executes with the same semantics in 64-bit
/// mode, so both are the CPU's answers (Frontend/OracleEquivalenceTests checks the x86-64 builds
/// against the outputs recorded natively from the i386 ones).
/// </summary>
/// <remarks>
/// The choice is made once per test run, from <see cref="HostAbi.CanExecI386"/> (the one place that
/// probes the host), and every result carries it in <see cref="Description"/> so that a failed
/// assertion says which oracle ran. When neither can run, <see cref="Run"/> fails the test with what
/// is missing: a test never passes or skips without a reference.
/// </remarks>
public static class NativeOracle
{
    /// <summary>File-name suffix of the x86-64 build of a committed program.</summary>
    public const string X86_64Suffix = ".x86_64";

    private static readonly Lazy<bool> s_i386 = new(() => HostAbi.CanExecI386);

    /// <summary>Whether this run's oracle is the i386 program itself (false: its x86-64 build).</summary>
    public static bool RunsI386 => s_i386.Value;

    /// <summary>Which oracle this run uses, in words, for assertion messages.</summary>
    public static string Description => RunsI386
        ? "oracle: the i386 program run natively"
        : $"oracle: the program's x86-64 build (NAME{X86_64Suffix}) run natively, because {HostAbi.NoNativeI386Reason}";

    /// <summary>
    /// The program that stands in for the CPU: tests/Hdbt.Tests/FOLDER/Programs/NAME, or NAME.x86_64.
    /// Fails the test when that cannot run here.
    /// </summary>
    public static string PathOf(string folder, string name)
    {
        string i386 = CommittedProgram.PathOf(folder, name);
        if (RunsI386) return i386;
        string x64 = i386 + X86_64Suffix;
        string build = $"tests/Hdbt.Tests/{folder}/Programs/build.sh x86_64 (needs gcc and glibc's static libraries: apt-get install gcc libc6-dev)";
        if (RuntimeInformation.OSArchitecture != Architecture.X64)
            Assert.Fail($"no CPU oracle for {name}: {HostAbi.NoNativeI386Reason}, and this {RuntimeInformation.OSArchitecture} machine cannot run its x86-64 build either; run the tests on an x86-64 host");
        if (!File.Exists(x64))
            Assert.Fail($"no CPU oracle for {name}: {HostAbi.NoNativeI386Reason}, and its x86-64 build {x64} is missing; make it with {build}, or run on a host whose kernel executes i386 programs (CONFIG_IA32_EMULATION)");
        return x64;
    }

    /// <summary>Runs the oracle of NAME with <paramref name="args"/> (see <see cref="PathOf"/>).</summary>
    public static ProcessResult Run(string folder, string name, IEnumerable<string> args) =>
        ChildProcess.Run(PathOf(folder, name), args);

    /// <summary>
    /// An assertion message for two outputs that should be equal: the first differing line of each,
    /// labelled, and which oracle ran.
    /// </summary>
    public static string FirstDifference(string what, string oracle, string hdbt)
    {
        var a = oracle.Split('\n');
        var b = hdbt.Split('\n');
        int i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        return $"{what}: line {i + 1} differs ({Description})\n  native: {(i < a.Length ? a[i] : "<end of output>")}\n  hdbt:   {(i < b.Length ? b[i] : "<end of output>")}";
    }
}
