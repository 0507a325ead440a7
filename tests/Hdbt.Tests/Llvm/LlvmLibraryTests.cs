using Hdbt.Llvm;
using Hdbt.Tests.Support;

namespace Hdbt.Tests.Llvm;

/// <summary>
/// Finding libLLVM. These tests do not skip when it is missing: they fail with the
/// <see cref="LlvmUnavailableException"/> message (CI installs libllvm22; .ci/run warns when it cannot).
/// </summary>
public sealed class LlvmLibraryTests
{
    [Fact]
    public void TheSharedLibraryIsFoundAndNewEnough()
    {
        var lib = LlvmLibrary.Shared;
        Assert.True(lib.Version.Major >= LlvmLibrary.MinimumMajor, lib.Describe());
        Assert.StartsWith($"libLLVM {lib.Version}, ", lib.Describe());
        Assert.Contains("LLVM", Path.GetFileName(lib.Path));
    }

    [Fact]
    public void AMissingExplicitPathIsOneClearSentence()
    {
        var e = Assert.Throws<LlvmUnavailableException>(() => LlvmLibrary.Open("/nonexistent/libLLVM-99.so"));
        Assert.Contains("HDBT_LLVM names /nonexistent/libLLVM-99.so, which does not exist", e.Message);
        Assert.Contains("apt-get install libllvm22", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void AFileThatIsNoLibrarySaysWhyItCouldNotBeLoaded()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "libLLVM.so.99");
        File.WriteAllText(path, new string('x', 4096)); // long enough for the loader to read a header: "invalid ELF header"
        var e = Assert.Throws<LlvmUnavailableException>(() => LlvmLibrary.Open(path));
        Assert.Contains($"HDBT_LLVM names {path}, which could not be loaded (", e.Message);
        Assert.Contains("invalid ELF header", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void HostInfoPrintsTheLibraryInUse()
    {
        var lib = LlvmLibrary.Shared;
        var r = ChildProcess.RunHdbt(["--host-info"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"llvm: yes ({lib.Describe()})\n", r.StdoutText);
    }

    [Fact]
    public void HostInfoSaysWhatToInstallWhenHdbtLlvmIsWrong()
    {
        var r = ChildProcess.RunHdbt(["--host-info"], env: new Dictionary<string, string> { ["HDBT_LLVM"] = "/nonexistent/libLLVM.so" });
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("\nllvm: no (HDBT_LLVM names /nonexistent/libLLVM.so, which does not exist: apt-get install libllvm22", r.StdoutText);
        Assert.Contains("i386-exec: ", r.StdoutText);
    }

    /// <summary>An LLVM older than 15 (Debian 12 ships 14, without opaque pointer types) is refused by name, in a child process (one libLLVM per process).</summary>
    [Fact]
    public void AnOldLibraryIsRefusedWithWhatItLacks()
    {
        const string Llvm14 = "/usr/lib/x86_64-linux-gnu/libLLVM-14.so.1";
        // Debian 12's clang tools bring it; .ci/run installs it (libllvm14) so that this check runs everywhere.
        Assert.True(File.Exists(Llvm14), $"{Llvm14} is missing (apt-get install libllvm14): this test needs an LLVM older than 15 to try");
        var r = ChildProcess.RunHdbt(["--host-info"], env: new Dictionary<string, string> { ["HDBT_LLVM"] = Llvm14 });
        Assert.Contains($"llvm: no ({Llvm14} lacks LLVMPointerTypeInContext (hdbt needs libLLVM 15 or newer): ", r.StdoutText);
    }
}
