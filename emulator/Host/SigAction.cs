using System.Runtime.InteropServices;

namespace Hdbt.Host;

/// <summary>
/// glibc's <c>struct sigaction</c> on x86-64 (152 bytes): handler at 0, a 1024-bit <c>sa_mask</c> at 8,
/// <c>sa_flags</c> at 136, <c>sa_restorer</c> at 144. Used with libc's <c>sigaction</c>, which adds
/// SA_RESTORER and its own restorer, so hdbt never has to provide one.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
internal unsafe struct SigAction
{
    public const int Size = 152, HandlerOffset = 0, MaskOffset = 8, FlagsOffset = 136;

    /// <summary>sa_handler or sa_sigaction (a union); 0 = SIG_DFL, 1 = SIG_IGN.</summary>
    [FieldOffset(HandlerOffset)] public nint Handler;

    /// <summary>sa_mask: signals blocked while the handler runs (besides the signal itself unless SA_NODEFER).</summary>
    [FieldOffset(MaskOffset)] public fixed ulong Mask[16];

    [FieldOffset(FlagsOffset)] public int Flags;

    [FieldOffset(144)] public nint Restorer;

    public const int SaSigInfo = 0x4, SaOnStack = 0x08000000, SaRestart = 0x10000000, SaNoDefer = 0x40000000,
        SaResetHand = unchecked((int)0x80000000);
}
