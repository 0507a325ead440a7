using Hdbt.Frontend;
using Iced.Intel;
using Xunit;

namespace Hdbt.Tests.Frontend;

/// <summary>The stack instructions' operand size, which the frontend takes from a list of 16-bit forms.</summary>
public class StackTests
{
    private static readonly Mnemonic[] s_stackMnemonics =
        [Mnemonic.Push, Mnemonic.Pop, Mnemonic.Pushf, Mnemonic.Pushfd, Mnemonic.Popf, Mnemonic.Popfd, Mnemonic.Enter, Mnemonic.Leave];

    [Fact]
    public void Operand_size_list_agrees_with_Iced_for_every_32_bit_stack_form()
    {
        int checkedForms = 0;
        foreach (Code code in Enum.GetValues<Code>())
        {
            var opCode = code.ToOpCode();
            if (!opCode.Mode32 || Array.IndexOf(s_stackMnemonics, code.Mnemonic()) < 0) continue;
            var insn = Instruction.Create(Code.Nopd);
            insn.Code = code;
            int expected = opCode.OperandSize == 16 ? 2 : 4;
            Assert.True(expected == Stack.StackSize(insn), $"{code}: Iced says {opCode.OperandSize}-bit, the frontend {Stack.StackSize(insn) * 8}-bit");
            checkedForms++;
        }
        Assert.True(checkedForms >= 30, $"only {checkedForms} stack forms found");
    }
}
