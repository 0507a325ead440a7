using System.Runtime.InteropServices;

namespace Hdbt.Llvm;

/// <summary>
/// Native state shared by LLVM-generated units and <see cref="LlvmBackend"/>: passed to every unit as its fourth
/// argument. Units write the raise fields before a <see cref="Backend.ExitKind.Raise"/> exit and read
/// <see cref="CodeWritePending"/> after an instruction that stored.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct LlvmUnitContext
{
    /// <summary>Signal, address and whether there is one, of the last <c>raise</c> exit.</summary>
    public uint RaiseSignal, RaiseAddress, RaiseHasAddress;

    /// <summary>
    /// Set to 1 by <see cref="LlvmBackend.Invalidate"/> when the unit being run is invalidated (a store of its own,
    /// or a helper's write, hit its code): the unit tests it at the start of each instruction after one that stored
    /// and leaves there with <see cref="Backend.ExitKind.CodeModified"/>, as interp does. Cleared before each call
    /// into a unit.
    /// </summary>
    public uint CodeWritePending;

    /// <summary>Byte offsets of the fields, for generated code.</summary>
    public static readonly int RaiseSignalOffset = (int)Marshal.OffsetOf<LlvmUnitContext>(nameof(RaiseSignal));
    public static readonly int RaiseAddressOffset = (int)Marshal.OffsetOf<LlvmUnitContext>(nameof(RaiseAddress));
    public static readonly int RaiseHasAddressOffset = (int)Marshal.OffsetOf<LlvmUnitContext>(nameof(RaiseHasAddress));
    public static readonly int CodeWritePendingOffset = (int)Marshal.OffsetOf<LlvmUnitContext>(nameof(CodeWritePending));
}
