using Iced.Intel;

namespace Hdbt.Tcg;

/// <summary>The Iced encodings of each <see cref="AluKind"/>: reg,r/m; r/m,reg; r/m,imm8; r/m,imm32.</summary>
public readonly record struct AluCodes(Code RegRm, Code RmReg, Code RmImm8, Code RmImm32)
{
    private static readonly AluCodes[] s_all =
    [
        new(Code.Add_r32_rm32, Code.Add_rm32_r32, Code.Add_rm32_imm8, Code.Add_rm32_imm32),
        new(Code.Sub_r32_rm32, Code.Sub_rm32_r32, Code.Sub_rm32_imm8, Code.Sub_rm32_imm32),
        new(Code.And_r32_rm32, Code.And_rm32_r32, Code.And_rm32_imm8, Code.And_rm32_imm32),
        new(Code.Or_r32_rm32, Code.Or_rm32_r32, Code.Or_rm32_imm8, Code.Or_rm32_imm32),
        new(Code.Xor_r32_rm32, Code.Xor_rm32_r32, Code.Xor_rm32_imm8, Code.Xor_rm32_imm32),
        new(Code.Cmp_r32_rm32, Code.Cmp_rm32_r32, Code.Cmp_rm32_imm8, Code.Cmp_rm32_imm32),
        new(Code.Imul_r32_rm32, Code.INVALID, Code.Imul_r32_rm32_imm8, Code.Imul_r32_rm32_imm32),
    ];

    public static AluCodes Of(AluKind kind) => s_all[(int)kind];
}
