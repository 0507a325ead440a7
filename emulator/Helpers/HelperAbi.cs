using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Hdbt.Guest;
using Hdbt.Ir;

namespace Hdbt.Helpers;

/// <summary>
/// The one native-callable ABI of the helpers, for every backend that generates host code (tcg, llvm):
/// one trampoline for every IR helper and the slow paths of guest loads and stores. Each is
/// <c>[UnmanagedCallersOnly]</c> and catches every exception, so nothing unwinds through generated
/// code: a caught exception is kept here and the result has bit 32 set, which makes the generated
/// code leave with its fault exit; the engine then rethrows it (<see cref="TakePending"/>).
/// </summary>
public static unsafe class HelperAbi
{
    /// <summary>Bit of a trampoline's 64-bit result that says "faulted, see <see cref="TakePending"/>".</summary>
    public const int FaultBit = 32;
    private const ulong Faulted = 1ul << FaultBit;

    // One guest thread per process: the pending exception needs no synchronization.
    private static ExceptionDispatchInfo? s_pending;

    /// <summary>The exception recorded by the last faulting call out of generated code.</summary>
    public static ExceptionDispatchInfo? TakePending()
    {
        var p = s_pending;
        s_pending = null;
        return p;
    }

    /// <summary>
    /// What a backend does at a fault exit of its generated code: rethrows the exception the faulting call recorded,
    /// with the guest pc in EIP (the instruction that faulted) as the fault's pc if it has none.
    /// </summary>
    /// <param name="cpu">The guest's CpuState.</param>
    /// <param name="backend">The backend's name, for the internal error when nothing was recorded.</param>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void RethrowPending(CpuState* cpu, string backend)
    {
        var pending = TakePending() ?? throw new InvalidOperationException($"{backend}: fault exit without a pending exception");
        if (pending.SourceException is GuestFaultException e)
        {
            e.Pc ??= cpu->Eip;
            cpu->Eip = e.Pc.Value;
        }
        pending.Throw();
    }

    /// <summary>Host addresses of the entry points, for generated code.</summary>
    public static ulong CallHelperAddress => (ulong)(delegate* unmanaged<CpuState*, uint, uint, uint, uint, uint, ulong>)&CallHelper;
    public static ulong LoadSlowAddress => (ulong)(delegate* unmanaged<CpuState*, uint, uint, ulong>)&LoadSlow;
    public static ulong StoreSlowAddress => (ulong)(delegate* unmanaged<CpuState*, uint, uint, uint, ulong>)&StoreSlow;

    [UnmanagedCallersOnly]
    private static ulong CallHelper(CpuState* cpu, uint id, uint a0, uint a1, uint a2, uint a3)
    {
        try
        {
            return HelperImplementations.Get((HelperId)id)(cpu, a0, a1, a2, a3);
        }
        catch (Exception e)
        {
            return Record(e);
        }
    }

    /// <summary>A guest load whose inline check failed: reads through the checked accessors (kind is a <see cref="MemOp"/>).</summary>
    [UnmanagedCallersOnly]
    private static ulong LoadSlow(CpuState* cpu, uint address, uint kind)
    {
        try
        {
            var m = GuestMemory.Of(cpu);
            return (MemOp)kind switch
            {
                MemOp.U8 => m.Read8(address),
                MemOp.S8 => (uint)(sbyte)m.Read8(address),
                MemOp.U16 => m.Read16(address),
                MemOp.S16 => (uint)(short)m.Read16(address),
                _ => m.Read32(address),
            };
        }
        catch (Exception e)
        {
            return Record(e);
        }
    }

    /// <summary>A guest store whose inline check failed (read-only page, page holding code, page crossing).</summary>
    [UnmanagedCallersOnly]
    private static ulong StoreSlow(CpuState* cpu, uint address, uint value, uint kind)
    {
        try
        {
            var m = GuestMemory.Of(cpu);
            switch ((MemOp)kind)
            {
                case MemOp.U8 or MemOp.S8: m.Write8(address, (byte)value); break;
                case MemOp.U16 or MemOp.S16: m.Write16(address, (ushort)value); break;
                default: m.Write32(address, value); break;
            }
            return 0;
        }
        catch (Exception e)
        {
            return Record(e);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong Record(Exception e)
    {
        s_pending = ExceptionDispatchInfo.Capture(e);
        return Faulted;
    }
}
