using Hdbt.Frontend;
using Hdbt.Guest;
using Iced.Intel;

namespace Hdbt.Engine;

/// <summary>
/// Formats guest instructions for the debug log (<c>-d in_asm</c>) and for the one-line
/// "unsupported instruction" error, the same way in every mode.
/// </summary>
public sealed unsafe class GuestDisassembler(GuestMemory memory)
{
    // Made on first use: building Iced's formatter tables costs a cold process about 3 ms (its
    // instruction tables and interned strings), an eighth of a hello world, and most runs never format.
    private GasFormatter? _formatter;
    private readonly StringOutput _output = new();

    private GasFormatter Formatter => _formatter ??= new GasFormatter();

    /// <summary>"0x08048054:  movaps %xmm1,%xmm0", the line <c>-d in_asm</c> prints.</summary>
    public string Line(in Instruction insn)
    {
        _output.Reset();
        Formatter.Format(insn, _output);
        return $"0x{insn.IP:x8}:  {_output.ToStringAndReset()}";
    }

    /// <summary>"unsupported instruction at 0x...: bytes 0f 0b (ud2)" — for the one-line error.</summary>
    public string DescribeUnsupported(uint pc)
    {
        var reader = new GuestCodeReader(memory);
        reader.Reset(pc);
        var decoder = Decoder.Create(32, reader, pc);
        decoder.Decode(out var insn);
        var bytes = new List<string>();
        for (uint a = pc; a < (uint)insn.NextIP && bytes.Count < 15; a++) bytes.Add(memory.HostPointer(a)[0].ToString("x2"));
        _output.Reset();
        Formatter.Format(insn, _output);
        return $"unsupported instruction at 0x{pc:x8}: bytes {string.Join(' ', bytes)} ({_output.ToStringAndReset()})";
    }
}
