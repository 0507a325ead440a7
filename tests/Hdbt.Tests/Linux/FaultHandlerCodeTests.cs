using System.Text;
using Hdbt.Linux;
using Hdbt.Host;

namespace Hdbt.Tests.Linux;

/// <summary>The fault handler's committed bytes are what its Iced source assembles to.</summary>
public sealed class FaultHandlerCodeTests
{
    [Fact]
    public void CommittedBytesMatchTheSource()
    {
        byte[] assembled = FaultHandlerCode.Assemble();
        byte[] committed = FaultHandlerCode.Bytes.ToArray();
        Assert.True(assembled.AsSpan().SequenceEqual(committed),
            $"FaultHandlerCode.Bytes is out of date with Assemble(); replace it with:\n{Format(assembled)}");
    }

    [Fact]
    public void TextsAndTablesFitTheDataPage()
    {
        int end = FaultHandlerCode.TextOffset(FaultHandlerCode.Texts.Length);
        // The 32 signal names follow the texts.
        end += Enumerable.Range(0, 32).Sum(s => Signals.Name(s).Length + 1);
        Assert.True(end <= FaultHandlerCode.PageSize, $"data page overflows: {end}");
        Assert.True(FaultHandlerCode.NativeCodeOffset + FaultHandlerCode.NativeCodeSlots * 16 <= FaultHandlerCode.OldActionsOffset);
        Assert.True(FaultHandlerCode.Assemble().Length <= FaultHandlerCode.PageSize);
    }

    private static string Format(byte[] code)
    {
        var sb = new StringBuilder("    public static ReadOnlySpan<byte> Bytes =>\n    [\n");
        for (int i = 0; i < code.Length; i += 16)
            sb.Append("        ").AppendJoin(", ", code.Skip(i).Take(16).Select(b => $"0x{b:X2}")).Append(",\n");
        return sb.Append("    ];\n").ToString();
    }
}
