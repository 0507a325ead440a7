using System.Collections.Concurrent;
using System.Reflection;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace Hdbt.Tests.Differential;

/// <summary>
/// Operand helpers for generating cases over mnemonics, sizes and operand forms: registers and
/// memory operands as Iced assembler operands, and <see cref="Emit"/>, which calls the
/// <see cref="Assembler"/> method of a mnemonic chosen at run time.
/// </summary>
public static class AsmOps
{
    public static readonly Register[] Gpr8 = [Register.AL, Register.CL, Register.DL, Register.BL, Register.AH, Register.CH, Register.DH, Register.BH];
    public static readonly Register[] Gpr16 = [Register.AX, Register.CX, Register.DX, Register.BX, Register.SP, Register.BP, Register.SI, Register.DI];
    public static readonly Register[] Gpr32 = [Register.EAX, Register.ECX, Register.EDX, Register.EBX, Register.ESP, Register.EBP, Register.ESI, Register.EDI];

    /// <summary>General registers of a size without the stack pointer (for operands whose writes must not move the stack).</summary>
    public static Register[] Gprs(int size, bool withSp = false) => size switch
    {
        1 => Gpr8,
        2 => withSp ? Gpr16 : Gpr16.Where(r => r != Register.SP).ToArray(),
        _ => withSp ? Gpr32 : Gpr32.Where(r => r != Register.ESP).ToArray(),
    };

    /// <summary>The 32-bit register containing an 8/16/32-bit register.</summary>
    public static Register Full(Register r) => r.GetSize() switch
    {
        1 => Register.EAX + ((r - Register.AL) & 3),
        2 => Register.EAX + (r - Register.AX),
        _ => r,
    };

    /// <summary>A register as an assembler operand of its size.</summary>
    public static object Reg(Register r) => r.GetSize() switch
    {
        1 => new AssemblerRegister8(r),
        2 => new AssemblerRegister16(r),
        _ => new AssemblerRegister32(r),
    };

    public static AssemblerRegister32 R32(Register r) => new(r);

    /// <summary>A sized memory operand at an absolute address.</summary>
    public static AssemblerMemoryOperand MemAbs(int size, uint address) => Sized(size)[(long)address];

    /// <summary>A sized memory operand from a base-index-displacement expression.</summary>
    public static AssemblerMemoryOperand Mem(int size, AssemblerMemoryOperand m) => Sized(size)[m];

    /// <summary>A sized memory operand addressed by a register alone.</summary>
    public static AssemblerMemoryOperand MemAt(int size, AssemblerRegister32 r) => Sized(size)[r];

    private static AssemblerMemoryOperandFactory Sized(int size) => size switch
    {
        1 => __byte_ptr,
        2 => __word_ptr,
        4 => __dword_ptr,
        8 => __qword_ptr,
        10 => __tword_ptr,
        16 => __xmmword_ptr,
        // Unsized: fldenv, fnsave, fxsave and the like take a memory block of their own size.
        0 => __,
        _ => throw new ArgumentOutOfRangeException(nameof(size)),
    };

    /// <summary>An immediate of the type the assembler methods take for an operand size.</summary>
    public static object Imm(int size, uint value) => size switch
    {
        // Each arm boxed separately: the switch's natural type would widen them all to uint.
        1 => (object)(byte)value,
        2 => (object)(ushort)value,
        _ => (object)value,
    };

    private static readonly ConcurrentDictionary<string, MethodInfo> s_methods = new();

    /// <summary>Calls the assembler method named <paramref name="mnemonic"/> with operands of exactly these types.</summary>
    public static void Emit(Assembler a, string mnemonic, params object[] operands)
    {
        var types = operands.Select(o => o.GetType()).ToArray();
        string key = mnemonic + "(" + string.Join(",", types.Select(t => t.Name)) + ")";
        var m = s_methods.GetOrAdd(key, _ => typeof(Assembler).GetMethod(mnemonic, types)
            ?? throw new ArgumentException($"the assembler has no {key}"));
        try
        {
            m.Invoke(a, operands);
        }
        catch (TargetInvocationException e) when (e.InnerException != null)
        {
            throw e.InnerException;
        }
    }

    /// <summary>The assembler's name of a conditional mnemonic: "set" + "b" gives "setb".</summary>
    public static string WithCondition(string prefix, ConditionCode cc) => prefix + cc switch
    {
        ConditionCode.o => "o", ConditionCode.no => "no", ConditionCode.b => "b", ConditionCode.ae => "ae",
        ConditionCode.e => "e", ConditionCode.ne => "ne", ConditionCode.be => "be", ConditionCode.a => "a",
        ConditionCode.s => "s", ConditionCode.ns => "ns", ConditionCode.p => "p", ConditionCode.np => "np",
        ConditionCode.l => "l", ConditionCode.ge => "ge", ConditionCode.le => "le", ConditionCode.g => "g",
        _ => throw new ArgumentOutOfRangeException(nameof(cc)),
    };

    /// <summary>Emits jcc to a label.</summary>
    public static void Jcc(Assembler a, ConditionCode cc, Label target) => Emit(a, WithCondition("j", cc), target);

    /// <summary>Emits a branch (given its target label) that leaves EDX = 2 when taken and 1 when not.</summary>
    public static void BranchMarker(Assembler a, Action<Label> branch)
    {
        var taken = a.CreateLabel();
        var done = a.CreateLabel();
        branch(taken);
        a.mov(edx, 1);
        a.jmp(done);
        a.Label(ref taken);
        a.mov(edx, 2);
        a.Label(ref done);
    }
}
