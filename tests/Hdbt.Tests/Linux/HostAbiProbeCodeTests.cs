using System.Text;
using Hdbt.Linux;
using Hdbt.Host;

namespace Hdbt.Tests.Linux;

/// <summary>The probes' committed bytes are what their Iced source assembles to, and the probes answer consistently.</summary>
public sealed class HostAbiProbeCodeTests
{
    [Fact]
    public void CommittedBytesMatchTheSource()
    {
        byte[] int80 = HostAbiProbeCode.AssembleInt80(), exec = HostAbiProbeCode.AssembleExec();
        Assert.True(int80.AsSpan().SequenceEqual(HostAbiProbeCode.Int80) && exec.AsSpan().SequenceEqual(HostAbiProbeCode.Exec),
            "HostAbiProbeCode's bytes are out of date with their source; replace them with:\n" + Format("Int80", int80) + Format("Exec", exec));
    }

    /// <summary>A kernel that runs i386 programs also takes int 0x80 from 64-bit code (both are its IA32 emulation).</summary>
    [Fact]
    public void ProbesAgreeWithEachOther()
    {
        Assert.True(!HostAbi.CanExecI386 || HostAbi.HasInt80, HostAbi.Describe());
        Assert.Matches(@"^i386-exec: (yes|no) \(.+\)\nint80: (yes|no) \(.+\)\n$", HostAbi.Describe());
    }

    private static string Format(string name, byte[] code)
    {
        var sb = new StringBuilder($"    public static ReadOnlySpan<byte> {name} =>\n    [\n");
        for (int i = 0; i < code.Length; i += 16)
            sb.Append("        ").AppendJoin(", ", code.Skip(i).Take(16).Select(b => $"0x{b:X2}")).Append(",\n");
        return sb.Append("    ];\n").ToString();
    }
}
