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
