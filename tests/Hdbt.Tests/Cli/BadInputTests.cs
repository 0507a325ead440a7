using Hdbt.Tests.Support;

namespace Hdbt.Tests.Cli;

/// <summary>Bad input gets one clear line on stderr and its own exit status, never a .NET stack trace.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void AssertOneLine(ProcessResult r, int status, params string[] fragments)
    {
        Assert.Equal(status, r.ExitCode);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.DoesNotContain("Exception", r.Stderr);
        foreach (var f in fragments) Assert.Contains(f, r.Stderr);
    }

    [Fact]
    public void MissingFile()
    {
        var r = ChildProcess.RunHdbt([_dir.File("nope")]);
        AssertOneLine(r, 66, "no such file");
    }

    [Fact]
    public void NotAnElf()
    {
        File.WriteAllText(_dir.File("text"), "#!/bin/sh\necho hi\n");
        AssertOneLine(ChildProcess.RunHdbt([_dir.File("text")]), 65, "not an ELF file");
    }

    [Fact]
    public void Elf64()
    {
        var path = TinyElf.Save(_dir.File("e64"), TinyElf.I386(TinyElf.ExitCode(0), elfClass: 2));
        AssertOneLine(ChildProcess.RunHdbt([path]), 65, "64-bit");
    }

    [Fact]
    public void WrongMachine()
    {
        var path = TinyElf.Save(_dir.File("arm"), TinyElf.I386(TinyElf.ExitCode(0), machine: 40));
        AssertOneLine(ChildProcess.RunHdbt([path]), 65, "wrong machine", "ARM");
    }

    [Fact]
    public void TruncatedHeaders()
    {
        var image = TinyElf.I386(TinyElf.ExitCode(0));
        File.WriteAllBytes(_dir.File("trunc1"), image[..40]);
        AssertOneLine(ChildProcess.RunHdbt([_dir.File("trunc1")]), 65, "truncated ELF header");
        File.WriteAllBytes(_dir.File("trunc2"), image[..60]);
        AssertOneLine(ChildProcess.RunHdbt([_dir.File("trunc2")]), 65, "truncated program headers");
    }

    [Fact]
    public void RelocatableObject()
    {
        var path = TinyElf.Save(_dir.File("rel"), TinyElf.I386(TinyElf.ExitCode(0), type: 1));
        AssertOneLine(ChildProcess.RunHdbt([path]), 65, "relocatable");
    }

    [Fact]
    public void DynamicallyLinked()
    {
        var path = Repo.Path("tests", "Hdbt.Tests", "Cli", "Programs", "hello_dynamic");
        AssertOneLine(ChildProcess.RunHdbt([path]), 69, "dynamic linking is not supported yet", "ld-linux");
    }

    [Fact]
    public void UnsupportedInstructionNamesPcBytesAndDisassembly()
    {
        // haddps %xmm1,%xmm0: SSE3 is not implemented (and not advertised by CPUID).
        var path = TinyElf.Save(_dir.File("sse3"), TinyElf.I386([0xF2, 0x0F, 0x7C, 0xC1, .. TinyElf.ExitCode(0)]));
        var r = ChildProcess.RunHdbt([path]);
        AssertOneLine(r, 76, "unsupported instruction at 0x08048054", "bytes f2 0f 7c c1", "haddps");
    }

    [Fact]
    public void InvalidOpcodeIsSigill()
    {
        var path = TinyElf.Save(_dir.File("ud2"), TinyElf.I386([0x0F, 0x0B]));
        AssertOneLine(ChildProcess.RunHdbt([path]), 132, "SIGILL", "0x08048054");
    }

    [Fact]
    public void WildPointerIsSigsegvWithAddress()
    {
        // mov eax, [0x10]
        var path = TinyElf.Save(_dir.File("segv"), TinyElf.I386([0xA1, 0x10, 0, 0, 0, .. TinyElf.ExitCode(0)]));
        AssertOneLine(ChildProcess.RunHdbt([path]), 139, "SIGSEGV", "pc 0x08048054", "address 0x00000010");
    }

    [Fact]
    public void DivisionByZeroIsSigfpe()
    {
        // xor ecx, ecx; div ecx
        var path = TinyElf.Save(_dir.File("div0"), TinyElf.I386([0x31, 0xC9, 0xF7, 0xF1, .. TinyElf.ExitCode(0)]));
        AssertOneLine(ChildProcess.RunHdbt([path]), 136, "SIGFPE", "pc 0x08048056");
    }

    [Fact]
    public void GuestExitStatusPassesThrough()
    {
        var path = TinyElf.Save(_dir.File("exit42"), TinyElf.I386(TinyElf.ExitCode(42)));
        var r = ChildProcess.RunHdbt([path]);
        Assert.Equal(42, r.ExitCode);
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public void UnknownModeAndUnbuiltMode()
    {
        var path = TinyElf.Save(_dir.File("exit0"), TinyElf.I386(TinyElf.ExitCode(0)));
        AssertOneLine(ChildProcess.RunHdbt(["--mode", "fast", path]), 64, "unknown mode 'fast'");
        // A mode the table does not switch on (and HDBT_PREVIEW_MODES does not name) is refused with exit 69.
        var unbuilt = Hdbt.Engine.ExecutionModeTable.All.Where(m => !Hdbt.Engine.ExecutionModeTable.Runnable(m)).Select(m => m.Name).ToList();
        if (unbuilt.Count == 0)
        {
            // Every mode runs: then the refusal has nothing to refuse, and an unknown mode is the only bad one.
            Assert.All(Hdbt.Engine.ExecutionModeTable.All, m => Assert.True(Hdbt.Engine.ExecutionModeTable.Runnable(m)));
            return;
        }
        AssertOneLine(ChildProcess.RunHdbt(["--mode", unbuilt[0], path]), 69, $"mode {unbuilt[0]} is not built yet");
    }

    [Fact]
    public void UnknownOptionAndMissingProgram()
    {
        AssertOneLine(ChildProcess.RunHdbt(["--bogus"]), 64, "unknown option '--bogus'");
        AssertOneLine(ChildProcess.RunHdbt([]), 64, "no program given");
        AssertOneLine(ChildProcess.RunHdbt(["-d", "nonsense", "x"]), 64, "unknown debug mask 'nonsense'");
    }
}
