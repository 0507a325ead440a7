using System.Text;
using Hdbt.Guest;
using Hdbt.Host;

namespace Hdbt.Ir;

/// <summary>Prints IR in a QEMU-like text form (used by <c>-d op</c> and by tests).</summary>
public static class IrPrinter
{
    public static string TempName(IrBlock block, int t)
    {
        if (t < 0) return "_";
        Temp temp = block.Temps[t];
        return temp.Kind switch
        {
            TempKind.Global => ((GlobalSlot)temp.Value).ToString().ToLowerInvariant(),
            TempKind.Const => temp.Value < 10 ? temp.Value.ToString() : $"$0x{temp.Value:x}",
            _ => $"t{t}",
        };
    }

    public static string Print(IrBlock block)
    {
        var sb = new StringBuilder();
        foreach (var op in block.Ops)
        {
            if (op.Code == Opcode.Nop) continue;
            sb.Append(Format(block, op)).Append('\n');
        }
        return sb.ToString();
    }

    public static string Format(IrBlock block, in Op op)
    {
        string T(int t) => TempName(block, t);
        return op.Code switch
        {
            Opcode.InsnStart => $" ---- 0x{op.Imm:x8}",
            Opcode.Label => $" L{op.Imm}:",
            Opcode.Br => $" br L{op.Imm}",
            Opcode.BrCond => $" brcond {T(op.S0)}, {T(op.S1)}, {op.Cond.Name()}, L{op.Imm}",
            Opcode.SetCond => $" setcond {T(op.D0)}, {T(op.S0)}, {T(op.S1)}, {op.Cond.Name()}",
            Opcode.Load => $" ld_{op.Mem.Name()} {T(op.D0)}, [{T(op.S0)}]",
            Opcode.Store => $" st_{op.Mem.Name()} {T(op.S0)}, [{T(op.S1)}]",
            Opcode.MulU2 or Opcode.MulS2 => $" {op.Code.ToString().ToLowerInvariant()} {T(op.D0)}, {T(op.D1)}, {T(op.S0)}, {T(op.S1)}",
            Opcode.Deposit => $" deposit {T(op.D0)}, {T(op.S0)}, {T(op.S1)}, pos={op.Imm & 0xff}, len={op.Imm >> 8}",
            Opcode.Call => $" call {HelperTable.Get((HelperId)op.Imm).Name}, {T(op.D0)}{Args(block, op)}",
            Opcode.Goto => $" goto_tb slot={op.Slot}, 0x{op.Imm:x8}",
            Opcode.ExitIndirect => " exit_indirect eip",
            Opcode.ExitSyscall => " exit_syscall",
            Opcode.Raise => $" raise {Host.Signals.Name((int)op.Imm)}, addr={T(op.S0)}",
            Opcode.ExitUnsupported => " exit_unsupported",
            _ => $" {op.Code.ToString().ToLowerInvariant()} {T(op.D0)}{Args(block, op)}",
        };
    }

    private static string Args(IrBlock block, in Op op)
    {
        var sb = new StringBuilder();
        foreach (int s in new[] { op.S0, op.S1, op.S2, op.S3 })
            if (s >= 0) sb.Append(", ").Append(TempName(block, s));
        return sb.ToString();
    }
}
