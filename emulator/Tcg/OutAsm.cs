using System.Text;
using Iced.Intel;

namespace Hdbt.Tcg;

/// <summary>The <c>-d out_asm</c> listing of a block: its host code, with each guest instruction above its part.</summary>
public static unsafe class OutAsm
{
    public static string Format(TcgBlock block, IReadOnlyList<Instruction> guest)
    {
        var sb = new StringBuilder();
        var formatter = new GasFormatter();
        var output = new StringOutput();
        sb.Append($"OUT: [size={block.HostSize}] guest 0x{block.GuestPc:x8}..0x{block.GuestEnd:x8} host 0x{(ulong)block.HostCode:x}\n");
        var bytes = new ReadOnlySpan<byte>(block.HostCode, block.HostSize).ToArray();
        var decoder = Iced.Intel.Decoder.Create(64, new ByteArrayCodeReader(bytes), (ulong)block.HostCode);
        int next = 0;
        while (decoder.IP < (ulong)block.HostCode + (ulong)block.HostSize)
        {
            int offset = (int)(decoder.IP - (ulong)block.HostCode);
            while (next < block.InsnHostOffsets.Length && block.InsnHostOffsets[next] <= offset)
            {
                uint pc = block.InsnPcs[next++];
                string text = "";
                foreach (var g in guest)
                    if ((uint)g.IP == pc) { formatter.Format(g, output); text = output.ToStringAndReset(); break; }
                sb.Append($"  -- guest 0x{pc:x8}: {text}\n");
            }
            decoder.Decode(out var insn);
            formatter.Format(insn, output);
            sb.Append($"  0x{insn.IP:x}:  {output.ToStringAndReset()}\n");
        }
        return sb.Append('\n').ToString();
    }
}
