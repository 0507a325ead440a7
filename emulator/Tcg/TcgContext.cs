using Hdbt.Backend;
using System.Runtime.InteropServices;

namespace Hdbt.Tcg;

/// <summary>
/// Native state shared by generated code and the TCG runtime. It lives at the start of the code
/// buffer, so generated code reaches every field RIP-relative without a register.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct TcgContext
{
    /// <summary>Stack pointer at the end of the prologue: the host-fault recovery stub restores it.</summary>
    public ulong SavedRsp;

    /// <summary>Signal, address and whether there is one, of the last <c>raise</c> exit.</summary>
    public uint RaiseSignal, RaiseAddress, RaiseHasAddress;

    /// <summary>Host address of the jump cache (<see cref="JumpCacheEntry"/>[<see cref="JumpCacheIndex.Size"/>]).</summary>
    public ulong JumpCache;

    /// <summary>Indirect jumps whose target generated code found in the jump cache.</summary>
    public ulong JumpCacheHits;

    /// <summary>
    /// Nonzero while the guest's x87 state is in the host's x87 unit (see <c>Emit/X87.cs</c>);
    /// zero whenever C# runs, when it is in <c>CpuState</c>.
    /// </summary>
    public uint X87Live;

    /// <summary>
    /// Set to 1 when translated code was invalidated while generated code runs (by the host fault handler, for a
    /// store into a write-protected code page, or by C#, for a helper's or slow path's write): generated code
    /// tests it after each instruction that stored and leaves at that boundary (<see cref="ExitKind.CodeModified"/>).
    /// Cleared on every entry from the engine.
    /// </summary>
    public uint CodeWritePending;

    /// <summary>The 108-byte fnsave/frstor image the x87 stubs move the guest's x87 state through.</summary>
    public fixed byte X87Image[X87ImageSize];

    public const int X87ImageSize = 108;
}
