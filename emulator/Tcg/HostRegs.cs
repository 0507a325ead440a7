using Iced.Intel;

namespace Hdbt.Tcg;

/// <summary>
/// The fixed host register assignment of generated code.
/// </summary>
/// <remarks>
/// R14 holds the CpuState pointer and R15 the guest memory base for as long as generated code
/// runs. The eight guest general registers are pinned to host registers across chained blocks
/// (loaded by the prologue, stored by the epilogue and around calls out), so hot loops never
/// touch CpuState for them. RAX and RCX are scratch; RDX, RSI and RDI hold block-local temps.
/// </remarks>
public static class HostRegs
{
    public const Register Cpu = Register.R14;
    public const Register MemBase = Register.R15;

    /// <summary>Host registers of guest EAX, ECX, EDX, EBX, ESP, EBP, ESI, EDI (64-bit names).</summary>
    public static readonly Register[] Pinned =
        [Register.R8, Register.R9, Register.R10, Register.R11, Register.R12, Register.R13, Register.RBX, Register.RBP];

    /// <summary>Host registers for block-local temps.</summary>
    public static readonly Register[] LocalPool = [Register.RDX, Register.RSI, Register.RDI];

    /// <summary>The 32-bit name of a 64-bit general register.</summary>
    public static Register R32(Register r64) => r64 - Register.RAX + Register.EAX;

    /// <summary>The 16-bit name of a 64-bit general register.</summary>
    public static Register R16(Register r64) => r64 - Register.RAX + Register.AX;

    /// <summary>The low 8-bit name of a 64-bit general register (SPL, BPL, SIL, DIL need REX, which the encoder adds).</summary>
    public static Register R8(Register r64)
    {
        int i = r64 - Register.RAX;
        return i < 4 ? Register.AL + i : Register.SPL + (i - 4);
    }

    /// <summary>The 64-bit name of a 32-bit general register.</summary>
    public static Register R64(Register r32) => r32 - Register.EAX + Register.RAX;
}
