using Hdbt.Tests.Support;
using Hdbt.Guest;
using Xunit;

namespace Hdbt.Tests.Frontend;

public sealed unsafe class BitTests
{
    /// <summary>bt/bts/btr/btc and bsf/bsr against the native run (see Programs/bit.c).</summary>
    [Theory]
    [InlineData("bit", "bt")]
    [InlineData("bit", "scan")]
    public void MatchesNative(string program, string group) =>
        CommittedProgram.AssertMatchesNative("Frontend", program, args: [group], expectedFile: $"{program}.{group}.expected");

    /// <summary>
    /// tzcnt and lzcnt (F3 0F BC/BD) execute as bsf and bsr, as on a CPU without BMI1/LZCNT (our
    /// CPUID advertises neither). This host has both, so only this test can check it.
    /// </summary>
    [Theory]
    [InlineData(0xBC, 0x10u, 4u, false)]          // tzcnt = bsf: index of the lowest set bit
    [InlineData(0xBC, 0x8000_0000u, 31u, false)]
    [InlineData(0xBC, 0u, 0xAAAA_AAAAu, true)]     // zero source: destination unchanged, ZF set
    [InlineData(0xBD, 1u, 0u, false)]             // lzcnt = bsr: index of the highest set bit (lzcnt would give 31)
    [InlineData(0xBD, 0x8000_0001u, 31u, false)]
    [InlineData(0xBD, 0u, 0xAAAA_AAAAu, true)]
    public void RepBitScanExecutesAsBitScan(byte opcode, uint source, uint result, bool zf)
    {
        using var r = new SnippetRunner();
        r.Cpu->Eax = 0xAAAA_AAAA;
        r.Cpu->Ecx = source;
        r.Run([0xF3, 0x0F, opcode, 0xC1]); // tzcnt/lzcnt eax, ecx
        Assert.Equal(result, r.Cpu->Eax);
        Assert.Equal(zf, (r.Cpu->Eflags & Flags.ZF) != 0);
        // CF stays clear (tzcnt/lzcnt would set it for a zero source).
        Assert.Equal(0u, r.Cpu->Eflags & Flags.CF);
    }

    /// <summary>The 16-bit forms scan only the low word and keep the destination's upper half.</summary>
    [Fact]
    public void RepBitScan16()
    {
        using var r = new SnippetRunner();
        r.Cpu->Eax = 0xAAAA_AAAA;
        r.Cpu->Ecx = 0x0001_0000;
        r.Run([0x66, 0xF3, 0x0F, 0xBD, 0xC1]); // lzcnt ax, cx: cx = 0
        Assert.Equal(0xAAAA_AAAAu, r.Cpu->Eax);
        Assert.NotEqual(0u, r.Cpu->Eflags & Flags.ZF);
        r.Cpu->Ecx = 0x0001_0300;
        r.Run([0x66, 0xF3, 0x0F, 0xBD, 0xC1]);
        Assert.Equal(0xAAAA_0009u, r.Cpu->Eax);
    }
}
