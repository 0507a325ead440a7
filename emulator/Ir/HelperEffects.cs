namespace Hdbt.Ir;

/// <summary>What a helper call may do besides computing its result; passes must respect these.</summary>
[Flags]
public enum HelperEffects : byte
{
    /// <summary>A pure function of its arguments.</summary>
    None = 0,
    /// <summary>Reads CpuState fields (so globals must be up to date in CpuState before the call).</summary>
    ReadsGlobals = 1,
    /// <summary>Writes CpuState fields (so globals must be reloaded after the call).</summary>
    WritesGlobals = 2,
    /// <summary>May raise a guest fault (EIP must hold the current instruction's pc).</summary>
    CanFault = 4,
    /// <summary>Has an effect outside the CPU state (time, host state): never removed.</summary>
    SideEffects = 8,
    /// <summary>Reads guest memory itself (through <c>GuestMemory.Of(cpu)</c>); may fault like a load.</summary>
    ReadsMemory = 16,
    /// <summary>Writes guest memory itself; ordered with the block's loads and stores, never removed.</summary>
    WritesMemory = 32,
}
