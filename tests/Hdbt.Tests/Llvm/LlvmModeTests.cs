using Hdbt.Tests.Support;

namespace Hdbt.Tests.Llvm;

/// <summary>
/// <c>--mode llvm</c> as a user meets it: without a usable libLLVM, one line and exit 69 (unavailable); with one, a
/// program runs and its LLVM compile time shows in the statistics.
/// </summary>
public sealed class LlvmModeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>mov ecx, 5; xor eax, eax; L: add eax, ecx; dec ecx; jnz L; exit(eax) — 15.</summary>
    /// <summary>Lets the child run llvm while the mode table does not switch it on yet (a no-op once it does).</summary>
    private static Dictionary<string, string> Env(string? llvmPath = null)
    {
        var env = new Dictionary<string, string> { [Hdbt.Engine.ExecutionModeTable.PreviewVariable] = "llvm" };
        if (llvmPath != null) env["HDBT_LLVM"] = llvmPath;
        return env;
    }

    private string LoopProgram() => TinyElf.Save(_dir.File("loop"), TinyElf.I386(
        [0xB9, 5, 0, 0, 0, 0x31, 0xC0, 0x01, 0xC8, 0x49, 0x75, 0xFB, 0x89, 0xC3, 0xB8, 1, 0, 0, 0, 0xCD, 0x80]));

    [Fact]
    public void WithoutLibLlvmTheModeFailsWithOneLine()
    {
        var r = ChildProcess.RunHdbt(["--mode", "llvm", LoopProgram()], env: Env("/nonexistent/libLLVM.so"));
        Assert.Equal(69, r.ExitCode);
        Assert.Equal("hdbt: mode llvm needs libLLVM: HDBT_LLVM names /nonexistent/libLLVM.so, which does not exist: apt-get install libllvm22 (or libllvm19), " +
            "or set HDBT_LLVM to the path of a libLLVM 15 or newer\n", r.Stderr);
    }

    [Theory]
    [InlineData("--llvm-opt", "0", "--llvm-codegen", "none")]
    [InlineData("--llvm-opt", "O3", "--llvm-codegen", "aggressive")]
    [InlineData("--llvm-opt", "2", "--llvm-codegen", "less")]
    public void RunsAtEveryLevelAndCountsCompileTime(params string[] options)
    {
        string json = _dir.File($"{Guid.NewGuid():N}.json");
        var r = ChildProcess.RunHdbt(["--mode", "llvm", "--stats-json", json, .. options, LoopProgram()], env: Env());
        Assert.True(r.ExitCode == 15, r.Stderr);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
        foreach (var key in new[] { "llvm_optimize_seconds", "llvm_codegen_seconds", "llvm_lower_seconds" })
            Assert.True(doc.RootElement.GetProperty(key).GetDouble() > 0, key);
        Assert.Equal(3, doc.RootElement.GetProperty("blocks_translated").GetInt64());
    }

    [Fact]
    public void BadLevelsAreUsageErrors()
    {
        Assert.Equal(64, ChildProcess.RunHdbt(["--mode", "llvm", "--llvm-opt", "4", LoopProgram()], env: Env()).ExitCode);
        Assert.Equal(64, ChildProcess.RunHdbt(["--mode", "llvm", "--llvm-codegen", "fast", LoopProgram()], env: Env()).ExitCode);
    }

    [Fact]
    public void DebugLlvmIrPrintsEachUnit()
    {
        var r = ChildProcess.RunHdbt(["--mode", "llvm", "-d", "llvm_ir", LoopProgram()], env: Env());
        Assert.Equal(15, r.ExitCode);
        Assert.Equal(3, r.Stderr.Split("LLVM IR of ").Length - 1);
        Assert.Contains("define ", r.Stderr);
    }
}
