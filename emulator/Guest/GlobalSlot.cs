namespace Hdbt.Guest;

/// <summary>IR global slots: the index of each leading 32-bit field of <see cref="CpuState"/>.</summary>
public enum GlobalSlot
{
    Eax, Ecx, Edx, Ebx, Esp, Ebp, Esi, Edi,
    Eip,
    CcOp, CcDst, CcSrc, CcSrc2,
    Df,
    EflagsRest,
    EsBase, CsBase, SsBase, DsBase, FsBase, GsBase,
}
