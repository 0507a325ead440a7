using Iced.Intel;

namespace Hdbt.Tests.Differential;

/// <summary>
/// One differential test case: the code under test and the machine state it starts from, plus
/// what may legitimately differ afterwards (flags and register bits Intel documents as undefined).
/// </summary>
/// <remarks>
/// The harness loads <see cref="Regs"/> (all but ESP, which starts at <see cref="DiffLayout.StackTop"/>),
/// loads <see cref="Flags"/> with popfd, runs the code, then records all eight GPRs, EFLAGS and the
/// memory area. The code must fall through at its end (it may branch internally).
/// </remarks>
public sealed class SnippetCase
{
    public SnippetCase(string form, Action<Assembler>? emit = null)
    {
        Form = form;
        Emit = emit;
        Regs[4] = DiffLayout.StackTop;
    }

    /// <summary>Short description of what is tested (e.g. "add r8,imm"); the failure report adds the disassembly.</summary>
    public string Form { get; }

    /// <summary>Emits the code under test (may be set after the inputs, e.g. once a memory operand is chosen).</summary>
    public Action<Assembler>? Emit { get; set; }

    /// <summary>Initial EAX, ECX, EDX, EBX, ESP, EBP, ESI, EDI (x86 encoding order). ESP is fixed to <see cref="DiffLayout.StackTop"/>.</summary>
    public uint[] Regs { get; } = new uint[8];

    /// <summary>Initial EFLAGS bits: any of CF PF AF ZF SF OF, DF, AC, ID (IF and bit 1 are added by the harness).</summary>
    public uint Flags { get; set; }

    /// <summary>Initial contents of the memory area (<see cref="DiffLayout.MemSize"/> bytes), or null for the batch default.</summary>
    public byte[]? Memory { get; set; }

    /// <summary>EFLAGS bits whose final value is undefined for this case and not compared.</summary>
    public uint FlagMask { get; set; }

    /// <summary>Per register, final bits that are undefined and not compared (null: all defined).</summary>
    public uint[]? RegMask { get; private set; }

    /// <summary>Extra detail for the failure report (e.g. "count=33").</summary>
    public string? Note { get; set; }

    /// <summary>Floating-point state the case starts from (case sets with <see cref="FpuKind"/> other than None; null: the default state).</summary>
    public FpuInit? Fpu { get; set; }

    /// <summary>x87 status word bits not compared (e.g. C0/C2/C3 after arithmetic, which Intel leaves undefined).</summary>
    public ushort FswMask { get; set; }

    /// <summary>MXCSR bits not compared.</summary>
    public uint MxcsrMask { get; set; }

    /// <summary>Units in the last place by which a valid ST(i) may differ (transcendental instructions); 0: bit-exact.</summary>
    public int StUlps { get; set; }

    /// <summary>
    /// XMM registers hold results of rcpps/rsqrtps-style approximations: their float lanes may differ by a
    /// relative 3*2^-12 (twice Intel's documented bound of 1.5*2^-12); zeros, infinities and NaNs must match.
    /// </summary>
    public bool XmmApproximate { get; set; }

    /// <summary>Byte ranges of the memory area that are not compared (e.g. FIP/FDP fields stored by fnstenv).</summary>
    public List<(int Offset, int Length)>? MemIgnore { get; set; }

    /// <summary>Marks bytes of the memory area as not compared.</summary>
    public SnippetCase IgnoreMemory(int offset, int length)
    {
        (MemIgnore ??= []).Add((offset, length));
        return this;
    }

    /// <summary>Whether byte <paramref name="i"/> of the memory area is compared.</summary>
    public bool MemoryCompared(int i) => MemIgnore == null || !MemIgnore.Any(r => i >= r.Offset && i < r.Offset + r.Length);

    /// <summary>Sets a register of any size; 8- and 16-bit writes keep the other bits of the full register.</summary>
    public SnippetCase Set(Register r, uint value)
    {
        int size = r.GetSize();
        if (size == 4)
        {
            if (r == Register.ESP) throw new ArgumentException("ESP is fixed by the harness", nameof(r));
            Regs[r - Register.EAX] = value;
        }
        else if (size == 2)
        {
            int i = r - Register.AX;
            if (i == 4) throw new ArgumentException("SP is fixed by the harness", nameof(r));
            Regs[i] = (Regs[i] & 0xFFFF_0000) | (value & 0xFFFF);
        }
        else
        {
            int i = r - Register.AL;
            if (i < 4) Regs[i] = (Regs[i] & ~0xFFu) | (value & 0xFF);
            else Regs[i - 4] = (Regs[i - 4] & ~0xFF00u) | ((value & 0xFF) << 8);
        }
        return this;
    }

    /// <summary>Marks bits of a register's final value as undefined (for an 8/16-bit register: its bits within the full register).</summary>
    public SnippetCase Undefined(Register r, uint bits = 0xFFFF_FFFF)
    {
        RegMask ??= new uint[8];
        int size = r.GetSize();
        if (size == 4) RegMask[r - Register.EAX] |= bits;
        else if (size == 2) RegMask[r - Register.AX] |= bits & 0xFFFF;
        else
        {
            int i = r - Register.AL;
            if (i < 4) RegMask[i] |= bits & 0xFF;
            else RegMask[i - 4] |= (bits & 0xFF) << 8;
        }
        return this;
    }

    /// <summary>Writes a little-endian value of 1, 2 or 4 bytes into the memory area (creating a copy of <paramref name="defaultMemory"/> first).</summary>
    public SnippetCase Poke(int offset, uint value, int size, byte[] defaultMemory)
    {
        Memory ??= (byte[])defaultMemory.Clone();
        for (int i = 0; i < size; i++) Memory[offset + i] = (byte)(value >> (8 * i));
        return this;
    }
}
