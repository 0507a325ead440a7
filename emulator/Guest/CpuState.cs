using System.Runtime.InteropServices;

namespace Hdbt.Guest;

/// <summary>
/// The architectural state of one guest i386 CPU, in one unmanaged struct with fixed offsets.
/// </summary>
/// <remarks>
/// The first <see cref="GlobalSlotCount"/> 32-bit fields are the IR's global slots, in this order;
/// IR global <c>g</c> lives at byte offset <c>4 * g</c>. Generated code and C# read the same
/// fields, so the order here is an ABI: change it only together with <see cref="GlobalSlot"/>.
/// EFLAGS is kept lazily: the arithmetic flags (OF, SF, ZF, AF, PF, CF) are described by
/// <see cref="CcOp"/>, <see cref="CcDst"/>, <see cref="CcSrc"/> and <see cref="CcSrc2"/>
/// (see <see cref="LazyFlags"/>); DF is kept as +1/-1 in <see cref="Df"/>; the remaining bits
/// (ID, AC, TF, ...) in <see cref="EflagsRest"/>.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct CpuState
{
    /// <summary>Number of leading 32-bit fields that are IR global slots.</summary>
    public const int GlobalSlotCount = 21;

    public uint Eax, Ecx, Edx, Ebx, Esp, Ebp, Esi, Edi;
    public uint Eip;
    public uint CcOp, CcDst, CcSrc, CcSrc2;
    public uint Df;
    public uint EflagsRest;
    public uint EsBase, CsBase, SsBase, DsBase, FsBase, GsBase;

    /// <summary>Segment selectors in Iced/x86 encoding order: ES, CS, SS, DS, FS, GS.</summary>
    public fixed ushort Selectors[6];

    /// <summary>Guest TLS descriptors installed by set_thread_area (GDT entries 12..14): base, limit, flags.</summary>
    public fixed uint TlsBase[3];
    public fixed uint TlsLimit[3];
    public fixed uint TlsFlags[3];

    // Floating-point and SIMD state. The order keeps Xmm and FpRegs 16-byte aligned (offsets
    // 144 and 272; the struct itself comes from a 16-byte aligned native allocation) so that
    // generated code can use aligned vector moves on them.

    /// <summary>SSE control and status (MXCSR); 0x1F80 at process start.</summary>
    public uint Mxcsr;

    /// <summary>x87 TOP, the physical index (0..7) of ST(0).</summary>
    public uint FpTop;

    /// <summary>x87 control word (FCW); 0x037F at process start.</summary>
    public ushort FpControl;

    /// <summary>x87 status word without TOP (C0..C3, exception flags, ES, B); TOP is <see cref="FpTop"/>.</summary>
    public ushort FpStatus;

    /// <summary>XMM0..XMM7, 16 bytes each, little-endian lanes.</summary>
    public fixed byte Xmm[8 * 16];

    /// <summary>
    /// x87 physical registers R0..R7, each an 80-bit extended value in the low 10 bytes of a
    /// 16-byte slot (ST(i) is R[(FpTop + i) &amp; 7]). MMX register MMi aliases the low 8 bytes of Ri.
    /// </summary>
    public fixed byte FpRegs[8 * 16];

    /// <summary>x87 full tag word, 2 bits per physical register (0 valid, 1 zero, 2 special, 3 empty); 0xFFFF at start.</summary>
    public ushort FpTag;

    /// <summary>x87 last instruction opcode (11 bits), kept for fnstenv/fnsave/fxsave.</summary>
    public ushort FpOpcode;

    /// <summary>x87 last instruction and data pointers, kept for fnstenv/fnsave/fxsave.</summary>
    public uint FpIp, FpDp;

    /// <summary>
    /// A GCHandle (as IntPtr) to the <see cref="GuestMemory"/> of this CPU, so helpers that only
    /// get the CpuState pointer can reach guest memory: see <see cref="GuestMemory.Of"/>.
    /// </summary>
    public nint MemoryHandle;

    /// <summary>Reads a 32-bit general register by its x86 encoding (0 = EAX ... 7 = EDI).</summary>
    public uint GetReg(int index)
    {
        fixed (uint* p = &Eax) return p[index];
    }

    /// <summary>Writes a 32-bit general register by its x86 encoding.</summary>
    public void SetReg(int index, uint value)
    {
        fixed (uint* p = &Eax) p[index] = value;
    }

    /// <summary>The full EFLAGS value, materialised from the lazy representation.</summary>
    public readonly uint Eflags =>
        LazyFlags.Compute(CcOp, CcDst, CcSrc, CcSrc2) | (Df == 0xFFFF_FFFFu ? Flags.DF : 0) | EflagsRest | Flags.Reserved1;

    /// <summary>Loads EFLAGS (as popf does from user mode): arithmetic flags, DF, and the user-writable rest.</summary>
    public void SetEflags(uint value)
    {
        CcOp = (uint)Hdbt.Guest.CcOp.Eflags;
        CcSrc = value & Flags.Arith;
        CcDst = 0;
        CcSrc2 = 0;
        Df = (value & Flags.DF) != 0 ? 0xFFFF_FFFFu : 1u;
        EflagsRest = value & Flags.UserWritableRest;
    }
}
