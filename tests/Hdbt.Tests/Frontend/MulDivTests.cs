using Hdbt.Tests.Support;
using Hdbt.Guest;
using Hdbt.Linux;
using Hdbt.Loader;
using Hdbt.Engine;
using static Iced.Intel.AssemblerRegisters;
using Xunit;
using Hdbt.Host;

namespace Hdbt.Tests.Frontend;

public sealed unsafe class MulDivTests
{
    /// <summary>mul/imul (all forms) and div/idiv against the native run (see Programs/muldiv.c).</summary>
    [Theory]
    [InlineData("muldiv", "mul")]
    [InlineData("muldiv", "div")]
    public void MatchesNative(string program, string group) =>
        CommittedProgram.AssertMatchesNative("Frontend", program, args: [group], expectedFile: $"{program}.{group}.expected");

    /// <summary>Division by zero and quotients that do not fit kill the guest with SIGFPE, as natively.
    /// These programs print nothing, so they run in this process (no hdbt start-up).</summary>
    [Theory]
    [InlineData("div0")]
    [InlineData("divovf")]
    [InlineData("idivovf")]
    public void DivideErrorRaisesSigfpe(string group)
    {
        string path = CommittedProgram.PathOf("Frontend", "muldiv");
        using var emulator = new Emulator(new EmulatorOptions { Log = TextWriter.Null, Translator = new() { VerifyIr = true } });
        var result = emulator.Run(ElfFile.Load(path), path, [path, group], []);
        Assert.Equal(Signals.SIGFPE, result.Signal);
    }

    /// <summary>The fault is reported at the division, with the registers it would have written untouched.</summary>
    [Fact]
    public void DivideErrorReportsTheDivision()
    {
        using var r = new SnippetRunner();
        r.Cpu->Eax = 0x1234;
        r.Cpu->Edx = 0x5678;
        var e = Assert.Throws<GuestFaultException>(() => r.Run(a =>
        {
            a.xor(ecx, ecx);
            a.div(ecx);
        }));
        Assert.Equal(Signals.SIGFPE, e.Signal);
        Assert.Equal(SnippetRunner.CodeAddress + 2, e.Pc);
        Assert.Equal(0x1234u, r.Cpu->Eax);
        Assert.Equal(0x5678u, r.Cpu->Edx);
    }
}
