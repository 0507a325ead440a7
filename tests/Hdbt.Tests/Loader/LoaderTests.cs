using Hdbt.Loader;
using Hdbt.Tests.Support;

namespace Hdbt.Tests.Loader;

/// <summary>The initial process state: argv/envp/auxv layout, ET_EXEC and static-pie loading, header validation.</summary>
public sealed class LoaderTests
{
    // glibc reports AT_HWCAP through getauxval after its own CPU feature probe: HWCAP_X86_SSE2 (0x1),
    // natively and under hdbt (whose CPUID advertises SSE2).
    [Theory]
    [InlineData("auxv")]
    [InlineData("auxv_pie")]
    public void InitialStackAndAuxvAreWhatGlibcExpects(string program)
    {
        string path = CommittedProgram.PathOf("Loader", program);
        var r = ChildProcess.RunHdbt(["-0", "./auxv", path, "a", "b c"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(File.ReadAllText(CommittedProgram.PathOf("Loader", "auxv.expected")), r.StdoutText);
    }

    [Fact]
    public void ParseRejectsSegmentsBeyondTheFile()
    {
        var image = TinyElf.I386(TinyElf.ExitCode(0));
        // p_filesz larger than the file
        BitConverter.GetBytes(0x10000u).CopyTo(image, 52 + 16);
        var e = Assert.Throws<LoaderException>(() => ElfFile.Parse("x", image));
        Assert.Equal(LoaderError.BadFormat, e.Error);
        Assert.Contains("past the end of the file", e.Message);
    }

    [Fact]
    public void ParseAcceptsAMinimalExecutable()
    {
        var elf = ElfFile.Parse("x", TinyElf.I386(TinyElf.ExitCode(0)));
        Assert.Equal(ElfFile.EtExec, elf.Type);
        Assert.Equal(TinyElf.Base + 84, elf.Entry);
        Assert.Single(elf.ProgramHeaders);
    }
}
